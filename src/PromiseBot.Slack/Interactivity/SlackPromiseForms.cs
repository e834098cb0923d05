using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.Rendering;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.Interactivity;

/// <summary>
/// The "New promise" form: opened by the global shortcut, or by "Track as promise" on a message (prefilled with the
/// message's text, its author and channel; the message's permalink becomes the promise's source). A submission is
/// checked by Core's form rules (<see cref="PromiseForm.CheckAsync"/>, with <see cref="SlackPersonDirectory"/> for
/// owner and backup; <c>response_action: errors</c> keeps the form open with each problem under its input), then
/// stored like a typed <c>add</c>, and the confirmation goes to the person by DM through the outbox.
/// </summary>
public sealed partial class SlackPromiseForms(
    PromiseCommandService commands,
    SlackInboundTranslator translator,
    SlackPersonDirectory people,
    IDueDateParser dates,
    SlackWebApiClient slack,
    IOutbox outbox,
    ILogger<SlackPromiseForms> logger)
{
    public const string ReplyKeyPrefix = "slack:view-reply:";

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
        var channel = meta.String("c") ?? values.GetValueOrDefault(SlackModals.Fields.Channel) ?? submission.User;
        var inbound = await translator.FromInteractionAsync(
            submission.Team, submission.User, channel, SlackPromiseActions.ViewKeyPrefix + submission.ViewId, cancellationToken).ConfigureAwait(false);
        var zone = await commands.ZoneForAsync(inbound, cancellationToken).ConfigureAwait(false);

        // The date and time pickers are Slack's own inputs: one left empty is said under that input.
        var pickers = new Dictionary<string, string>(StringComparer.Ordinal);
        ResolvedDue? due = SlackInteractionSupport.TryReadDue(values, zone, pickers, out var at, out var phrase)
            ? new ResolvedDue(at, TimeDefaulted: false, phrase)
            : null;
        var backup = Optional(values, SlackModals.Fields.Backup);
        var (aim, aimProblem) = PromiseForm.ReadAim(Optional(values, SlackModals.Fields.Aim), dates, inbound.ReceivedAt, zone);
        var input = new PromiseFormInput(
            values.GetValueOrDefault(SlackModals.Fields.Title),
            due,
            Optional(values, SlackModals.Fields.Customer),
            values.GetValueOrDefault(SlackModals.Fields.Category),
            new UserId(Optional(values, SlackModals.Fields.Owner) ?? submission.User),
            backup is null ? null : new UserId(backup))
        {
            DueProblem = pickers.Count > 0 ? pickers.Values.First() : null,
            Aim = aim,
            AimProblem = aimProblem,
            Risk = PromiseForm.ReadRisk(Optional(values, SlackModals.Fields.Risk)),
            SourceLink = meta.String("src"),
        };

        // Every rule of the form is Core's; only where each problem is shown is Slack's.
        var check = await PromiseForm.CheckAsync(input, inbound.Workspace, inbound.ReceivedAt, zone, people, cancellationToken).ConfigureAwait(false);
        if (check.Command is not { } create)
        {
            var errors = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (field, problem) in check.Problems)
            {
                if (field == PromiseFormField.Due && pickers.Count > 0)
                {
                    foreach (var (block, text) in pickers)
                    {
                        errors[block] = text;
                    }
                }
                else
                {
                    errors[BlockOf(field)] = problem;
                }
            }

            return SlackInteractionSupport.Errors(errors);
        }

        var reply = await commands.ApplyAsync(inbound, create, cancellationToken).ConfigureAwait(false);

        // Keyed by the view, so a resubmitted form neither stores twice nor confirms twice.
        await outbox.EnqueueAsync(
            [new OutboundMessage(new Destination(ChatPlatform.Slack, inbound.Workspace, DestinationKind.User, submission.User), reply, ReplyKeyPrefix + submission.ViewId, inbound.ReceivedAt)],
            cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>The modal's input (block id) each field's problem is shown under; a due problem goes under the date.</summary>
    internal static string BlockOf(PromiseFormField field) => field switch
    {
        PromiseFormField.Title => SlackModals.Fields.Title,
        PromiseFormField.Due => SlackModals.Fields.DueDate,
        PromiseFormField.Customer => SlackModals.Fields.Customer,
        PromiseFormField.Category => SlackModals.Fields.Category,
        PromiseFormField.Owner => SlackModals.Fields.Owner,
        PromiseFormField.Backup => SlackModals.Fields.Backup,
        PromiseFormField.Aim => SlackModals.Fields.Aim,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "a form field without an input"),
    };

    private async Task OpenAsync(string team, string user, string triggerId, string? title, string? source, JsonObject meta, bool askChannel, CancellationToken cancellationToken)
    {
        var inbound = await translator.FromInteractionAsync(team, user, channel: null, deliveryKey: null, cancellationToken).ConfigureAwait(false);
        var zone = await commands.ZoneForAsync(inbound, cancellationToken).ConfigureAwait(false);
        var tomorrow = inbound.ReceivedAt.InZone(zone).Date.PlusDays(1);
        var view = SlackModals.Create(title, user, tomorrow, zone.Id, source, askChannel, SlackInteractionSupport.Metadata(meta));
        try
        {
            await slack.OpenViewAsync(team, triggerId, view, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SlackFailures.IsTransient(ex, cancellationToken))
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
        catch (Exception ex) when (SlackFailures.IsTransient(ex, cancellationToken))
        {
            LogPermalinkFailed(logger, ex, shortcut.Team);
        }

        // Slack's documented permalink shape, from the workspace's domain.
        return shortcut.TeamDomain is { } domain && DomainShape().IsMatch(domain)
            ? $"https://{domain}.slack.com/archives/{Uri.EscapeDataString(shortcut.Channel)}/p{shortcut.MessageTs.Replace(".", string.Empty, StringComparison.Ordinal)}"
            : null;
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

    [LoggerMessage(EventId = 2140, Level = LogLevel.Warning, Message = "Could not open the New promise form in {TeamId}")]
    private static partial void LogOpenFailed(ILogger logger, Exception exception, string teamId);

    [LoggerMessage(EventId = 2141, Level = LogLevel.Warning, Message = "chat.getPermalink failed in {TeamId}; using the documented link shape")]
    private static partial void LogPermalinkFailed(ILogger logger, Exception exception, string teamId);
}
