using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;

namespace PromiseBot.Host.Playground;

/// <summary>
/// Renders a neutral <see cref="Reply"/> as an HTML fragment for the playground page, beside Block Kit and Adaptive
/// Cards. Every piece of text is HTML-encoded (so <c>&lt;script&gt;</c> or <c>&lt;!channel&gt;</c> typed by a user is
/// shown, never run or expanded); the only markup is ours: a fixed set of tags and class names. Mentions become
/// styled spans with the person's display name; open promise lines get Done / Extend (and Ack) buttons that the page
/// posts back as actions.
/// </summary>
public sealed class PlaygroundHtmlRenderer
{
    // Letters of every script stay readable; only markup-significant characters become entities.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="withAck">Adds the Ack button: for escalation messages, where "seen it" means something.</param>
    public string Render(Reply reply, bool withAck = false)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var html = new StringBuilder();
        html.Append("<div class=\"reply tone-").Append(Token(reply.Tone.ToString()))
            .Append(" vis-").Append(Token(reply.Visibility.ToString())).Append("\">");
        foreach (var block in reply.Blocks)
        {
            RenderBlock(html, block, withAck);
        }

        html.Append("</div>");
        return html.ToString();
    }

    public static string Encode(string text) => Encoder.Encode(text);

    private static void RenderBlock(StringBuilder html, ReplyBlock block, bool withAck)
    {
        switch (block)
        {
            case HeaderBlock header when !string.IsNullOrWhiteSpace(header.Text):
                html.Append("<div class=\"r-header\">").Append(Encode(header.Text)).Append("</div>");
                break;
            case TextBlock text:
                html.Append("<p class=\"r-text\">");
                AppendRuns(html, text.Runs);
                html.Append("</p>");
                break;
            case ContextBlock context:
                html.Append("<p class=\"r-context\">");
                AppendRuns(html, context.Runs);
                html.Append("</p>");
                break;
            case FieldsBlock fields:
                html.Append("<dl class=\"r-fields\">");
                foreach (var field in fields.Fields)
                {
                    html.Append("<div><dt>").Append(Encode(field.Label)).Append("</dt><dd>");
                    AppendRuns(html, field.Value);
                    html.Append("</dd></div>");
                }

                html.Append("</dl>");
                break;
            case PromiseLineBlock line:
                var state = StateClass(line.State);
                html.Append("<div class=\"r-line state-").Append(state).Append("\" data-number=\"").Append(line.Number.Value)
                    .Append("\"><span class=\"r-badge\">").Append(Encode(StateLabel(line.State))).Append("</span><span class=\"r-runs\">");
                AppendRuns(html, line.Runs);
                html.Append("</span>");
                // Buttons only on lines that carry the version they were drawn at (as on Slack and Teams): a click
                // applies to that version or changes nothing.
                if (line.IsActionable)
                {
                    var version = line.Version!.Value;
                    html.Append("<span class=\"r-actions\">");
                    AppendButton(html, "done", "Done", line.Number, version);
                    AppendButton(html, "extend", "Extend", line.Number, version);
                    if (withAck)
                    {
                        AppendButton(html, "ack", "Ack", line.Number, version);
                    }

                    html.Append("</span>");
                }

                html.Append("</div>");
                break;
            case DividerBlock:
                html.Append("<hr class=\"r-divider\">");
                break;
            case RecoveryPromptBlock prompt:
                // Opens the page's recovery-note form for this promise (POST /playground/api/recovery).
                html.Append("<span class=\"r-actions\"><button type=\"button\" class=\"act act-recover\" data-action=\"recover\" data-number=\"")
                    .Append(prompt.Number.Value).Append("\">Write recovery note</button></span>");
                break;
            case ApprovalPromptBlock approval:
                // Each button posts approve 3 / decline 3 as whoever is chosen; the server decides whether they may.
                html.Append("<div class=\"r-offer r-approval\" data-request=\"").Append(approval.RequestId).Append("\"><span class=\"r-actions\">")
                    .Append("<button type=\"button\" class=\"act act-offer act-approve\" data-command=\"").Append(Encode(approval.ApproveCommand)).Append("\">Approve</button>")
                    .Append("<button type=\"button\" class=\"act act-offer act-decline\" data-command=\"").Append(Encode(approval.DeclineCommand))
                    .Append("\" data-confirm=\"").Append(Encode(approval.DeclineQuestion)).Append("\">Decline</button>")
                    .Append("</span></div>");
                break;
            case PromiseOfferBlock offer:
                // Each button posts the command it stands for (feedback 12 4), as if typed by whoever is chosen.
                html.Append("<div class=\"r-offer\" data-number=\"").Append(offer.Number.Value).Append("\"><span class=\"r-offer-prompt\">")
                    .Append(Encode(offer.Prompt)).Append("</span><span class=\"r-actions\">");
                foreach (var (label, command) in offer.Buttons)
                {
                    html.Append("<button type=\"button\" class=\"act act-offer\" data-command=\"").Append(Encode(command)).Append("\">")
                        .Append(Encode(label)).Append("</button>");
                }

                html.Append("</span></div>");
                break;
            case FileBlock file:
                AppendFile(html, file);
                break;
        }
    }

    // Images the page shows inline; anything else is offered as a download.
    private static readonly HashSet<string> InlineImages = new(StringComparer.Ordinal) { "image/png", "image/jpeg", "image/gif" };

    /// <summary>
    /// A file as a <c>data:</c> URI, so it works in the page with nothing stored on the server: an image inline (its
    /// alt text as <c>alt</c>, its title as the caption), anything else (a CSV export) as a download link under its
    /// file name. The media type in the URI is ours when it is a plain <c>type/subtype</c>, else a generic binary one.
    /// </summary>
    private static void AppendFile(StringBuilder html, FileBlock file)
    {
        var mediaType = SafeMediaType(file.MediaType);
        var uri = "data:" + mediaType + ";base64," + Convert.ToBase64String(file.Content);
        if (file.IsImage && InlineImages.Contains(mediaType))
        {
            html.Append("<figure class=\"r-file r-image\"><img src=\"").Append(uri).Append("\" alt=\"").Append(Encode(file.AltText)).Append('"');
            if (file.Width is { } width && file.Height is { } height)
            {
                html.Append(" width=\"").Append(width).Append("\" height=\"").Append(height).Append('"');
            }

            html.Append("><figcaption>").Append(Encode(file.Title)).Append("</figcaption></figure>");
            return;
        }

        html.Append("<div class=\"r-file r-download\"><a href=\"").Append(uri).Append("\" download=\"").Append(Encode(file.FileName))
            .Append("\" type=\"").Append(Encode(mediaType)).Append("\" title=\"").Append(Encode(file.AltText)).Append("\">")
            .Append(Encode(file.Title)).Append("</a> <span class=\"r-file-meta\">").Append(Encode(file.FileName)).Append(" · ")
            .Append(Encode(file.SizeText)).Append("</span></div>");
    }

    private static string SafeMediaType(string mediaType)
    {
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        var plain = slash > 0 && slash < mediaType.Length - 1 && mediaType.Count(c => c == '/') == 1
            && mediaType.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '/' or '.' or '+' or '-');
        return plain ? mediaType : "application/octet-stream";
    }


    private static void AppendButton(StringBuilder html, string action, string label, PromiseNumber number, int version) =>
        html.Append("<button type=\"button\" class=\"act act-").Append(action).Append("\" data-action=\"").Append(action)
            .Append("\" data-number=\"").Append(number.Value).Append("\" data-version=\"").Append(version).Append("\">").Append(label).Append("</button>");

    /// <summary>Runs → inline HTML. Internal so tests can pin the markup of each run kind.</summary>
    internal static void AppendRuns(StringBuilder html, IReadOnlyList<TextRun> runs)
    {
        foreach (var run in runs)
        {
            switch (run)
            {
                case PlainRun plain:
                    AppendText(html, plain.Text);
                    break;
                case RelativeTimeRun relative:
                    AppendText(html, relative.Text);
                    break;
                case BoldRun bold:
                    html.Append("<strong>");
                    AppendText(html, bold.Text);
                    html.Append("</strong>");
                    break;
                case ItalicRun italic:
                    html.Append("<em>");
                    AppendText(html, italic.Text);
                    html.Append("</em>");
                    break;
                case CodeRun code:
                    // Commands are clickable on the page: a click copies them into the input.
                    html.Append("<code class=\"cmd\">").Append(Encode(code.Text)).Append("</code>");
                    break;
                case StrikeRun strike:
                    html.Append("<s>");
                    AppendText(html, strike.Text);
                    html.Append("</s>");
                    break;
                case MentionRun mention:
                    var person = PlaygroundPeople.Find(mention.User.Value);
                    html.Append("<span class=\"mention\" data-user=\"").Append(Encode(mention.User.Value)).Append("\">@")
                        .Append(Encode(person?.Name ?? mention.User.Value)).Append("</span>");
                    break;
                case LinkRun link:
                    AppendLink(html, link);
                    break;
            }
        }
    }

    private static void AppendText(StringBuilder html, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                html.Append("<br>");
            }

            html.Append(Encode(lines[i]));
        }
    }

    private static void AppendLink(StringBuilder html, LinkRun link)
    {
        var label = string.IsNullOrWhiteSpace(link.Label) ? link.Url : link.Label;
        if (!SafeLinks.IsSafe(link.Url))
        {
            html.Append(Encode(label));
            return;
        }

        html.Append("<a href=\"").Append(Encode(link.Url)).Append("\" rel=\"noopener noreferrer\" target=\"_blank\">")
            .Append(Encode(label)).Append("</a>");
    }

    private static string StateClass(PromiseLineState state) => state switch
    {
        PromiseLineState.DueSoon => "atrisk",
        PromiseLineState.Overdue => "overdue",
        PromiseLineState.Paused => "paused",
        PromiseLineState.Done => "done",
        PromiseLineState.Cancelled => "cancelled",
        _ => "open",
    };

    private static string StateLabel(PromiseLineState state) => state switch
    {
        PromiseLineState.DueSoon => "due soon",
        PromiseLineState.Overdue => "overdue",
        PromiseLineState.Paused => "paused",
        PromiseLineState.Done => "done",
        PromiseLineState.Cancelled => "cancelled",
        _ => "open",
    };

    private static string Token(string value) => value.ToLowerInvariant();
}
