using System.Text;
using System.Text.Json.Nodes;
using PromiseBot.Core.Messages;

namespace PromiseBot.Teams.Messaging;

/// <summary>
/// The smallest valid rendering: one wrapped TextBlock per neutral block, runs flattened to plain text. A fallback
/// until the full Adaptive Card renderer is bound in its place; it keeps the outbound path testable on its own.
/// </summary>
public sealed class TextOnlyCardRenderer : ITeamsCardRenderer
{
    public JsonObject Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var body = new JsonArray();
        foreach (var block in reply.Blocks)
        {
            var text = block switch
            {
                HeaderBlock header => header.Text,
                TextBlock paragraph => Flatten(paragraph.Runs),
                ContextBlock context => Flatten(context.Runs),
                PromiseLineBlock line => Flatten(line.Runs),
                FieldsBlock fields => string.Join("\n", fields.Fields.Select(f => f.Label + ": " + Flatten(f.Value))),
                _ => null,
            };
            // Teams reads a single line break in a TextBlock as a space: one TextBlock per line.
            foreach (var line in (text ?? string.Empty).Split('\n'))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                body.Add(new JsonObject
                {
                    ["type"] = "TextBlock",
                    ["text"] = Escape(line.TrimEnd('\r')),
                    ["wrap"] = true,
                    ["weight"] = block is HeaderBlock ? "Bolder" : null,
                    ["isSubtle"] = block is ContextBlock ? true : null,
                });
            }
        }

        if (body.Count == 0)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = Escape(reply.Summary), ["wrap"] = true });
        }

        RemoveNulls(body);
        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
    }

    private static string Flatten(IEnumerable<TextRun> runs)
    {
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            text.Append(run switch
            {
                PlainRun r => r.Text,
                RelativeTimeRun r => r.Text,
                BoldRun r => r.Text,
                ItalicRun r => r.Text,
                CodeRun r => r.Text,
                StrikeRun r => r.Text,
                MentionRun r => "@" + r.User.Value,
                LinkRun r => r.Label,
                _ => string.Empty,
            });
        }

        return text.ToString();
    }

    // TextBlock text is Markdown in Teams: escape what would turn user text into formatting or links.
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '[' or ']' or '`' or '~')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static void RemoveNulls(JsonArray body)
    {
        foreach (var item in body.OfType<JsonObject>())
        {
            foreach (var key in item.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                item.Remove(key);
            }
        }
    }
}
