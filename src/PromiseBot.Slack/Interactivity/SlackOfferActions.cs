using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.Rendering;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.Interactivity;

/// <summary>
/// A click on an offer's button (<see cref="OfferActions"/>): a customer-feedback score under a done confirmation, or
/// "Draft customer update" under an at-risk alert. It runs the command it stands for, as the person who clicked (so
/// they are the one who recorded the score), with the click's trigger id as the delivery key: the same payload
/// delivered twice records once and answers once. The answer goes only to the clicker, through the outbox; after a
/// score, the clicked message is redrawn with a note under the buttons (best effort).
/// </summary>
public sealed partial class SlackOfferActions(
    PromiseCommandService commands,
    SlackInboundTranslator translator,
    SlackWebApiClient slack,
    BlockKitRenderer renderer,
    IOutbox outbox,
    ILogger<SlackOfferActions> logger)
{
    public const string AnswerKeyPrefix = "slack:offer:";

    private const string NotePrefix = "offernote:";

    public async Task OnActionAsync(SlackInteraction.BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (OfferActions.CommandOf(action.ActionId, action.Value) is not { } text || OfferActions.NumberOf(action.Value) is not { } number)
        {
            LogBadOffer(logger, action.ActionId, action.Value);
            return;
        }

        var click = action.TriggerId ?? Guid.NewGuid().ToString("N");
        var inbound = await translator.FromInteractionAsync(action.Team, action.User, action.Channel, SlackPromiseActions.ActionKeyPrefix + click, cancellationToken)
            .ConfigureAwait(false);
        var reply = await commands.HandleAsync(inbound with { Text = text }, cancellationToken).ConfigureAwait(false);

        // In the channel it was clicked in, seen only by the clicker; from the App Home, by DM.
        var user = new UserId(action.User);
        var destination = action.Channel is { Length: > 0 } channel
            ? Destination.PrivateInChannel(ChatPlatform.Slack, inbound.Workspace, channel, user)
            : new Destination(ChatPlatform.Slack, inbound.Workspace, DestinationKind.User, action.User);
        await outbox.EnqueueAsync(
            [new OutboundMessage(destination, reply with { Visibility = ReplyVisibility.Private }, AnswerKeyPrefix + click, inbound.ReceivedAt)],
            cancellationToken).ConfigureAwait(false);

        if (text.StartsWith("feedback ", StringComparison.Ordinal) && reply.Tone == ReplyTone.Success)
        {
            await NoteUnderButtonsAsync(action, number, [new MentionRun(user), new PlainRun(": " + reply.Summary)], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Puts (or replaces) a note under the feedback buttons of the clicked message; the buttons stay, so a later score can replace it.</summary>
    private async Task NoteUnderButtonsAsync(SlackInteraction.BlockAction action, PromiseNumber number, IReadOnlyList<TextRun> note, CancellationToken cancellationToken)
    {
        if (action.InHome || action.Channel is null || action.MessageTs is null || action.MessageBlocks is not { } blocks || !slack.HasBotToken)
        {
            return;
        }

        var at = -1;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (BlockId(blocks[i]) is { } id && id == OfferActions.BlockId(PromiseOffer.CustomerFeedback, number))
            {
                at = i;
                break;
            }
        }

        if (at < 0)
        {
            return;
        }

        var noteBlock = renderer.RenderNote(note);
        noteBlock["block_id"] = NotePrefix + number.Value;
        if (at + 1 < blocks.Count && BlockId(blocks[at + 1]) == NotePrefix + number.Value)
        {
            blocks.RemoveAt(at + 1);
        }

        blocks.Insert(at + 1, noteBlock);
        var body = new JsonObject { ["channel"] = action.Channel, ["ts"] = action.MessageTs, ["text"] = action.MessageText ?? "PromiseBot", ["blocks"] = blocks };
        try
        {
            await slack.UpdateMessageAsync(action.Team, body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SlackFailures.IsTransient(ex, cancellationToken))
        {
            LogSlackFailed(logger, ex, action.Team);
        }
    }

    private static string? BlockId(JsonNode? block) =>
        block is JsonObject obj && obj["block_id"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;

    [LoggerMessage(EventId = 2196, Level = LogLevel.Warning, Message = "Ignored a Slack offer click {Action} with an unreadable value {Value}")]
    private static partial void LogBadOffer(ILogger logger, string action, string? value);

    [LoggerMessage(EventId = 2197, Level = LogLevel.Warning, Message = "Slack chat.update after a feedback click failed for {TeamId}; the score itself is stored")]
    private static partial void LogSlackFailed(ILogger logger, Exception exception, string teamId);
}
