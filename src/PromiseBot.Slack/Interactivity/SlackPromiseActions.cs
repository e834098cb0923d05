using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Redraws;
using PromiseBot.Core.UseCases;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.Home;
using PromiseBot.Slack.Rendering;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.Interactivity;

/// <summary>
/// The buttons under a promise (Done, Extend…, Ack, Reassign…) in digests, reminders and the App Home. A click runs
/// the same command as typing it, as the person who clicked (so the history names them), then the clicked row is
/// redrawn in place (<c>chat.update</c>, or <c>views.publish</c> in the Home tab) with a note of what happened.
/// Every click and the Extend form go through Core's one action model (<see cref="PromiseCommandService.ActAsync"/>):
/// a click on a promise that changed since the message was drawn changes nothing, the row is redrawn as it is now
/// and the clicker is told. The Extend modal's submission does not carry the message it was opened from, so the click
/// keeps a copy of it in the database for an hour (<see cref="IPendingRedrawStore"/>), and the host that gets the
/// submission, this one or another, takes it to redraw the row.
/// </summary>
public sealed partial class SlackPromiseActions(
    PromiseCommandService commands,
    IPromiseStore store,
    SlackInboundTranslator translator,
    SlackWebApiClient slack,
    BlockKitRenderer renderer,
    SlackHomePublisher home,
    IPendingRedrawStore redraws,
    ILogger<SlackPromiseActions> logger)
{
    public const string ActionKeyPrefix = "slack:action:";
    public const string ViewKeyPrefix = "slack:view:";

    private const string NotePrefix = "note:";

    // Long enough for someone to fill in the modal; a later submission still applies, only the redraw is skipped.
    private static readonly NodaTime.Duration RedrawLifetime = NodaTime.Duration.FromHours(1);

    public async Task OnActionAsync(SlackInteraction.BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (VerbOf(action.ActionId) is not { } verb)
        {
            return;
        }

        // The user picker has no value of its own; its block id carries the promise.
        var target = verb == PromiseVerb.Reassign ? action.BlockId : action.Value ?? action.BlockId;
        if (!PromiseActions.TryParseTarget(target, out var number, out var version))
        {
            LogBadTarget(logger, action.ActionId, target);
            return;
        }

        var inbound = await translator.FromInteractionAsync(
            action.Team, action.User, action.Channel, ActionKeyPrefix + (action.TriggerId ?? Guid.NewGuid().ToString("N")), cancellationToken).ConfigureAwait(false);
        var message = new MessageRef(action.Channel, action.MessageTs, action.MessageBlocks, action.MessageText, action.InHome);
        var request = new PromiseAction(number, version, verb)
        {
            NewOwner = verb == PromiseVerb.Reassign && action.SelectedUser is { Length: > 0 } owner ? new UserId(owner) : null,
        };
        var outcome = await commands.ActAsync(inbound, request, cancellationToken).ConfigureAwait(false);
        switch (outcome.Kind)
        {
            case ActionOutcomeKind.NotFound or ActionOutcomeKind.Limited:
                await TellAsync(action.Team, action.User, message, outcome.Reply, cancellationToken).ConfigureAwait(false);
                return;
            case ActionOutcomeKind.Stale:
                // Nothing changed: the row is redrawn as it stands now, and only the clicker is told why.
                await RefreshAsync(action.Team, action.User, message, number, inbound, Note(action.User, outcome.Reply.Summary), cancellationToken)
                    .ConfigureAwait(false);
                if (!message.InHome)
                {
                    await TellAsync(action.Team, action.User, message, outcome.Reply, cancellationToken).ConfigureAwait(false);
                }

                return;
            case ActionOutcomeKind.NeedsInput when verb == PromiseVerb.Extend:
                await OpenExtendAsync(action, outcome.Current!, inbound, message, cancellationToken).ConfigureAwait(false);
                return;
            case ActionOutcomeKind.NeedsInput:
                // A picker that was cleared: nothing to do.
                return;
            default:
                // Done: the redrawn row asks for the customer's feedback, as the typed done's answer does.
                var offer = outcome.Kind == ActionOutcomeKind.Applied ? outcome.Reply.Blocks.OfType<PromiseOfferBlock>().FirstOrDefault() : null;
                await RefreshAsync(action.Team, action.User, message, number, inbound, Note(action.User, outcome.Reply.Summary), cancellationToken, offer)
                    .ConfigureAwait(false);
                return;
        }
    }

    /// <summary>The Extend modal was submitted: check the new date, apply, redraw the row. Errors keep the modal open.</summary>
    public async Task<JsonObject?> OnExtendSubmittedAsync(SlackInteraction.ViewSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var meta = SlackInteractionSupport.ReadMetadata(submission.PrivateMetadata);
        if (meta is null || !PromiseActions.TryParseTarget(meta.String("p"), out var number, out var version))
        {
            LogBadTarget(logger, submission.CallbackId, submission.PrivateMetadata);
            return null;
        }

        var channel = meta.String("c");
        var inbound = await translator.FromInteractionAsync(submission.Team, submission.User, channel, ViewKeyPrefix + submission.ViewId, cancellationToken)
            .ConfigureAwait(false);
        var view = await commands.ViewOfAsync(inbound, cancellationToken).ConfigureAwait(false);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!SlackInteractionSupport.TryReadDue(submission.Values, view.Zone, errors, out var due, out var phrase))
        {
            return SlackInteractionSupport.Errors(errors);
        }

        // The same limits as a typed extend: in the future, within two years.
        if (PromiseForm.DueProblem(due, inbound.ReceivedAt, view.Zone) is { } problem)
        {
            errors[SlackModals.Fields.DueDate] = problem;
            return SlackInteractionSupport.Errors(errors);
        }

        var reason = submission.Values.GetValueOrDefault(SlackModals.Fields.Reason) is { } r && !string.IsNullOrWhiteSpace(r) ? PromiseForm.CleanText(r) : null;
        var request = new PromiseAction(number, version, PromiseVerb.Extend) { NewDue = new ResolvedDue(due, TimeDefaulted: false, phrase), Reason = reason };
        var outcome = await commands.ActAsync(inbound, request, cancellationToken).ConfigureAwait(false);
        if (outcome.Kind is ActionOutcomeKind.Stale or ActionOutcomeKind.NotFound)
        {
            errors[SlackModals.Fields.DueDate] = PromiseMessages.ChangedWhileOpen(number, outcome.Current, view);
            return SlackInteractionSupport.Errors(errors);
        }

        if (outcome.Reply.Tone is ReplyTone.Error or ReplyTone.Warning)
        {
            errors[SlackModals.Fields.DueDate] = outcome.Reply.Summary;
            return SlackInteractionSupport.Errors(errors);
        }

        var (blocks, text) = await TakeCopyAsync(inbound, meta.String("r"), cancellationToken).ConfigureAwait(false);
        var message = new MessageRef(channel, meta.String("ts"), blocks, text, meta.String("h") == "1");
        await RefreshAsync(submission.Team, submission.User, message, number, inbound, Note(submission.User, outcome.Reply.Summary), cancellationToken)
            .ConfigureAwait(false);
        return null;
    }

    private async Task OpenExtendAsync(SlackInteraction.BlockAction action, Promise current, InboundCommand inbound, MessageRef message, CancellationToken cancellationToken)
    {
        if (action.TriggerId is null)
        {
            return;
        }

        var meta = new JsonObject
        {
            ["p"] = current.Number.Value + ":" + current.Version,
            ["c"] = message.Channel,
            ["ts"] = message.Ts,
            ["h"] = message.InHome ? "1" : "0",
        };
        if (message.Blocks is not null && await KeepCopyAsync(inbound, message, cancellationToken).ConfigureAwait(false) is { } copy)
        {
            meta["r"] = copy;
        }

        var zone = await commands.ZoneForAsync(inbound, cancellationToken).ConfigureAwait(false);
        try
        {
            await slack.OpenViewAsync(action.Team, action.TriggerId, SlackModals.Extend(current, zone, SlackInteractionSupport.Metadata(meta)), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (SlackFailures.IsTransient(ex, cancellationToken))
        {
            LogSlackFailed(logger, ex, "views.open", action.Team);
        }
    }

    /// <summary>
    /// Keeps the clicked message for the modal's submission. Best effort: when the copy cannot be saved (too large, or
    /// the database failed) the modal still opens and the extend still applies; only the redraw is skipped.
    /// </summary>
    private async Task<string?> KeepCopyAsync(InboundCommand inbound, MessageRef message, CancellationToken cancellationToken)
    {
        try
        {
            var copy = new PendingRedraw(message.Blocks!.ToJsonString(), message.Text);
            var id = await redraws.AddAsync(inbound.Workspace, copy, inbound.ReceivedAt, inbound.ReceivedAt + RedrawLifetime, cancellationToken)
                .ConfigureAwait(false);
            if (id is null)
            {
                LogCopyTooLarge(logger, inbound.Workspace.Value);
            }

            return id;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogCopyFailed(logger, ex, "save", inbound.Workspace.Value);
            return null;
        }
    }

    /// <summary>The copy the click kept, if it is still there (taken once; another host may have kept it). Best effort, as keeping it.</summary>
    private async Task<(JsonArray? Blocks, string? Text)> TakeCopyAsync(InboundCommand inbound, string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            return (null, null);
        }

        try
        {
            var copy = await redraws.TakeAsync(inbound.Workspace, id, inbound.ReceivedAt, cancellationToken).ConfigureAwait(false);
            return copy is not null && JsonNode.Parse(copy.Content) is JsonArray blocks ? (blocks, copy.Text) : (null, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogCopyFailed(logger, ex, "read", inbound.Workspace.Value);
            return (null, null);
        }
    }

    /// <summary>Redraws the promise's row (line, buttons, note) in the message or the Home tab it was clicked in.</summary>
    private async Task RefreshAsync(
        string team, string user, MessageRef message, PromiseNumber number, InboundCommand inbound, IReadOnlyList<TextRun> note, CancellationToken cancellationToken,
        PromiseOfferBlock? offer = null)
    {
        if (message.InHome)
        {
            await home.PublishAsync(team, user, note, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Without a bot token there is nothing to redraw with (the change itself is stored).
        if (message.Channel is null || message.Ts is null || message.Blocks is null || !slack.HasBotToken)
        {
            return;
        }

        var promise = await store.GetAsync(inbound.Workspace, number, cancellationToken).ConfigureAwait(false);
        if (promise is null)
        {
            return;
        }

        var view = await commands.ViewOfAsync(inbound, cancellationToken).ConfigureAwait(false);
        var clocks = await commands.ClocksForAsync(view, [promise], cancellationToken).ConfigureAwait(false);
        var row = new List<JsonObject>(renderer.RenderPromiseRow(PromiseMessages.Line(promise, view, clocks)));
        var noteBlock = renderer.RenderNote(note);
        noteBlock["block_id"] = NotePrefix + number.Value;
        row.Add(noteBlock);
        if (offer is not null)
        {
            row.AddRange(OfferActions.Blocks(offer));
        }
        if (!Splice(message.Blocks, number, row))
        {
            return;
        }

        var body = new JsonObject { ["channel"] = message.Channel, ["ts"] = message.Ts, ["text"] = message.Text ?? "PromiseBot", ["blocks"] = message.Blocks };
        try
        {
            await slack.UpdateMessageAsync(team, body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SlackFailures.IsTransient(ex, cancellationToken))
        {
            LogSlackFailed(logger, ex, "chat.update", team);
        }
    }

    /// <summary>Replaces the promise's line, its buttons and any earlier note with <paramref name="row"/>. False when the message has no such line.</summary>
    internal static bool Splice(JsonArray blocks, PromiseNumber number, IReadOnlyList<JsonObject> row)
    {
        var at = -1;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (PromiseActions.IsLineBlock(BlockId(blocks[i]), number))
            {
                at = i;
                break;
            }
        }

        if (at < 0)
        {
            return false;
        }

        blocks.RemoveAt(at);
        while (at < blocks.Count && BlockId(blocks[at]) is { } id
               && (PromiseActions.IsActionsBlock(id, number) || id == NotePrefix + number.Value || OfferActions.IsOfferBlock(id, number)))
        {
            blocks.RemoveAt(at);
        }

        for (var i = 0; i < row.Count; i++)
        {
            blocks.Insert(at + i, row[i]);
        }

        return true;
    }

    private static string? BlockId(JsonNode? block) =>
        block is JsonObject obj && obj["block_id"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;

    /// <summary>Tells only the clicker: an ephemeral message where they clicked (nothing in the Home tab).</summary>
    private async Task TellAsync(string team, string user, MessageRef message, Reply reply, CancellationToken cancellationToken)
    {
        if (message.Channel is null || !slack.HasBotToken)
        {
            return;
        }

        try
        {
            await slack.PostEphemeralAsync(team, message.Channel, user, renderer.RenderEphemeral(reply), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SlackFailures.IsTransient(ex, cancellationToken))
        {
            LogSlackFailed(logger, ex, "chat.postEphemeral", team);
        }
    }


    private static PromiseVerb? VerbOf(string actionId) => actionId switch
    {
        PromiseActions.Done => PromiseVerb.Done,
        PromiseActions.Extend => PromiseVerb.Extend,
        PromiseActions.Ack => PromiseVerb.Ack,
        PromiseActions.Reassign => PromiseVerb.Reassign,
        _ => null,
    };

    private static IReadOnlyList<TextRun> Note(string user, string text) => [new MentionRun(new UserId(user)), new PlainRun(": " + text)];

    [LoggerMessage(EventId = 2120, Level = LogLevel.Warning, Message = "Ignored a Slack {Action} with an unreadable promise reference {Target}")]
    private static partial void LogBadTarget(ILogger logger, string action, string? target);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "Slack {Method} failed for {TeamId}; the change itself is stored")]
    private static partial void LogSlackFailed(ILogger logger, Exception exception, string method, string teamId);

    [LoggerMessage(EventId = 2122, Level = LogLevel.Warning, Message = "Could not {Operation} the copy of a message clicked in {TeamId}; it will not be redrawn after the Extend form")]
    private static partial void LogCopyFailed(ILogger logger, Exception exception, string operation, string teamId);

    [LoggerMessage(EventId = 2123, Level = LogLevel.Information, Message = "A message clicked in {TeamId} is too large to keep a copy of; it will not be redrawn after the Extend form")]
    private static partial void LogCopyTooLarge(ILogger logger, string teamId);

    /// <summary>Where a click happened: a message (channel, ts, its blocks) or the Home tab.</summary>
    private sealed record MessageRef(string? Channel, string? Ts, JsonArray? Blocks, string? Text, bool InHome);
}
