using System.Text;
using System.Text.Json.Nodes;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Teams.Activities;
using PromiseBot.Teams.Messaging;

namespace PromiseBot.Teams.Cards;

/// <summary>
/// Renders a neutral <see cref="Reply"/> as an Adaptive Card 1.5 (https://adaptivecards.io/explorer/) for Teams:
/// TextBlocks with wrap, user text escaped so it is never read as markdown or markup, people as Teams mention
/// entities (<c>&lt;at&gt;Name&lt;/at&gt;</c> listed in <c>msteams.entities</c>), and Done / Extend / Ack buttons as
/// <c>Action.Execute</c> (Universal Actions) with an <c>Action.Submit</c> fallback for older clients. Cards stay under
/// 28 KB, the smallest message limit Teams has documented.
/// </summary>
public sealed class AdaptiveCardRenderer(ITeamsUserNames? names = null) : ITeamsCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";
    public const int MaxCardBytes = 28 * 1024;

    /// <summary>Only the first promise lines of a reply get buttons: a 20-line list of button rows is noise.</summary>
    public const int MaxLinesWithActions = 5;

    public const int MaxTextLength = 4000;

    /// <summary>How many rows a redrawn multi-promise card keeps (a list page has 20).</summary>
    public const int MaxRows = 25;

    private const int MaxTitleLength = 150;

    private const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";
    private const string Ellipsis = "\u2026";

    /// <summary>The card JSON; what the outbound messenger sends as the attachment's content.</summary>
    public JsonObject Render(Reply reply) => RenderCard(reply);

    /// <summary>The card JSON.</summary>
    public JsonObject RenderCard(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var state = new RenderState(names) { Rows = RowsOf(reply), Title = TitleOf(reply) };
        var body = new List<JsonObject>();
        var separatorNext = false;
        foreach (var block in reply.Blocks)
        {
            if (block is DividerBlock)
            {
                separatorNext = body.Count > 0;
                continue;
            }

            var before = body.Count;
            RenderBlock(block, body, state);
            if (separatorNext && body.Count > before)
            {
                body[before]["separator"] = true;
                separatorNext = false;
            }
        }

        if (body.Count == 0)
        {
            body.Add(Text(Escape(string.IsNullOrWhiteSpace(reply.Summary) ? "PromiseBot" : reply.Summary)));
        }

        var card = Card(reply, body, state);
        var hidden = 0;
        while (body.Count > 1 && Size(card) > MaxCardBytes)
        {
            body.RemoveAt(body.Count - 1);
            hidden++;
            card = Card(reply, body, state);
        }

        if (hidden > 0)
        {
            body.Add(Subtle(Escape($"{Ellipsis}and {hidden} more not shown")));
            card = Card(reply, body, state);
        }

        return card;
    }

    /// <summary>The card as a Bot Framework attachment <c>{contentType, content}</c>.</summary>
    public JsonObject RenderAttachment(Reply reply) => new()
    {
        ["contentType"] = ContentType,
        ["content"] = RenderCard(reply),
    };

    /// <summary>
    /// Adds each image of <paramref name="reply"/> (a report's charts) to <paramref name="attachments"/> as an inline
    /// <c>image/png</c> attachment with a data URI, which Teams shows in every scope without Graph or a hosted URL
    /// (charts are kept far under its 1 MB and 1024×1024 limits). Other files (an export) are not attachments: Teams
    /// takes those through a file consent card.
    /// </summary>
    public static void AddImages(JsonArray attachments, Reply reply)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentNullException.ThrowIfNull(reply);
        foreach (var image in reply.Blocks.OfType<FileBlock>().Where(f => f.IsImage))
        {
            attachments.Add(new JsonObject
            {
                ["contentType"] = image.MediaType,
                ["contentUrl"] = $"data:{image.MediaType};base64,{Convert.ToBase64String(image.Content)}",
                ["name"] = image.FileName,
            });
        }
    }

    /// <summary>
    /// An outgoing <c>message</c> activity carrying the card (the Bot Connector fills in from, recipient and
    /// conversation from the URL it is posted to; the messenger may add them). <c>summary</c> is the notification text.
    /// </summary>
    public JsonObject RenderMessageActivity(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var activity = new JsonObject
        {
            ["type"] = ActivityTypes.Message,
            ["attachments"] = new JsonArray(RenderAttachment(reply)),
        };
        if (!string.IsNullOrWhiteSpace(reply.Summary))
        {
            activity["summary"] = Truncate(reply.Summary.Trim(), 250);
        }

        return activity;
    }

    /// <summary>The body of an <c>adaptiveCard/action</c> invoke response that replaces the card with this reply.</summary>
    public JsonObject RenderInvokeCard(Reply reply) => new()
    {
        ["statusCode"] = 200,
        ["type"] = ContentType,
        ["value"] = RenderCard(reply),
    };

    /// <summary>An invoke response that shows a short message and leaves the card as it was.</summary>
    public static JsonObject InvokeMessage(string text) => new()
    {
        ["statusCode"] = 200,
        ["type"] = "application/vnd.microsoft.activity.message",
        ["value"] = text,
    };

    /// <summary>An invoke error (e.g. 400 for unusable card data).</summary>
    public static JsonObject InvokeError(int statusCode, string code, string message) => new()
    {
        ["statusCode"] = statusCode,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
    };

    private static JsonObject Card(Reply reply, List<JsonObject> body, RenderState state)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = Schema,
            ["version"] = Version,
            ["body"] = new JsonArray([.. body.Select(b => b.DeepClone())]),
        };
        if (!string.IsNullOrWhiteSpace(reply.Summary))
        {
            card["fallbackText"] = Truncate(reply.Summary.Trim(), 1000);
        }

        var msteams = new JsonObject { ["width"] = "Full" };
        if (state.Mentions.Count > 0)
        {
            msteams["entities"] = new JsonArray([.. state.Mentions.Values.Select(m => (JsonNode)new JsonObject
            {
                ["type"] = "mention",
                ["text"] = m.Text,
                ["mentioned"] = new JsonObject { ["id"] = m.Id, ["name"] = m.Name },
            })]);
        }

        card["msteams"] = msteams;
        return card;
    }

    private static void RenderBlock(ReplyBlock block, List<JsonObject> body, RenderState state)
    {
        switch (block)
        {
            case HeaderBlock header when !string.IsNullOrWhiteSpace(header.Text):
                var title = Text(Escape(Truncate(header.Text.Trim(), 150)));
                title["size"] = "Medium";
                title["weight"] = "Bolder";
                body.Add(title);
                break;

            case TextBlock text:
                AddText(body, Markdown(text.Runs, state), subtle: false);
                break;

            case ContextBlock context:
                AddText(body, Markdown(context.Runs, state), subtle: true);
                break;

            case FileBlock { IsImage: false } file:
                // Images go as attachments of their own, and a file such as an export with a file consent card in a
                // personal chat (TeamsMessenger, which says so in the card). A card drawn elsewhere (an invoke's answer)
                // cannot carry it: say where it can be had rather than let the file vanish.
                AddText(body, Escape($"{file.FileName} can be sent only in your 1:1 chat with PromiseBot: send the same command there to get the file."), subtle: true);
                break;

            case FieldsBlock fields:
                foreach (var field in fields.Fields)
                {
                    var value = Markdown(field.Value, state);
                    var label = string.IsNullOrWhiteSpace(field.Label) ? string.Empty : "**" + Escape(field.Label.Trim()) + "**";
                    var line = label.Length == 0 ? value : value.Length == 0 ? label : label + ": " + value;
                    if (!string.IsNullOrWhiteSpace(line))
                    {
                        var fieldBlock = Text(line);
                        fieldBlock["spacing"] = "None";
                        body.Add(fieldBlock);
                    }
                }

                break;

            case PromiseLineBlock line:
                var lineText = Markdown(line.Runs, state);
                var marker = StateMarker(line.State);
                AddText(body, marker is null || lineText.Length == 0 ? lineText : marker + " " + lineText, subtle: false);
                if (IsActionable(line.State) && state.LinesWithActions < MaxLinesWithActions)
                {
                    state.LinesWithActions++;
                    body.Add(Actions(line, state));
                }

                break;

            case PromiseFormBlock form:
                body.AddRange(Form(form, state));
                break;

            case RecoveryPromptBlock prompt:
                body.Add(RecoveryCard.Prompt(prompt));
                break;

            case RecoveryFormBlock recovery:
                body.AddRange(RecoveryCard.Form(recovery));
                break;

            case ApprovalPromptBlock approval:
                body.Add(ApprovalCard.Buttons(approval));
                break;

            case PromiseOfferBlock offer:
                AddText(body, Escape(offer.Prompt), subtle: true);
                body.Add(Offer(offer));
                break;
        }
    }

    /// <summary>The Graph dataset the people pickers search (Teams: people of the tenant).</summary>
    public const string PeopleDataset = "graph.microsoft.com/users";

    /// <summary>
    /// The new-promise form: title, due date and time, customer, owner and backup (people pickers searching the
    /// tenant), category, and Create (<c>Action.Execute</c> verb <c>create</c>, with an Action.Submit fallback).
    /// A problem found on submit is shown in red under its field; the values typed so far are kept.
    /// </summary>
    private static IEnumerable<JsonObject> Form(PromiseFormBlock form, RenderState state)
    {
        var values = form.Values;
        IEnumerable<JsonObject> Field(JsonObject input, PromiseFormField field)
        {
            yield return input;
            if (form.Problems.TryGetValue(field, out var problem))
            {
                var error = Text(Escape(problem));
                error["color"] = "Attention";
                error["size"] = "Small";
                error["spacing"] = "None";
                yield return error;
            }
        }

        var title = Input("Input.Text", CardVerbs.Form.Title, "What was promised", values.Title);
        title["isRequired"] = true;
        title["errorMessage"] = "Say what was promised.";
        title["maxLength"] = PromiseForm.MaxTitle;
        title["placeholder"] = "Send the quote to Acme";
        var date = Input("Input.Date", CardVerbs.Form.DueDate, "Due date", values.DueDate);
        date["isRequired"] = true;
        date["errorMessage"] = "Pick a date.";
        var time = Input("Input.Time", CardVerbs.Form.DueTime, "Due time", values.DueTime);
        time["isRequired"] = true;
        time["errorMessage"] = "Pick a time.";
        var aim = Input("Input.Text", CardVerbs.Form.Aim, "Aim to be done by (optional)", values.Aim);
        aim["maxLength"] = PromiseForm.MaxAimText;
        aim["placeholder"] = "Thursday noon (empty: the team's usual buffer before the due)";
        var customer = Input("Input.Text", CardVerbs.Form.Customer, "Customer (optional)", values.Customer);
        customer["maxLength"] = PromiseForm.MaxCustomer;
        var category = Input("Input.Text", CardVerbs.Form.Category, "Category (optional)", values.Category);
        // The people the form already names are offered in both pickers before any search.
        string[] known = [.. new[] { values.Owner, values.Backup }.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal)!];
        category["placeholder"] = "quotes";
        // Multi-select, expanded: checkboxes; Teams submits the ticked values comma-separated.
        var risk = Input("Input.ChoiceSet", CardVerbs.Form.Risk, "Risk (optional)", values.Risk);
        risk["isMultiSelect"] = true;
        risk["style"] = "expanded";
        risk["choices"] = new JsonArray([.. PromiseForm.RiskChoices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Label, ["value"] = c.Name })]);

        return
        [
            .. Field(title, PromiseFormField.Title),
            .. Field(date, PromiseFormField.Due),
            time,
            .. Field(aim, PromiseFormField.Aim),
            .. Field(customer, PromiseFormField.Customer),
            .. Field(People(CardVerbs.Form.Owner, "Owner", values.Owner, known, state), PromiseFormField.Owner),
            .. Field(People(CardVerbs.Form.Backup, "Backup (optional)", values.Backup, known, state), PromiseFormField.Backup),
            .. Field(category, PromiseFormField.Category),
            risk,
            new JsonObject
            {
                ["type"] = "ActionSet",
                ["actions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Action.Execute",
                    ["title"] = "Create promise",
                    ["verb"] = CardVerbs.Create,
                    ["style"] = "positive",
                    ["data"] = new JsonObject(),
                    ["fallback"] = new JsonObject
                    {
                        ["type"] = "Action.Submit",
                        ["title"] = "Create promise",
                        ["data"] = new JsonObject { ["verb"] = CardVerbs.Create },
                    },
                }),
            },
        ];
    }

    private static JsonObject Input(string type, string id, string label, string? value)
    {
        var input = new JsonObject { ["type"] = type, ["id"] = id, ["label"] = label };
        if (!string.IsNullOrEmpty(value))
        {
            input["value"] = value;
        }

        return input;
    }

    /// <summary>
    /// A people picker: Teams searches the tenant's people as you type (<c>choices.data</c>, a Graph
    /// <c>Data.Query</c>); the people the form already names are static choices, so they show by name.
    /// </summary>
    private static JsonObject People(string id, string label, string? value, IReadOnlyList<string> known, RenderState state)
    {
        var picker = Input("Input.ChoiceSet", id, label, value);
        picker["isMultiSelect"] = false;
        picker["choices"] = new JsonArray([.. known.Select(k => (JsonNode)new JsonObject { ["title"] = state.NameOf(new UserId(k)), ["value"] = k })]);
        picker["choices.data"] = new JsonObject { ["type"] = "Data.Query", ["dataset"] = PeopleDataset };
        return picker;
    }

    private static bool IsActionable(PromiseLineState state) =>
        state is PromiseLineState.Open or PromiseLineState.DueSoon or PromiseLineState.Overdue;

    private static JsonObject Actions(PromiseLineBlock line, RenderState state)
    {
        var number = line.Number.Value;
        var actions = new JsonArray
        {
            Execute($"Done {line.Number}", CardVerbs.Done, line, state),
            new JsonObject
            {
                ["type"] = "Action.ShowCard",
                ["title"] = "Extend",
                ["card"] = new JsonObject
                {
                    ["type"] = "AdaptiveCard",
                    ["body"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "Input.Date",
                        ["id"] = CardVerbs.DueInputId(number),
                        ["label"] = $"New due date for {line.Number}",
                        ["isRequired"] = true,
                        ["errorMessage"] = "Pick a date.",
                    }),
                    ["actions"] = new JsonArray(Execute($"Extend {line.Number}", CardVerbs.Extend, line, state)),
                },
            },
        };
        // Only once a reminder step has fired is there anything to acknowledge ("Nothing to acknowledge" otherwise).
        if (line.Acknowledgeable)
        {
            actions.Add(Execute("Seen it", CardVerbs.Ack, line, state));
        }

        return new JsonObject { ["type"] = "ActionSet", ["actions"] = actions };
    }

    private static JsonObject Execute(string title, string verb, PromiseLineBlock line, RenderState state)
    {
        var data = Identity(line);
        if (state.Rows.Count > 1)
        {
            // A card of several promises: the click is answered with the same card, only this row redrawn, so the
            // action says which rows the card has (in order) and its title line.
            data[CardVerbs.RowsKey] = new JsonArray([.. state.Rows.Select(n => (JsonNode)n)]);
            if (state.Title is { } cardTitle)
            {
                data[CardVerbs.TitleKey] = cardTitle;
            }
        }

        return Execute(title, verb, line, data);
    }

    /// <summary>
    /// Which promise a button is for and the version it was drawn at: a click on a card that no longer shows the
    /// promise as it is changes nothing (Core's action model). A line without a version gets none, and its click is
    /// answered by redrawing the promise as it stands (with its version) instead of changing it.
    /// </summary>
    private static JsonObject Identity(PromiseLineBlock line)
    {
        var data = new JsonObject { ["number"] = line.Number.Value };
        if (line.Version is { } version)
        {
            data[CardVerbs.VersionKey] = version;
        }

        return data;
    }

    private static JsonObject Execute(string title, string verb, PromiseLineBlock line, JsonObject data) => new()
    {
        ["type"] = "Action.Execute",
        ["title"] = title,
        ["verb"] = verb,
        ["data"] = data,
        // Clients without Universal Actions send the same data as a message activity's value.
        ["fallback"] = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = title,
            ["data"] = WithVerb(Identity(line), verb),
        },
    };

    /// <summary>An offer's buttons: Action.Execute with the verb and the promise (and score), an Action.Submit fallback with the same data.</summary>
    private static JsonObject Offer(PromiseOfferBlock offer)
    {
        JsonObject Button(string title, string verb, int? score)
        {
            JsonObject Data()
            {
                var data = new JsonObject { ["number"] = offer.Number.Value };
                if (score is { } s)
                {
                    data[CardVerbs.ScoreKey] = s;
                }

                if (offer is { Offer: PromiseOffer.UseSuggestion, Due: { } due, Version: { } version })
                {
                    data[CardVerbs.VersionKey] = version;
                    data[CardVerbs.DueKey] = due.ToUnixTimeMilliseconds();
                }

                return data;
            }

            return new JsonObject
            {
                ["type"] = "Action.Execute",
                ["title"] = title,
                ["verb"] = verb,
                ["data"] = Data(),
                ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = WithVerb(Data(), verb) },
            };
        }

        var actions = new JsonArray();
        if (offer.Offer == PromiseOffer.CustomerFeedback)
        {
            for (var score = PromiseBot.Core.Feedback.CustomerFeedback.MinScore; score <= PromiseBot.Core.Feedback.CustomerFeedback.MaxScore; score++)
            {
                actions.Add(Button(score.ToString(System.Globalization.CultureInfo.InvariantCulture), CardVerbs.Feedback, score));
            }
        }
        else if (offer.Offer == PromiseOffer.UseSuggestion)
        {
            actions.Add(Button(offer.Buttons[0].Label, CardVerbs.UseSuggestion, null));
        }
        else
        {
            actions.Add(Button("Draft customer update", CardVerbs.CustomerUpdate, null));
        }

        return new JsonObject { ["type"] = "ActionSet", ["actions"] = actions };
    }

    private static JsonObject WithVerb(JsonObject data, string verb)
    {
        data["verb"] = verb;
        return data;
    }

    private static void AddText(List<JsonObject> body, string markdown, bool subtle)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return;
        }

        // Teams reads a single line break inside a TextBlock as a space, so lines (a history, a list) would run
        // together: each line gets its own TextBlock, tight under the one before.
        var first = true;
        foreach (var line in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var block = subtle ? Subtle(line) : Text(line);
            if (!first)
            {
                block["spacing"] = "None";
            }

            body.Add(block);
            first = false;
        }
    }

    /// <summary>The numbers of the promise lines of a reply, in order (at most <see cref="MaxRows"/>).</summary>
    private static IReadOnlyList<int> RowsOf(Reply reply) =>
        [.. reply.Blocks.OfType<PromiseLineBlock>().Select(l => l.Number.Value).Distinct().Take(MaxRows)];

    /// <summary>The plain text of the block before the first promise line (a list's "Open promises … (3)"), if any.</summary>
    private static string? TitleOf(Reply reply)
    {
        foreach (var block in reply.Blocks)
        {
            var text = block switch
            {
                HeaderBlock header => header.Text,
                TextBlock paragraph => string.Concat(paragraph.Runs.Select(PlainText)),
                _ => null,
            };
            if (block is PromiseLineBlock)
            {
                return null;
            }

            if (!string.IsNullOrWhiteSpace(text))
            {
                var title = text.Trim().ReplaceLineEndings(" ");
                return title.Length <= MaxTitleLength ? title : title[..MaxTitleLength].TrimEnd() + Ellipsis;
            }
        }

        return null;
    }

    private static string PlainText(TextRun run) => run switch
    {
        PlainRun r => r.Text,
        BoldRun r => r.Text,
        ItalicRun r => r.Text,
        CodeRun r => r.Text,
        StrikeRun r => r.Text,
        LinkRun r => r.Label,
        _ => string.Empty,
    };

    private static JsonObject Text(string markdown) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = Truncate(markdown, MaxTextLength),
        ["wrap"] = true,
    };

    private static JsonObject Subtle(string markdown)
    {
        var block = Text(markdown);
        block["isSubtle"] = true;
        block["size"] = "Small";
        return block;
    }

    private static string? StateMarker(PromiseLineState state) => state switch
    {
        PromiseLineState.Overdue => "\U0001F534",
        PromiseLineState.DueSoon => "\U0001F7E0",
        PromiseLineState.Paused => "\u23F8\uFE0F",
        PromiseLineState.Done => "\u2705",
        PromiseLineState.Cancelled => "\U0001F6AB",
        _ => null,
    };

    /// <summary>Runs → Teams card markdown. Internal so tests can pin the markup of each run kind.</summary>
    internal static string Markdown(IReadOnlyList<TextRun> runs, RenderState state)
    {
        var builder = new StringBuilder();
        foreach (var run in runs)
        {
            switch (run)
            {
                case PlainRun plain:
                    builder.Append(Escape(plain.Text));
                    break;
                case RelativeTimeRun relative:
                    builder.Append(Escape(relative.Text));
                    break;
                case BoldRun bold:
                    Wrap(builder, bold.Text, "**");
                    break;
                case ItalicRun italic:
                    Wrap(builder, italic.Text, "_");
                    break;
                case CodeRun code:
                    // Card markdown has no inline code; bold keeps commands readable without interpreting them.
                    Wrap(builder, code.Text, "**");
                    break;
                case StrikeRun strike:
                    // No strikethrough in card markdown either: keep the words, escaped.
                    builder.Append(Escape(strike.Text));
                    break;
                case MentionRun mention:
                    builder.Append(state.Mention(mention.User) ?? Escape(mention.User.Value));
                    break;
                case LinkRun link:
                    AppendLink(builder, link);
                    break;
            }
        }

        return builder.ToString();
    }

    private static void Wrap(StringBuilder builder, string text, string marker)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            builder.Append(text);
            return;
        }

        if (trimmed.Contains('\n', StringComparison.Ordinal))
        {
            // Markers must open and close on one line: each line is wrapped on its own.
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append('\n');
                }

                Wrap(builder, lines[i], marker);
            }

            return;
        }

        var leading = text.Length - text.TrimStart().Length;
        var trailing = text.Length - text.TrimEnd().Length;
        builder.Append(text, 0, leading).Append(marker).Append(Escape(trimmed)).Append(marker).Append(text, text.Length - trailing, trailing);
    }

    private static void AppendLink(StringBuilder builder, LinkRun link)
    {
        var label = string.IsNullOrWhiteSpace(link.Label) ? link.Url : link.Label;
        if (!SafeLinks.IsSafe(link.Url))
        {
            builder.Append(Escape(label));
            return;
        }

        builder.Append('[').Append(Escape(label)).Append("](").Append(link.Url).Append(')');
    }

    /// <summary>
    /// Escapes every character card markdown could act on with a backslash (CommonMark escapes ASCII punctuation), so
    /// <c>**x**</c>, <c>[x](y)</c>, <c>&lt;at&gt;</c>, list markers and headings in user text stay literal.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var special = c is '\\' or '*' or '_' or '~' or '`' or '[' or ']' or '<' or '>' or '|' or '{' or '}'
                || (lineStart && c is '#' or '-' or '+' or '=')
                || (c == '.' && i > 0 && char.IsAsciiDigit(text[i - 1]) && (i + 1 == text.Length || text[i + 1] == ' '));
            if (special)
            {
                builder.Append('\\');
            }

            builder.Append(c);
            if (c is '\n' or '\r')
            {
                lineStart = true;
            }
            else if (c != ' ')
            {
                lineStart = false;
            }
        }

        return builder.ToString();
    }

    private static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        // Do not leave a dangling escape backslash or half a mention tag.
        var open = text.LastIndexOf("<at>", cut, StringComparison.Ordinal);
        if (open >= 0 && text.IndexOf("</at>", open, StringComparison.Ordinal) is var close && (close < 0 || close + 5 > cut))
        {
            cut = open;
        }

        var end = cut;
        while (end > 0 && text[end - 1] == '\\')
        {
            end--;
        }

        if ((cut - end) % 2 == 1)
        {
            cut--;
        }

        return text[..cut].TrimEnd() + Ellipsis;
    }

    private static int Size(JsonObject card) => Encoding.UTF8.GetByteCount(card.ToJsonString());

    internal sealed class RenderState(ITeamsUserNames? names)
    {
        public Dictionary<string, (string Id, string Name, string Text)> Mentions { get; } = new(StringComparer.Ordinal);

        public int LinesWithActions { get; set; }

        /// <summary>The card's promise numbers, in order; carried in its actions when there are several.</summary>
        public IReadOnlyList<int> Rows { get; init; } = [];

        public string? Title { get; init; }

        /// <summary>A person's display name for a picker's choice (their id when we do not know it).</summary>
        public string NameOf(UserId user) => names?.NameOf(user) is { } name ? SafeName(name) : user.Value;

        /// <summary>The <c>&lt;at&gt;</c> markup for a Teams user, registering its entity; null for a non-Teams id.</summary>
        public string? Mention(UserId user)
        {
            var id = user.Value;
            if (!id.StartsWith("29:", StringComparison.Ordinal) || id.AsSpan().IndexOfAny(" <>\"") >= 0)
            {
                return null;
            }

            if (!Mentions.TryGetValue(id, out var mention))
            {
                var name = SafeName(names?.NameOf(user));
                mention = (id, name, $"<at>{name}</at>");
                Mentions[id] = mention;
            }

            return mention.Text;
        }

        // The name appears inside <at>…</at> and must match the entity's text exactly, so only characters with no
        // markdown or markup meaning are kept.
        private static string SafeName(string? name)
        {
            var builder = new StringBuilder();
            foreach (var c in name ?? string.Empty)
            {
                if (char.IsLetterOrDigit(c) || c is ' ' or '\'' or '.' or '-' or ',')
                {
                    builder.Append(c);
                }
            }

            var safe = builder.ToString().Trim();
            return safe.Length == 0 ? "teammate" : safe.Length > 80 ? safe[..80].Trim() : safe;
        }
    }
}
