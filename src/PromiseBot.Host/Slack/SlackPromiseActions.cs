using System.Text.Json.Nodes;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using PromiseBot.Slack.Interactivity;
using PromiseBot.Slack.Rendering;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Host.Slack;

/// <summary>
/// The buttons under a promise (Done, Extend…, Ack, Reassign…) in digests, reminders and the App Home. A click runs
/// the same command as typing it, as the person who clicked (so the history names them), then the clicked row is
/// redrawn in place (<c>chat.update</c>, or <c>views.publish</c> in the Home tab) with a note of what happened.
/// A click on a promise that changed since the message was drawn changes nothing: the row is redrawn as it is now
/// and the clicker is told.
/// </summary>
public sealed partial class SlackPromiseActions(
    PromiseCommandService commands,
    IPromiseStore store,
    ISlackUserDirectory users,
    SlackWebApiClient slack,
    BlockKitRenderer renderer,
    SlackHomePublisher home,
    TimeProvider time,
    ILogger<SlackPromiseActions> logger)
{
    public const string ActionKeyPrefix = "slack:action:";
    public const string ViewKeyPrefix = "slack:view:";

    private const string NotePrefix = "note:";

    private readonly PendingMessages _pending = new(time);

    public async Task OnActionAsync(SlackInteraction.BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.ActionId is not (PromiseActions.Done or PromiseActions.Extend or PromiseActions.Ack or PromiseActions.Reassign))
        {
            return;
        }

        // The user picker has no value of its own; its block id carries the promise.
        var target = action.ActionId == PromiseActions.Reassign ? action.BlockId : action.Value ?? action.BlockId;
        if (!PromiseActions.TryParseTarget(target, out var number, out var version))
        {
            LogBadTarget(logger, action.ActionId, target);
            return;
        }

        var inbound = await InboundAsync(action.Team, action.User, action.Channel, ActionKeyPrefix + (action.TriggerId ?? Guid.NewGuid().ToString("N")), cancellationToken)
            .ConfigureAwait(false);
        var message = new MessageRef(action.Channel, action.MessageTs, action.MessageBlocks, action.MessageText, action.InHome);
        var current = await store.GetAsync(inbound.Workspace, number, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            await TellAsync(action.Team, action.User, message, PromiseMessages.NotFound(number, View(inbound)), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (current.Version != version)
        {
            await StaleAsync(action.Team, action.User, message, current, inbound, cancellationToken).ConfigureAwait(false);
            return;
        }

        ParsedCommand? parsed = action.ActionId switch
        {
            PromiseActions.Done => new CompletePromiseCommand(number, Note: null),
            PromiseActions.Ack => new AcknowledgeCommand(number),
            PromiseActions.Reassign when action.SelectedUser is { Length: > 0 } owner => new AssignPromiseCommand(number, new UserId(owner)),
            _ => null,
        };
        if (action.ActionId == PromiseActions.Extend)
        {
            await OpenExtendAsync(action, current, inbound, message, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (parsed is null)
        {
            return;
        }

        var reply = await commands.ApplyAsync(inbound, parsed, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(action.Team, action.User, message, number, inbound, Note(action.User, reply.Summary), cancellationToken).ConfigureAwait(false);
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
        var inbound = await InboundAsync(submission.Team, submission.User, channel, ViewKeyPrefix + submission.ViewId, cancellationToken).ConfigureAwait(false);
        var view = View(inbound);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!SlackInteractionSupport.TryReadDue(submission.Values, view.Zone, errors, out var due, out var phrase))
        {
            return SlackInteractionSupport.Errors(errors);
        }

        if (PromiseForm.DueProblem(due, inbound.ReceivedAt) is { } past)
        {
            errors[SlackModals.Fields.DueDate] = past;
            return SlackInteractionSupport.Errors(errors);
        }

        var current = await store.GetAsync(inbound.Workspace, number, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Version != version)
        {
            errors[SlackModals.Fields.DueDate] = current is null
                ? $"{number} no longer exists."
                : $"{number} changed while this was open ({Describe(current, view)}). Close this and look again.";
            return SlackInteractionSupport.Errors(errors);
        }

        var reason = submission.Values.GetValueOrDefault(SlackModals.Fields.Reason) is { } r && !string.IsNullOrWhiteSpace(r) ? PromiseForm.CleanText(r) : null;
        var reply = await commands.ApplyAsync(inbound, new ExtendPromiseCommand(number, new ResolvedDue(due, TimeDefaulted: false, phrase), reason), cancellationToken)
            .ConfigureAwait(false);
        if (reply.Tone is ReplyTone.Error or ReplyTone.Warning)
        {
            errors[SlackModals.Fields.DueDate] = reply.Summary;
            return SlackInteractionSupport.Errors(errors);
        }

        var pending = _pending.Take(meta.String("r"));
        var message = new MessageRef(channel, meta.String("ts"), pending?.Blocks, pending?.Text, meta.String("h") == "1");
        await RefreshAsync(submission.Team, submission.User, message, number, inbound, Note(submission.User, reply.Summary), cancellationToken).ConfigureAwait(false);
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
        if (message.Blocks is not null)
        {
            meta["r"] = _pending.Add(message.Blocks, message.Text);
        }

        try
        {
            await slack.OpenViewAsync(action.Team, action.TriggerId, SlackModals.Extend(current, commands.ZoneFor(inbound), SlackInteractionSupport.Metadata(meta)), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (SlackInteractionSupport.IsSlackTrouble(ex, cancellationToken))
        {
            LogSlackFailed(logger, ex, "views.open", action.Team);
        }
    }

    private async Task StaleAsync(string team, string user, MessageRef message, Promise current, InboundCommand inbound, CancellationToken cancellationToken)
    {
        var view = View(inbound);
        var text = $"{current.Number} changed since this was shown ({Describe(current, view)}), so I didn't change anything. This is where it stands now.";
        await RefreshAsync(team, user, message, current.Number, inbound, Note(user, text), cancellationToken).ConfigureAwait(false);
        if (!message.InHome)
        {
            await TellAsync(team, user, message, Reply.Private(ReplyTone.Warning, text, new TextBlock(new PlainRun(text)), PromiseMessages.Line(current, view)), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Redraws the promise's row (line, buttons, note) in the message or the Home tab it was clicked in.</summary>
    private async Task RefreshAsync(string team, string user, MessageRef message, PromiseNumber number, InboundCommand inbound, IReadOnlyList<TextRun> note, CancellationToken cancellationToken)
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

        var row = new List<JsonObject>(renderer.RenderPromiseRow(PromiseMessages.Line(promise, View(inbound))));
        var noteBlock = renderer.RenderNote(note);
        noteBlock["block_id"] = NotePrefix + number.Value;
        row.Add(noteBlock);
        if (!Splice(message.Blocks, number, row))
        {
            return;
        }

        var body = new JsonObject { ["channel"] = message.Channel, ["ts"] = message.Ts, ["text"] = message.Text ?? "PromiseBot", ["blocks"] = message.Blocks };
        try
        {
            await slack.UpdateMessageAsync(team, body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SlackInteractionSupport.IsSlackTrouble(ex, cancellationToken))
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
        while (at < blocks.Count && BlockId(blocks[at]) is { } id && (PromiseActions.IsActionsBlock(id, number) || id == NotePrefix + number.Value))
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
        catch (Exception ex) when (SlackInteractionSupport.IsSlackTrouble(ex, cancellationToken))
        {
            LogSlackFailed(logger, ex, "chat.postEphemeral", team);
        }
    }

    private async Task<InboundCommand> InboundAsync(string team, string user, string? channel, string deliveryKey, CancellationToken cancellationToken)
    {
        var workspace = new WorkspaceId(team);
        var userId = new UserId(user);
        var zone = await users.GetTimeZoneAsync(workspace, userId, cancellationToken).ConfigureAwait(false);
        return new InboundCommand(
            ChatPlatform.Slack, workspace, channel ?? user, IsDirectMessage: channel is null || channel.StartsWith('D'), userId, string.Empty,
            Instant.FromDateTimeOffset(time.GetUtcNow()), deliveryKey, zone);
    }

    private ReplyContext View(InboundCommand inbound) => new(inbound, commands.ZoneFor(inbound), PromiseMessages.PrefixFor(ChatPlatform.Slack));

    private static string Describe(Promise promise, ReplyContext view) => promise.Status switch
    {
        PromiseStatus.Done => "it is done",
        PromiseStatus.Cancelled => "it was cancelled",
        PromiseStatus.Paused => "it is paused",
        _ => "now due " + PromiseMessages.DueText(promise.DueAt, view),
    };

    private static IReadOnlyList<TextRun> Note(string user, string text) => [new MentionRun(new UserId(user)), new PlainRun(": " + text)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a Slack {Action} with an unreadable promise reference {Target}")]
    private static partial void LogBadTarget(ILogger logger, string action, string? target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} failed for {TeamId}; the change itself is stored")]
    private static partial void LogSlackFailed(ILogger logger, Exception exception, string method, string teamId);

    /// <summary>Where a click happened: a message (channel, ts, its blocks) or the Home tab.</summary>
    private sealed record MessageRef(string? Channel, string? Ts, JsonArray? Blocks, string? Text, bool InHome);
}
