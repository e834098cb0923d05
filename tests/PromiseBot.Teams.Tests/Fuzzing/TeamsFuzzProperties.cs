using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck.Fluent;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Teams.Activities;
using PromiseBot.Teams.Cards;
using PromiseBot.Testing.Fuzzing;

namespace PromiseBot.Teams.Tests.Fuzzing;

/// <summary>
/// Fuzz properties over the Teams adapter (<see cref="Fuzz"/>: <c>PROMISEBOT_FUZZ_COUNT</c> inputs each): the
/// activity reader and translator on mutated activities (messages, card actions, form submits, file consent,
/// conversation updates; wrong types, deep nesting, invalid UTF-8) never throw, and refuse with a reason; hostile text
/// in a command that echoes it renders as an Adaptive Card with no markdown link and no <c>&lt;at&gt;</c> mention that
/// is not the card's own (one registered in its mention entities).
/// </summary>
public sealed partial class TeamsFuzzProperties
{
    private static readonly AdaptiveCardRenderer Renderer = new();

    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0);

    [Fact]
    public void Activities_AreReadAndTranslated_WithoutAnException() =>
        Assert.Equal(0, Fuzz.Check("teams activity translator", Fuzz.Seeds.Select(seed => FuzzJson.Mutate(seed, FuzzCorpus.Activities)), body =>
        {
            if (ActivityJson.TryParse(body, out var error) is not { } activity)
            {
                FuzzChecks.Friendly(error, "activity refusal");
                return FuzzVerdict.Refused;
            }

            var inbound = TeamsActivityTranslator.Translate(activity, Now);
            _ = TeamsActivityTranslator.DeliveryKeyOf(activity);
            switch (inbound)
            {
                case TeamsInbound.Invalid invalid:
                    FuzzChecks.Friendly(invalid.Reason, "invalid activity");
                    return FuzzVerdict.Refused;
                case TeamsInbound.BadCardAction bad:
                    FuzzChecks.Friendly(bad.Message, "card action refusal");
                    return FuzzVerdict.Refused;
                case TeamsInbound.Ignored:
                    return FuzzVerdict.Refused;
                default:
                    return FuzzVerdict.Accepted;
            }
        }, bytes => $"{bytes.Length:N0} bytes: \"{Fuzz.Printable(Encoding.UTF8.GetString(bytes))}\"").Exceptions);

    [Fact]
    public void HostileTextInEchoingCommands_RendersAsText() =>
        Assert.Equal(0, Fuzz.Check("teams escaping", Fuzz.Seeds.Select(FuzzReplies.Command), command =>
        {
            var text = command.Replace("<@U0SAM>", "<@29:1sam>", StringComparison.Ordinal);
            var replies = FuzzReplies.For(text, ChatPlatform.Teams, "29:1maya");
            foreach (var reply in replies)
            {
                var card = Renderer.RenderCard(reply);
                var own = OwnMentions(card);
                foreach (var (key, s) in Strings(card, "card"))
                {
                    AssertNoForgedMarkup(s, own, key + " of " + command);
                }
            }

            return replies.Count == 0 || replies.All(r => r.Tone == Core.Messages.ReplyTone.Error) ? FuzzVerdict.Refused : FuzzVerdict.Accepted;
        }).Exceptions);

    [Fact]
    public void TheEscapingCheck_CatchesForgedMarkup()
    {
        var none = new HashSet<string>(StringComparer.Ordinal);
        Assert.Throws<FuzzViolation>(() => AssertNoForgedMarkup("see [here](https://evil.example)", none, "x"));
        Assert.Throws<FuzzViolation>(() => AssertNoForgedMarkup("hi <at>Maya</at>", none, "x"));
        AssertNoForgedMarkup("see \\[here\\](https://evil.example) \\<at\\>Maya\\</at\\>", none, "x");
        AssertNoForgedMarkup("owner <at>Sam</at>", new HashSet<string>(StringComparer.Ordinal) { "<at>Sam</at>" }, "x");
    }

    private static void AssertNoForgedMarkup(string rendered, IReadOnlySet<string> own, string command)
    {
        var rest = rendered;
        foreach (var mention in own)
        {
            rest = rest.Replace(mention, "", StringComparison.Ordinal);
        }

        if (UnescapedMarkup().Match(rest) is { Success: true } m)
        {
            throw new FuzzViolation($"'{m.Value}' survived into \"{Fuzz.Printable(rendered)}\" from \"{Fuzz.Printable(command)}\"");
        }
    }

    private static HashSet<string> OwnMentions(JsonObject card)
    {
        var own = new HashSet<string>(StringComparer.Ordinal);
        if (card["msteams"]?["entities"] is JsonArray entities)
        {
            foreach (var entity in entities)
            {
                if (entity?["text"]?.GetValue<string>() is { } text)
                {
                    own.Add(text);
                }
            }
        }

        return own;
    }

    private static IEnumerable<(string Key, string Text)> Strings(JsonNode? node, string key)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    // Action data, ids, entities and the plain-text fields (fallback, speech, placeholders) are not markdown.
                    if (name is "data" or "id" or "msteams" or "verb" or "url" or "value" or "fallbackText" or "speak" or "placeholder" or "altText")
                    {
                        continue;
                    }

                    foreach (var s in Strings(child, name))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var s in Strings(child, key))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return (key, text);
                break;
        }
    }

    // An unescaped [label](url) link, or an <at> tag not escaped with a backslash.
    [GeneratedRegex(@"(?<!\\)\[[^\]]*(?<!\\)\]\(|(?<!\\)<at>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UnescapedMarkup();
}
