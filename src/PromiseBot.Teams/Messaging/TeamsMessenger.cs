using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Teams.Activities;
using PromiseBot.Teams.Connector;

namespace PromiseBot.Teams.Messaging;

/// <summary>
/// Sends outbox messages through the Bot Connector. A channel destination is a conversation id whose stored
/// <see cref="ConversationReference"/> gives the serviceUrl and bot id; a user destination goes to the user's personal
/// chat, created with <c>POST v3/conversations</c> when none is stored yet (then stored, so it is created once). The
/// message is one Adaptive Card attachment. A channel address with <c>;messageid=</c> is a thread: the message is
/// posted as a reply to the thread's root, so answers stay in the thread that asked. Answers are classified for the dispatcher, never thrown
/// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages,
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit).
/// </summary>
public sealed partial class TeamsMessenger(
    BotConnectorClient connector,
    IConversationReferenceStore references,
    ITeamsCardRenderer renderer,
    TimeProvider time,
    ILogger<TeamsMessenger> logger) : IChatMessenger
{
    /// <summary>Teams' 403 sub-code when the user blocked or uninstalled the bot.</summary>
    public const string MessageWritesBlocked = "MessageWritesBlocked";

    public const string ConversationUnknown = "conversation_unknown";

    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    private const string Personal = "personal";

    /// <summary>Used when a 429 carries no usable Retry-After.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public ChatPlatform Platform => ChatPlatform.Teams;

    public async Task<SendResult> SendAsync(Destination destination, Reply message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(message);
        string? recipient = destination.Kind == DestinationKind.User ? destination.Address : null;
        try
        {
            // A channel thread is addressed as "{channel};messageid={root}": the reference is stored per channel, and
            // the answer goes into that thread as a reply to its root message.
            var thread = destination.Kind == DestinationKind.Channel ? ThreadRootOf(destination.Address) : null;
            var target = destination.Kind == DestinationKind.User
                ? await PersonalConversationAsync(destination, cancellationToken).ConfigureAwait(false)
                : await references.FindConversationAsync(destination.Workspace, destination.Address, cancellationToken).ConfigureAwait(false);
            if (target is not null)
            {
                // A conversation stored under exactly this id is a conversation of its own, not a thread.
                thread = null;
            }
            else if (thread is not null)
            {
                target = await references.FindConversationAsync(
                    destination.Workspace, TeamsActivityTranslator.ConversationIdOf(destination.Address), cancellationToken).ConfigureAwait(false);
            }
            if (target is null)
            {
                return new SendResult.Permanent(ConversationUnknown);
            }

            if (!connector.CanSendTo(target.ServiceUrl))
            {
                // Not https (or not a URL; in the local mode: not loopback): the bearer token (or, unauthenticated, the
                // message) must not go there, and no retry changes a stored URL.
                LogBadReference(logger, destination.Workspace.Value, destination.Address, target.ServiceUrl);
                return new SendResult.Permanent("invalid_service_url");
            }

            recipient ??= target.ConversationType == Personal ? target.UserId : null;
            if (thread is not null)
            {
                var conversation = destination.Address;
                var reply = await connector.ReplyToActivityAsync(
                    target.ServiceUrl, conversation, thread, Activity(target with { ConversationId = conversation }, message), cancellationToken)
                    .ConfigureAwait(false);
                return new SendResult.Sent(reply, conversation);
            }

            var id = await connector.SendActivityAsync(target.ServiceUrl, target.ConversationId, Activity(target, message), cancellationToken)
                .ConfigureAwait(false);
            return new SendResult.Sent(id, target.ConversationId);
        }
        catch (BotConnectorException e)
        {
            if (e.Status == HttpStatusCode.Forbidden && e.ErrorCode == MessageWritesBlocked && recipient is not null)
            {
                await references.SetUserReachableAsync(destination.Workspace, recipient, false, Now(), cancellationToken).ConfigureAwait(false);
                LogUserUnreachable(logger, destination.Workspace.Value, recipient, e.CorrelationId);
            }

            return Classify(e);
        }
        catch (Exception e) when (TeamsTransientFailure.Is(e, cancellationToken))
        {
            // Unreachable, unreadable, or HttpClient.Timeout elapsed (our own token was not cancelled).
            return new SendResult.Transient(TeamsTransientFailure.Describe(e));
        }
    }

    /// <summary>
    /// The Bot Connector's answers, mapped to what the dispatcher does next (Teams rate-limit guidance: retry 429 after
    /// Retry-After; retry 412, 502, 504 with backoff).
    /// </summary>
    internal static SendResult Classify(BotConnectorException e)
    {
        if (e.Status is not { } status)
        {
            // A 2xx whose body we could not read: the message may or may not exist; retrying risks a duplicate, but
            // losing a digest is worse and the connector answers this way only when something upstream misbehaves.
            return new SendResult.Transient(e.ErrorCode ?? "invalid_response");
        }

        var code = (int)status;
        var error = e.IsTokenFailure ? "token_http_" + code : "http_" + code;
        if (e.ErrorCode is { } detail)
        {
            error += ":" + detail;
        }

        if (status == HttpStatusCode.TooManyRequests)
        {
            return new SendResult.Throttled(e.RetryAfter ?? DefaultRetryAfter);
        }

        if (status == HttpStatusCode.Forbidden && e.ErrorCode == MessageWritesBlocked)
        {
            return new SendResult.Permanent(MessageWritesBlocked);
        }

        if (code >= 500 || status is HttpStatusCode.PreconditionFailed or HttpStatusCode.RequestTimeout)
        {
            return new SendResult.Transient(error);
        }

        // 400 (bad activity), 401/403 (credentials, permissions), 404 (conversation gone), 413 (too big): a retry
        // would get the same answer.
        return new SendResult.Permanent(error);
    }

    private async Task<ConversationReference?> PersonalConversationAsync(Destination destination, CancellationToken cancellationToken)
    {
        var user = destination.Address;
        var known = await references.FindForUserAsync(destination.Workspace, user, cancellationToken).ConfigureAwait(false);
        if (known is null)
        {
            return null;
        }

        if (!connector.CanSendTo(known.ServiceUrl))
        {
            // The caller refuses it before any request; creating a conversation there would leak the token.
            return known;
        }

        if (known.ConversationType == Personal && (known.UserId == user || known.AadObjectId == user))
        {
            return known;
        }

        // Any reference in the workspace teaches us the serviceUrl, bot id and tenant needed to open the 1:1 chat.
        var conversationId = await connector.CreatePersonalConversationAsync(known.ServiceUrl, known.BotId, user, known.TenantId, cancellationToken)
            .ConfigureAwait(false);
        var personal = new ConversationReference(
            destination.Workspace, conversationId, Personal, known.ServiceUrl, known.TenantId, known.BotId, user, null, Now());
        await references.UpsertAsync(personal, cancellationToken).ConfigureAwait(false);
        return personal;
    }

    /// <summary>An outgoing message activity: camelCase, the card (then any chart images) as attachments, the summary for notifications.</summary>
    private JsonObject Activity(ConversationReference target, Reply message)
    {
        var conversation = new JsonObject
        {
            ["id"] = target.ConversationId,
            ["conversationType"] = target.ConversationType,
            ["tenantId"] = target.TenantId,
        };
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = target.BotId },
            ["conversation"] = conversation,
            ["summary"] = message.Summary,
            ["attachments"] = Attachments(message),
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = target.TenantId } },
        };
        if (target.ConversationType == Personal && target.UserId is { } user)
        {
            activity["recipient"] = new JsonObject { ["id"] = user };
        }

        return activity;
    }

    private JsonArray Attachments(Reply message)
    {
        var attachments = new JsonArray(new JsonObject { ["contentType"] = CardContentType, ["content"] = renderer.Render(message) });
        Cards.AdaptiveCardRenderer.AddImages(attachments, message);
        return attachments;
    }

    private Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());

    /// <summary>The root message id of a channel thread address (<c>19:...@thread.tacv2;messageid=123</c>), else null.</summary>
    internal static string? ThreadRootOf(string address)
    {
        var at = address.IndexOf(TeamsActivityTranslator.ThreadSuffix, StringComparison.OrdinalIgnoreCase);
        if (at <= 0)
        {
            return null;
        }

        var root = address[(at + TeamsActivityTranslator.ThreadSuffix.Length)..];
        return TeamsActivityTranslator.IsThreadRoot(root) ? root : null;
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information,
        Message = "Teams: user {User} in {Workspace} blocked or uninstalled the bot (403 MessageWritesBlocked, operation {CorrelationId}); marked unreachable")]
    private static partial void LogUserUnreachable(ILogger logger, string workspace, string user, string? correlationId);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning,
        Message = "Teams: the stored conversation reference for {Address} in {Workspace} has a serviceUrl this bot may not send to (not https; in the local mode, not loopback): {ServiceUrl}")]
    private static partial void LogBadReference(ILogger logger, string workspace, string address, string serviceUrl);
}
