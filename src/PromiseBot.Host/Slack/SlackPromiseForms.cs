using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using PromiseBot.Slack.Interactivity;
using PromiseBot.Slack.Rendering;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Host.Slack;

/// <summary>
/// The "New promise" form: opened by the global shortcut, or by "Track as promise" on a message (prefilled with the
/// message's text, its author and channel; the message's permalink becomes the promise's source). A submission is
/// checked field by field (<c>response_action: errors</c> keeps the form open with the problem under the input),
/// then stored like a typed <c>add</c>, and the confirmation goes to the person by DM through the outbox.
/// </summary>
public sealed partial class SlackPromiseForms(
    PromiseCommandService commands,
    ISlackUserDirectory users,
    SlackWebApiClient slack,
    IOutbox outbox,
    TimeProvider time,
    ILogger<SlackPromiseForms> logger)
{
    public const string ReplyKeyPrefix = "slack:view-reply:";

    // users.info for the owner and backup checks runs inside Slack's 3 s; a slow answer skips the check.
    private static readonly TimeSpan UserCheckTimeout = TimeSpan.FromSeconds(1);

    public Task OpenCreateAsync(SlackInteraction.GlobalShortcut shortcut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shortcut);
        return OpenAsync(shortcut.Team, shortcut.User, shortcut.TriggerId, title: null, source: null, new JsonObject(), askChannel: true, cancellationToken);
    }

    public async Task OpenCreateAsync(SlackInteraction.MessageShortcut shortcut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shortcut);
        var permalink = await PermalinkAsync(shortcut, cancellationToken).ConfigureAwait(false);
        var meta = new JsonObject { ["c"] = shortcut.Channel, ["src"] = permalink };
        // Both ids come from Slack's signed payload; checked anyway before they go into mrkdwn.
        var where = IsSlackId(shortcut.Channel) ? $" in <#{shortcut.Channel}>" : string.Empty;
        var from = shortcut.MessageAuthor is { } author && IsSlackId(author) ? $"From <@{author}>{where}" : "From a message" + where;
        await OpenAsync(shortcut.Team, shortcut.User, shortcut.TriggerId, ToPlainText(shortcut.MessageText), from, meta, askChannel: false, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<JsonObject?> OnCreateSubmittedAsync(SlackInteraction.ViewSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var meta = SlackInteractionSupport.ReadMetadata(submission.PrivateMetadata) ?? new JsonObject();
        var values = submission.Values;
        var workspace = new WorkspaceId(submission.Team);
        var user = new UserId(submission.User);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var zoneId = await users.GetTimeZoneAsync(workspace, user, cancellationToken).ConfigureAwait(false);
        var channel = meta.String("c") ?? values.GetValueOrDefault(SlackModals.Fields.Channel) ?? submission.User;
        var inbound = new InboundCommand(
            ChatPlatform.Slack, workspace, channel, IsDirectMessage: channel == submission.User || channel.StartsWith('D'), user, string.Empty, now,
            SlackPromiseActions.ViewKeyPrefix + submission.ViewId, zoneId);

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var title = values.GetValueOrDefault(SlackModals.Fields.Title);
        if (PromiseForm.TitleProblem(title) is { } titleProblem)
        {
            errors[SlackModals.Fields.Title] = titleProblem;
        }

        if (SlackInteractionSupport.TryReadDue(values, commands.ZoneFor(inbound), errors, out var due, out var phrase)
            && PromiseForm.DueProblem(due, now) is { } past)
        {
            errors[SlackModals.Fields.DueDate] = past;
        }

        var customer = Optional(values, SlackModals.Fields.Customer);
        if (PromiseForm.CustomerProblem(customer) is { } customerProblem)
        {
            errors[SlackModals.Fields.Customer] = customerProblem;
        }

        if (!PromiseForm.TryCategory(values.GetValueOrDefault(SlackModals.Fields.Category), out var category, out var categoryProblem))
        {
            errors[SlackModals.Fields.Category] = categoryProblem!;
        }

        var owner = Optional(values, SlackModals.Fields.Owner) ?? submission.User;
        var backup = Optional(values, SlackModals.Fields.Backup);
        if (backup is not null && backup == owner)
        {
            errors[SlackModals.Fields.Backup] = "Pick someone other than the owner.";
        }

        await CheckPeopleAsync(submission.Team, owner, backup, errors, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return SlackInteractionSupport.Errors(errors);
        }

        var create = new CreatePromiseCommand(
            PromiseForm.CleanText(title!), new ResolvedDue(due, TimeDefaulted: false, phrase), customer is null ? null : PromiseForm.CleanText(customer),
            new UserId(owner), category, backup is null ? null : new UserId(backup), meta.String("src"));
        var reply = await commands.ApplyAsync(inbound, create, cancellationToken).ConfigureAwait(false);

        // Keyed by the view, so a resubmitted form neither stores twice nor confirms twice.
        await outbox.EnqueueAsync(
            [new OutboundMessage(new Destination(ChatPlatform.Slack, workspace, DestinationKind.User, submission.User), reply, ReplyKeyPrefix + submission.ViewId, now)],
            cancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task OpenAsync(string team, string user, string triggerId, string? title, string? source, JsonObject meta, bool askChannel, CancellationToken cancellationToken)
    {
        var inbound = new InboundCommand(
            ChatPlatform.Slack, new WorkspaceId(team), user, IsDirectMessage: true, new UserId(user), string.Empty,
            Instant.FromDateTimeOffset(time.GetUtcNow()), DeliveryKey: null,
            await users.GetTimeZoneAsync(new WorkspaceId(team), new UserId(user), cancellationToken).ConfigureAwait(false));
        var zone = commands.ZoneFor(inbound);
        var tomorrow = inbound.ReceivedAt.InZone(zone).Date.PlusDays(1);
        var view = SlackModals.Create(title, user, tomorrow, zone.Id, source, askChannel, SlackInteractionSupport.Metadata(meta));
        try
        {
            await slack.OpenViewAsync(team, triggerId, view, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SlackInteractionSupport.IsSlackTrouble(ex, cancellationToken))
        {
            LogOpenFailed(logger, ex, team);
        }
    }

    private async Task<string?> PermalinkAsync(SlackInteraction.MessageShortcut shortcut, CancellationToken cancellationToken)
    {
        try
        {
            var link = await slack.GetPermalinkAsync(shortcut.Team, shortcut.Channel, shortcut.MessageTs, cancellationToken).ConfigureAwait(false);
            if (link is not null && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
            {
                return link;
            }
        }
        catch (Exception ex) when (SlackInteractionSupport.IsSlackTrouble(ex, cancellationToken))
        {
            LogPermalinkFailed(logger, ex, shortcut.Team);
        }

        // Slack's documented permalink shape, from the workspace's domain.
        return shortcut.TeamDomain is { } domain && DomainShape().IsMatch(domain)
            ? $"https://{domain}.slack.com/archives/{Uri.EscapeDataString(shortcut.Channel)}/p{shortcut.MessageTs.Replace(".", string.Empty, StringComparison.Ordinal)}"
            : null;
    }

    /// <summary>An owner or backup who is a bot, deactivated or unknown to Slack is refused under their input.</summary>
    private async Task CheckPeopleAsync(string team, string owner, string? backup, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (!slack.HasBotToken)
        {
            return;
        }

        var checks = new List<(string Field, Task<string?> Problem)> { (SlackModals.Fields.Owner, PersonProblemAsync(team, owner, cancellationToken)) };
        if (backup is not null)
        {
            checks.Add((SlackModals.Fields.Backup, PersonProblemAsync(team, backup, cancellationToken)));
        }

        foreach (var (field, problem) in checks)
        {
            if (await problem.ConfigureAwait(false) is { } text)
            {
                errors.TryAdd(field, text);
            }
        }
    }

    private async Task<string?> PersonProblemAsync(string team, string userId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(UserCheckTimeout);
        try
        {
            var info = await slack.GetUserInfoAsync(team, userId, timeout.Token).ConfigureAwait(false);
            return info is null ? "I can't find that person in this workspace."
                : info.IsBot ? "Pick a person, not a bot."
                : info.Deleted ? "That account is deactivated; pick someone else."
                : null;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Slack could not say: accept the person rather than block the form.
            return null;
        }
    }

    private static string? Optional(IReadOnlyDictionary<string, string?> values, string field) =>
        values.GetValueOrDefault(field) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static bool IsSlackId(string id) => id.Length is > 1 and < 32 && id.All(char.IsAsciiLetterOrDigit);

    /// <summary>
    /// Slack message text as a person would read it: <c>&lt;@U1&gt;</c> → <c>@U1</c>, <c>&lt;#C1|general&gt;</c> →
    /// <c>#general</c>, <c>&lt;https://x|label&gt;</c> → <c>label</c>, entities decoded.
    /// </summary>
    internal static string ToPlainText(string text)
    {
        var plain = SlackMarkup().Replace(text, m =>
        {
            var inner = m.Groups[1].Value;
            var bar = inner.IndexOf('|', StringComparison.Ordinal);
            var target = bar < 0 ? inner : inner[..bar];
            var label = bar < 0 ? null : inner[(bar + 1)..];
            return target[0] switch
            {
                '@' => "@" + (label ?? target[1..]),
                '#' => "#" + (label ?? target[1..]),
                '!' => label ?? "@" + target[1..].Split('^')[0],
                _ => label ?? target,
            };
        });
        return SlackText.Unescape(plain);
    }

    [GeneratedRegex("<([^<>]+)>")]
    private static partial Regex SlackMarkup();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex DomainShape();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open the New promise form in {TeamId}")]
    private static partial void LogOpenFailed(ILogger logger, Exception exception, string teamId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "chat.getPermalink failed in {TeamId}; using the documented link shape")]
    private static partial void LogPermalinkFailed(ILogger logger, Exception exception, string teamId);
}
