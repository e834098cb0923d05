using System.Text;
using System.Text.Json.Nodes;
using PromiseBot.Core.Messages;
using PromiseBot.Slack.Interactivity;

namespace PromiseBot.Slack.Rendering;

/// <summary>
/// Renders a neutral <see cref="Reply"/> as Block Kit (https://docs.slack.dev/reference/block-kit/blocks) within
/// Slack's limits: 50 blocks, section text 3000, fields 10 × 2000, header 150, context 10 elements.
/// All user text is escaped; <c>link_names</c> is never set, so plain <c>@name</c> never pings anyone.
/// </summary>
public sealed class BlockKitRenderer
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;
    public const int MaxHeaderText = 150;
    public const int MaxContextText = 3000;
    public const int MaxFallbackText = 3000;

    // Slack rejects a message with neither text nor blocks, and an empty text object; this keeps both non-empty.
    private const string EmptyFallback = "PromiseBot";

    /// <summary>
    /// The JSON body of a slash-command response (https://docs.slack.dev/interactivity/implementing-slash-commands#responding_immediate):
    /// <c>{response_type, text, blocks}</c>.
    /// </summary>
    public JsonObject RenderSlashResponse(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var body = new JsonObject
        {
            ["response_type"] = reply.Visibility == ReplyVisibility.Channel ? "in_channel" : "ephemeral",
        };

        // No buttons on slash-command answers: they are often ephemeral, and chat.update cannot touch those.
        AddContent(body, reply, withActions: false);
        return body;
    }

    /// <summary>
    /// A <c>chat.postMessage</c> body (https://docs.slack.dev/reference/methods/chat.postMessage): <c>{channel, text,
    /// blocks}</c>. Open promise lines that carry a version get Done / Extend / Ack / Reassign under them.
    /// </summary>
    public JsonObject RenderMessage(Reply reply, string channel)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var body = new JsonObject { ["channel"] = channel };
        AddContent(body, reply, withActions: true);
        return body;
    }

    /// <summary>A message body without a channel (<c>{text, blocks}</c>), for <c>chat.postEphemeral</c>; no buttons.</summary>
    public JsonObject RenderEphemeral(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var body = new JsonObject();
        AddContent(body, reply, withActions: false);
        return body;
    }

    /// <summary>
    /// The blocks of one promise line as a message shows it: the line, then (when the promise is open and the line
    /// carries its version) its buttons. Used to refresh one row of a posted message after a click.
    /// </summary>
    public IReadOnlyList<JsonObject> RenderPromiseRow(PromiseLineBlock line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var output = new List<JsonObject>(2);
        RenderBlock(line, output, withActions: true, new HashSet<string>(StringComparer.Ordinal));
        return output;
    }

    /// <summary>A context block of mrkdwn built from neutral runs (escaped), for notes added under a refreshed row.</summary>
    public JsonObject RenderNote(IReadOnlyList<TextRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return Context(Mrkdwn(runs));
    }

    /// <summary>
    /// An App Home view for <c>views.publish</c> (https://docs.slack.dev/reference/methods/views.publish):
    /// <c>{type: "home", blocks}</c>, at most 100 blocks.
    /// </summary>
    public JsonObject RenderHomeView(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var blocks = RenderBlocks(reply.Blocks, withActions: true, MaxHomeBlocks);
        return new JsonObject { ["type"] = "home", ["blocks"] = blocks };
    }

    private const int MaxHomeBlocks = 100;

    private static void AddContent(JsonObject body, Reply reply, bool withActions)
    {
        var blocks = RenderBlocks(reply.Blocks, withActions, MaxBlocks);
        body["text"] = FallbackText(reply, blocks);
        if (blocks.Count > 0)
        {
            body["blocks"] = blocks;
        }
    }

    private static string FallbackText(Reply reply, JsonArray blocks)
    {
        if (!string.IsNullOrWhiteSpace(reply.Summary))
        {
            return SlackText.Truncate(SlackText.Escape(reply.Summary), MaxFallbackText);
        }

        // No summary: use the first rendered text so notifications are not blank.
        foreach (var block in blocks)
        {
            var text = block?["text"]?["text"]?.GetValue<string>();
            if (!string.IsNullOrWhiteSpace(text))
            {
                return SlackText.Truncate(text, MaxFallbackText);
            }
        }

        return EmptyFallback;
    }

    private static JsonArray RenderBlocks(IReadOnlyList<ReplyBlock> blocks, bool withActions, int maxBlocks)
    {
        var rendered = new List<JsonObject>(blocks.Count);
        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            RenderBlock(block, rendered, withActions, blockIds);
        }

        if (rendered.Count > maxBlocks)
        {
            var hidden = rendered.Count - (maxBlocks - 1);
            rendered.RemoveRange(maxBlocks - 1, rendered.Count - (maxBlocks - 1));
            rendered.Add(Context($"{SlackText.Ellipsis}and {hidden} more not shown"));
        }

        return new JsonArray([.. rendered]);
    }

    private static void RenderBlock(ReplyBlock block, List<JsonObject> output, bool withActions, HashSet<string> blockIds)
    {
        switch (block)
        {
            case HeaderBlock header when !string.IsNullOrWhiteSpace(header.Text):
                // plain_text is never parsed for mentions or links, so it is not entity-escaped.
                output.Add(new JsonObject
                {
                    ["type"] = "header",
                    ["text"] = PlainText(SlackText.TruncatePlain(header.Text.Trim(), MaxHeaderText)),
                });
                break;

            case TextBlock text:
                AddSection(output, Mrkdwn(text.Runs));
                break;

            case ContextBlock context:
                var contextText = Mrkdwn(context.Runs);
                if (!string.IsNullOrWhiteSpace(contextText))
                {
                    output.Add(Context(contextText));
                }

                break;

            case FieldsBlock fields:
                AddFields(output, fields.Fields);
                break;

            case PromiseLineBlock line:
                var emoji = StateEmoji(line.State);
                var lineText = Mrkdwn(line.Runs);
                var before = output.Count;
                AddSection(output, emoji is null || lineText.Length == 0 ? lineText : emoji + " " + lineText);
                // Block ids must be unique in a message; a promise shown twice gets its id (and buttons) once.
                if (withActions && output.Count > before && blockIds.Add(PromiseActions.LineBlockId(line.Number)))
                {
                    output[^1]["block_id"] = PromiseActions.LineBlockId(line.Number);
                    if (line.IsActionable)
                    {
                        output.Add(PromiseActions.Block(line.Number, line.Version!.Value));
                    }
                }

                break;

            case DividerBlock:
                output.Add(new JsonObject { ["type"] = "divider" });
                break;

            // Only where buttons can be answered (a posted message); its text beside it says the command.
            case RecoveryPromptBlock prompt when withActions && blockIds.Add("recovery:" + prompt.Number.Value):
                output.Add(Interactivity.SlackRecoveryModal.Button(prompt.Number));
                break;

            case ApprovalPromptBlock approval when blockIds.Add(Interactivity.ApprovalActions.BlockId(approval.RequestId)):
                // Also in slash-command answers (approvals): a click runs approve 3 / decline 3 as the clicker.
                output.Add(Interactivity.ApprovalActions.Block(approval));
                break;

            case PromiseOfferBlock offer when blockIds.Add(Interactivity.OfferActions.BlockId(offer.Offer, offer.Number)):
                // Also in slash-command answers: the click runs a command (feedback 12 4) and needs no redraw.
                output.AddRange(Interactivity.OfferActions.Blocks(offer));
                break;

            case FileBlock:
                // Files are not blocks in Slack: the messenger uploads them after the message (SlackMessenger).
                break;

            default:
                // Empty headers fall through here; unknown block kinds are a newer Core than this adapter.
                break;
        }
    }

    private static void AddSection(List<JsonObject> output, string mrkdwn)
    {
        // Slack rejects an empty section text, so an empty paragraph is simply not shown.
        if (string.IsNullOrWhiteSpace(mrkdwn))
        {
            return;
        }

        output.Add(new JsonObject
        {
            ["type"] = "section",
            ["text"] = MrkdwnText(SlackText.Truncate(mrkdwn, MaxSectionText)),
        });
    }

    private static void AddFields(List<JsonObject> output, IReadOnlyList<Field> fields)
    {
        var texts = new List<string>(fields.Count);
        foreach (var field in fields)
        {
            var value = Mrkdwn(field.Value);
            var label = string.IsNullOrWhiteSpace(field.Label) ? string.Empty : "*" + SlackText.Escape(field.Label.Trim()) + "*";
            var text = label.Length == 0 ? value : value.Length == 0 ? label : label + "\n" + value;
            if (!string.IsNullOrWhiteSpace(text))
            {
                texts.Add(SlackText.Truncate(text, MaxFieldText));
            }
        }

        // More than ten fields continue in further sections rather than being dropped.
        foreach (var chunk in texts.Chunk(MaxFields))
        {
            output.Add(new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray([.. chunk.Select(t => (JsonNode)MrkdwnText(t))]),
            });
        }
    }

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(MrkdwnText(SlackText.Truncate(mrkdwn, MaxContextText))),
    };

    private static JsonObject MrkdwnText(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static string? StateEmoji(PromiseLineState state) => state switch
    {
        PromiseLineState.Overdue => ":red_circle:",
        PromiseLineState.DueSoon => ":large_orange_circle:",
        PromiseLineState.Paused => ":double_vertical_bar:",
        PromiseLineState.Done => ":white_check_mark:",
        PromiseLineState.Cancelled => ":no_entry_sign:",
        _ => null,
    };

    /// <summary>Runs → mrkdwn. Internal so tests can pin the exact markup of each run kind.</summary>
    internal static string Mrkdwn(IReadOnlyList<TextRun> runs)
    {
        var builder = new StringBuilder();
        foreach (var run in runs)
        {
            switch (run)
            {
                case PlainRun plain:
                    SlackText.AppendEscaped(builder, plain.Text);
                    break;
                case RelativeTimeRun relative:
                    SlackText.AppendEscaped(builder, relative.Text);
                    break;
                case BoldRun bold:
                    AppendWrapped(builder, bold.Text, '*');
                    break;
                case ItalicRun italic:
                    AppendWrapped(builder, italic.Text, '_');
                    break;
                case CodeRun code:
                    AppendWrapped(builder, code.Text, '`');
                    break;
                case StrikeRun strike:
                    AppendWrapped(builder, strike.Text, '~');
                    break;
                case MentionRun mention:
                    if (SlackText.IsUserId(mention.User.Value))
                    {
                        builder.Append("<@").Append(mention.User.Value).Append('>');
                    }
                    else
                    {
                        // Not a Slack id (a name typed as <@priya>): shown as @priya, never as raw markup.
                        builder.Append('@');
                        SlackText.AppendEscaped(builder, mention.User.Value);
                    }

                    break;
                case LinkRun link:
                    AppendLink(builder, link);
                    break;
            }
        }

        return builder.ToString();
    }

    // Slack only applies *bold* etc. when the markers touch non-space characters, so surrounding whitespace goes
    // outside the markers and an all-space run is left plain.
    private static void AppendWrapped(StringBuilder builder, string text, char marker)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            builder.Append(text);
            return;
        }

        var leading = text.Length - text.TrimStart().Length;
        var trailing = text.Length - text.TrimEnd().Length;
        builder.Append(text, 0, leading).Append(marker);
        SlackText.AppendEscaped(builder, trimmed);
        builder.Append(marker).Append(text, text.Length - trailing, trailing);
    }

    private static void AppendLink(StringBuilder builder, LinkRun link)
    {
        if (!SafeLinks.IsSafe(link.Url))
        {
            SlackText.AppendEscaped(builder, string.IsNullOrWhiteSpace(link.Label) ? link.Url : link.Label);
            return;
        }

        // Inside <...> Slack still decodes entities, so a literal & in the URL is written &amp;.
        builder.Append('<').Append(link.Url.Replace("&", "&amp;", StringComparison.Ordinal));
        if (!string.IsNullOrWhiteSpace(link.Label))
        {
            builder.Append('|');
            SlackText.AppendEscaped(builder, link.Label);
        }

        builder.Append('>');
    }
}
