using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Files;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Teams.Activities;
using PromiseBot.Teams.Connector;

namespace PromiseBot.Teams.Messaging;

/// <summary>
/// Sends outbox messages through the Bot Connector. A channel destination is a conversation id whose stored
/// <see cref="ConversationReference"/> gives the serviceUrl and bot id; a user destination goes to the user's personal
/// chat, created with <c>POST v3/conversations</c> when none is stored yet (then stored, so it is created once). The
/// message is one Adaptive Card attachment, each image of it an activity of its own, and each other file (an export) a
/// file consent card in a personal chat or a download link in the card elsewhere (<see cref="Hosting.TeamsFileLinks"/>). A channel address with <c>;messageid=</c> is a thread: the message is
/// posted as a reply to the thread's root, so answers stay in the thread that asked. Answers are classified for the dispatcher, never thrown
/// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages,
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit).
/// </summary>
public sealed partial class TeamsMessenger(
    BotConnectorClient connector,
    IConversationReferenceStore references,
    ITeamsCardRenderer renderer,
    IHeldFileStore files,
    TimeProvider time,
    ILogger<TeamsMessenger> logger,
    Hosting.TeamsFileLinks? links = null) : IResumableChatMessenger
{
    /// <summary>Teams' 403 sub-code when the user blocked or uninstalled the bot.</summary>
    public const string MessageWritesBlocked = "MessageWritesBlocked";

    public const string ConversationUnknown = "conversation_unknown";

    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public const string FileConsentContentType = "application/vnd.microsoft.teams.card.file.consent";

    public const string FileInfoContentType = "application/vnd.microsoft.teams.card.file.info";

    /// <summary>How long a file offered with a consent card waits for the person to accept it.</summary>
    public static readonly TimeSpan FileOfferLifetime = TimeSpan.FromHours(24);

    private const string Personal = "personal";

    /// <summary>Used when a 429 carries no usable Retry-After.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public ChatPlatform Platform => ChatPlatform.Teams;

    /// <summary>An activity Teams takes (the Bot Framework validator's limit, which we hold every activity to).</summary>
    public const int MaxActivityBytes = 28 * 1024;

    public Task<SendResult> SendAsync(Destination destination, Reply message, CancellationToken cancellationToken) =>
        SendAsync(destination, message, new InMemoryDeliveryProgress(), cancellationToken);

    /// <summary>
    /// The card, then each image of the reply (a report's charts) as an activity of its own with one inline PNG
    /// (a data URI), so every activity stays under <see cref="MaxActivityBytes"/>; an image too large for that is left
    /// out (logged). Each step is recorded on the outbox row: a retry never posts the card again nor an image marked
    /// sent. An image whose send was started but not recorded is sent again (Teams has no idempotency key): at most twice.
    /// </summary>
    public async Task<SendResult> SendAsync(Destination destination, Reply message, IDeliveryProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(progress);
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
            var into = thread is not null ? target with { ConversationId = destination.Address } : target;
            if (message.Blocks.OfType<AcceptedFileBlock>().FirstOrDefault() is { } accepted)
            {
                return await DeliverAcceptedFileAsync(destination, into, thread, message, accepted, progress, cancellationToken).ConfigureAwait(false);
            }

            var personal = into.ConversationType == Personal;
            var posted = progress.Current;
            if (!posted.IsPosted)
            {
                var shown = personal || links is not { IsOn: true }
                    ? WithFileNotes(message, personal)
                    : await WithDownloadLinksAsync(destination.Workspace, message, links, cancellationToken).ConfigureAwait(false);
                var id = await PostAsync(into, thread, Activity(into, shown, CardAttachment(shown)), cancellationToken).ConfigureAwait(false);
                posted = posted with { MessageId = id, Conversation = into.ConversationId };
                if (!await progress.SaveAsync(posted, cancellationToken).ConfigureAwait(false))
                {
                    return ClaimLost;
                }
            }

            var images = message.Blocks.OfType<FileBlock>().Where(f => f.IsImage).ToList();
            for (var i = 0; i < images.Count; i++)
            {
                if (progress.Current.File(i) is { Step: FileStep.Completed })
                {
                    continue;
                }

                var attachments = new JsonArray();
                Cards.AdaptiveCardRenderer.AddImages(attachments, message with { Blocks = [images[i]] });
                var activity = Activity(into, message with { Summary = images[i].Title }, attachments);
                if (System.Text.Encoding.UTF8.GetByteCount(activity.ToJsonString()) > MaxActivityBytes)
                {
                    LogImageTooLarge(logger, destination.Workspace.Value, destination.Address, images[i].FileName, images[i].Content.Length);
                    if (!await progress.SaveAsync(progress.Current.WithFile(i, new FileProgress("too-large", FileStep.Completed)), cancellationToken).ConfigureAwait(false))
                    {
                        return ClaimLost;
                    }

                    continue;
                }

                if (!await progress.SaveAsync(progress.Current.WithFile(i, new FileProgress("image-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), FileStep.Completing)), cancellationToken).ConfigureAwait(false))
                {
                    return ClaimLost;
                }

                var imageId = await PostAsync(into, thread, activity, cancellationToken).ConfigureAwait(false);
                if (!await progress.SaveAsync(progress.Current.WithFile(i, new FileProgress(imageId, FileStep.Completed)), cancellationToken).ConfigureAwait(false))
                {
                    return ClaimLost;
                }
            }

            // Other files (an export) are offered with a file consent card, in a personal chat only: Teams lets a bot
            // send files nowhere else. The file is held until it is accepted (then uploaded), declined, or expires.
            var others = personal ? message.Blocks.OfType<FileBlock>().Where(f => !f.IsImage).ToList() : [];
            for (var j = 0; j < others.Count; j++)
            {
                var index = images.Count + j;
                var step = progress.Current.File(index);
                if (step is { Step: FileStep.Completed })
                {
                    continue;
                }

                // Uploading here means: held under this id, its consent card not yet recorded as sent. A retry offers the
                // same held file again (a second card at most), never holds it twice.
                var held = step?.FileId;
                if (held is null)
                {
                    var file = others[j];
                    held = await files.AddAsync(destination.Workspace, new HeldFile(file.FileName, file.MediaType, file.Content), Now(), Now() + Duration.FromTimeSpan(FileOfferLifetime), cancellationToken)
                        .ConfigureAwait(false);
                    if (!await progress.SaveAsync(progress.Current.WithFile(index, new FileProgress(held, FileStep.Uploading)), cancellationToken).ConfigureAwait(false))
                    {
                        return ClaimLost;
                    }
                }

                var consent = Activity(into, message with { Summary = "File: " + others[j].FileName }, new JsonArray(ConsentAttachment(others[j], held)));
                var consentId = await PostAsync(into, thread, consent, cancellationToken).ConfigureAwait(false);
                if (!await progress.SaveAsync(progress.Current.WithFile(index, new FileProgress(consentId, FileStep.Completed)), cancellationToken).ConfigureAwait(false))
                {
                    return ClaimLost;
                }
            }

            return new SendResult.Sent(posted.MessageId!, posted.Conversation);
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
    /// An accepted file consent: PUT the held bytes to the upload URL Teams gave (recorded once done, so a retry does
    /// not upload again), then post the file info card that shows the file in the chat, and forget the held copy. A
    /// file no longer held (expired, or accepted on a card already used) is answered with a line saying so.
    /// </summary>
    private async Task<SendResult> DeliverAcceptedFileAsync(
        Destination destination, ConversationReference into, string? thread, Reply message, AcceptedFileBlock accepted, IDeliveryProgress progress, CancellationToken cancellationToken)
    {
        if (progress.Current.File(0) is null)
        {
            var held = await files.GetAsync(destination.Workspace, accepted.HeldFileId, Now(), cancellationToken).ConfigureAwait(false);
            if (held is null)
            {
                var gone = $"{accepted.FileName} is no longer waiting to be sent (a file is offered for {FileOfferLifetime.TotalHours:0} hours, and once): run the command again to get a new one.";
                var note = Reply.Private(ReplyTone.Info, gone, new TextBlock(new PlainRun(gone)));
                var noteId = await PostAsync(into, thread, Activity(into, note, CardAttachment(note)), cancellationToken).ConfigureAwait(false);
                return new SendResult.Sent(noteId, into.ConversationId);
            }

            await connector.UploadFileAsync(accepted.UploadUrl, held.Content, cancellationToken).ConfigureAwait(false);
            if (!await progress.SaveAsync(progress.Current.WithFile(0, new FileProgress(accepted.HeldFileId, FileStep.Completing)), cancellationToken).ConfigureAwait(false))
            {
                return ClaimLost;
            }
        }

        var posted = progress.Current;
        if (!posted.IsPosted)
        {
            var info = new JsonObject
            {
                ["contentType"] = FileInfoContentType,
                ["contentUrl"] = accepted.ContentUrl,
                ["name"] = accepted.FileName,
                ["content"] = new JsonObject { ["uniqueId"] = accepted.UniqueId, ["fileType"] = accepted.FileType },
            };
            var id = await PostAsync(into, thread, Activity(into, message, new JsonArray(info)), cancellationToken).ConfigureAwait(false);
            posted = posted with { MessageId = id, Conversation = into.ConversationId };
            if (!await progress.SaveAsync(posted.WithFile(0, new FileProgress(accepted.HeldFileId, FileStep.Completed)), cancellationToken).ConfigureAwait(false))
            {
                return ClaimLost;
            }

            await files.ForgetAsync(destination.Workspace, accepted.HeldFileId, cancellationToken).ConfigureAwait(false);
        }

        return new SendResult.Sent(posted.MessageId!, posted.Conversation);
    }

    /// <summary>Teams' file consent card for <paramref name="file"/>, held as <paramref name="held"/>: accept and decline echo its id.</summary>
    private static JsonObject ConsentAttachment(FileBlock file, string held) => new()
    {
        ["contentType"] = FileConsentContentType,
        ["name"] = file.FileName,
        ["content"] = new JsonObject
        {
            ["description"] = file.Title,
            ["sizeInBytes"] = file.Content.Length,
            ["acceptContext"] = new JsonObject { [TeamsActivityTranslator.FileConsentContextKey] = held },
            ["declineContext"] = new JsonObject { [TeamsActivityTranslator.FileConsentContextKey] = held },
        },
    };

    /// <summary>
    /// The reply with each file that is not an image (an export) replaced by a line saying how it comes: in a personal
    /// chat, on the file card that follows; elsewhere, only in the 1:1 chat with the bot.
    /// </summary>
    internal static Reply WithFileNotes(Reply message, bool personal) => message with
    {
        Blocks = [.. message.Blocks.Select(b => b is FileBlock { IsImage: false } file
            ? new ContextBlock(new PlainRun(personal
                ? $"{file.FileName} ({file.SizeText}) comes on the file card below: choose Allow to save it to your OneDrive. It waits for {FileOfferLifetime.TotalHours:0} hours."
                : $"{file.FileName}: Teams lets a bot send files only in a 1:1 chat. Send the same command to PromiseBot in your chat with it to get the file."))
            : b)],
    };

    /// <summary>
    /// The reply with each file that is not an image replaced by a short-lived download link to it (a channel or group
    /// chat, where Teams takes no files from a bot). A retry before the card was recorded as posted holds the file
    /// again; the copy nobody links to expires with its hour.
    /// </summary>
    private static async Task<Reply> WithDownloadLinksAsync(WorkspaceId workspace, Reply message, Hosting.TeamsFileLinks links, CancellationToken cancellationToken)
    {
        var blocks = new List<ReplyBlock>();
        foreach (var block in message.Blocks)
        {
            if (block is not FileBlock { IsImage: false } file || await links.CreateAsync(workspace, file, cancellationToken).ConfigureAwait(false) is not { } url)
            {
                blocks.Add(block);
                continue;
            }

            blocks.Add(new TextBlock(new LinkRun(url, "Download " + file.FileName), new PlainRun($" ({file.SizeText})")));
            blocks.Add(new ContextBlock(new PlainRun(
                $"The link works for {Hosting.TeamsFileLinks.Lifetime.TotalHours:0} hour, for anyone who has it. In your 1:1 chat with PromiseBot the file comes as a file.")));
        }

        return message with { Blocks = blocks };
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

    private static readonly SendResult ClaimLost = new SendResult.Transient("claim_lost");

    // A thread's answers are replies to its root; anything else is a new activity in the conversation.
    private Task<string> PostAsync(ConversationReference into, string? thread, JsonObject activity, CancellationToken cancellationToken) =>
        thread is not null
            ? connector.ReplyToActivityAsync(into.ServiceUrl, into.ConversationId, thread, activity, cancellationToken)
            : connector.SendActivityAsync(into.ServiceUrl, into.ConversationId, activity, cancellationToken);

    private JsonArray CardAttachment(Reply message) =>
        new(new JsonObject { ["contentType"] = CardContentType, ["content"] = renderer.Render(message) });

    /// <summary>An outgoing message activity: camelCase, the given attachments, the summary for notifications.</summary>
    private static JsonObject Activity(ConversationReference target, Reply message, JsonArray attachments)
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
            ["attachments"] = attachments,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = target.TenantId } },
        };
        if (target.ConversationType == Personal && target.UserId is { } user)
        {
            activity["recipient"] = new JsonObject { ["id"] = user };
        }

        return activity;
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

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning,
        Message = "Teams: image {File} ({Bytes} bytes) for {Address} in {Workspace} does not fit one activity; left out")]
    private static partial void LogImageTooLarge(ILogger logger, string workspace, string address, string file, int bytes);

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information,
        Message = "Teams: user {User} in {Workspace} blocked or uninstalled the bot (403 MessageWritesBlocked, operation {CorrelationId}); marked unreachable")]
    private static partial void LogUserUnreachable(ILogger logger, string workspace, string user, string? correlationId);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning,
        Message = "Teams: the stored conversation reference for {Address} in {Workspace} has a serviceUrl this bot may not send to (not https; in the local mode, not loopback): {ServiceUrl}")]
    private static partial void LogBadReference(ILogger logger, string workspace, string address, string serviceUrl);
}
