using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck.Fluent;
using PromiseBot.Core.Commands;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.Events;
using PromiseBot.Slack.Interactivity;
using PromiseBot.Slack.Rendering;
using PromiseBot.Testing.Fuzzing;

namespace PromiseBot.Slack.Tests.Fuzzing;

/// <summary>
/// Fuzz properties over the Slack adapter's readers and its renderer (<see cref="Fuzz"/>: <c>PROMISEBOT_FUZZ_COUNT</c>
/// inputs each). The readers take what the receivers take: slash command form bodies (mutated bytes, invalid UTF-8,
/// bad escapes), interaction payloads (the <c>payload</c> field's JSON, mutated and nested deep) and Events API
/// bodies. No exception escapes but the one the receiver turns into a 400 (<see cref="JsonException"/> for JSON that
/// is not JSON), and a refusal says why. The escaping property: hostile text in a command that echoes it renders as
/// Block Kit with no <c>&lt;!channel&gt;</c>, <c>&lt;!here&gt;</c>, <c>&lt;!subteam^…&gt;</c>, channel link, URL link
/// or mention that the person did not type as a whole mention.
/// </summary>
public sealed partial class SlackFuzzProperties
{
    private static readonly BlockKitRenderer Renderer = new();

    [Fact]
    public void SlashCommandFormBodies_NeverThrow_AndRefuseWithAReason() =>
        Assert.Equal(0, Fuzz.Check("slack slash form", Fuzz.Seeds.Select(seed => FuzzBytes.Mutate(seed, FuzzCorpus.SlashBodies)), body =>
        {
            if (SlashCommandPayload.TryParse(body, out var payload, out var error))
            {
                if (payload is null)
                {
                    throw new FuzzViolation("parsed without a payload");
                }

                return FuzzVerdict.Accepted;
            }

            FuzzChecks.Friendly(error, "form refusal");
            return FuzzVerdict.Refused;
        }, ShowBytes).Exceptions);

    [Fact]
    public void InteractionPayloads_NeverThrow() =>
        Assert.Equal(0, Fuzz.Check("slack interaction json", Fuzz.Seeds.Select(seed => FuzzJson.Mutate(seed, FuzzCorpus.Interactions)), json =>
        {
            // As the receiver reads it: the form field, then the JSON, then the payload.
            var body = "payload=" + Uri.EscapeDataString(Encoding.UTF8.GetString(json));
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);
            if (!form.TryGetValue("payload", out var payload) || payload.Count != 1 || string.IsNullOrEmpty(payload[0]))
            {
                return FuzzVerdict.Refused;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(payload[0]!);
            }
            catch (JsonException)
            {
                return FuzzVerdict.Refused;
            }

            using (document)
            {
                if (!global::PromiseBot.Http.JsonStrings.AllReadable(Encoding.UTF8.GetBytes(payload[0]!)))
                {
                    return FuzzVerdict.Refused; // the receiver answers 400, as for JSON that does not parse
                }

                return SlackInteraction.Parse(document.RootElement) is null ? FuzzVerdict.Refused : FuzzVerdict.Accepted;
            }
        }, ShowBytes).Exceptions);

    [Fact]
    public void EventsBodies_NeverThrow() =>
        Assert.Equal(0, Fuzz.Check("slack events json", Fuzz.Seeds.Select(seed => FuzzJson.Mutate(seed, FuzzCorpus.Events)), body =>
        {
            try
            {
                return SlackEvent.Parse(body) is null ? FuzzVerdict.Refused : FuzzVerdict.Accepted;
            }
            catch (JsonException)
            {
                return FuzzVerdict.Refused; // the receiver answers 400
            }
        }, ShowBytes).Exceptions);

    [Fact]
    public void HostileTextInEchoingCommands_RendersAsText() =>
        Assert.Equal(0, Fuzz.Check("slack escaping", Fuzz.Seeds.Select(FuzzReplies.Command), command =>
        {
            // Slack sends the text entity-encoded and the adapter decodes it once; the renderer must encode it again.
            var text = SlackText.Unescape(SlackText.Escape(command));
            var replies = FuzzReplies.For(text, ChatPlatform.Slack, "U0MAYA");
            var allowed = new HashSet<string>(FuzzReplies.MentionedIds(text), StringComparer.Ordinal) { "U0MAYA", "U0SAM" };
            foreach (var reply in replies)
            {
                foreach (var rendered in new[] { Renderer.RenderSlashResponse(reply), Renderer.RenderMessage(reply, "C0FUZZ") })
                {
                    foreach (var s in Strings(rendered))
                    {
                        AssertNoForgedMarkup(s, allowed, command);
                    }
                }
            }

            return replies.Count == 0 || replies.All(r => r.Tone == Core.Messages.ReplyTone.Error) ? FuzzVerdict.Refused : FuzzVerdict.Accepted;
        }).Exceptions);

    [Fact]
    public void TheEscapingCheck_CatchesForgedMarkup()
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal) { "U0MAYA" };
        Assert.Throws<FuzzViolation>(() => AssertNoForgedMarkup("hi <!channel>", allowed, "x"));
        Assert.Throws<FuzzViolation>(() => AssertNoForgedMarkup("<https://evil.example|click>", allowed, "x"));
        Assert.Throws<FuzzViolation>(() => AssertNoForgedMarkup("<@U0EVIL1>", allowed, "x"));
        AssertNoForgedMarkup("&lt;!channel&gt; for <@U0MAYA>", allowed, "x");
    }

    private static void AssertNoForgedMarkup(string rendered, IReadOnlySet<string> allowed, string command)
    {
        foreach (Match m in SlackMarkup().Matches(rendered))
        {
            if (m.Groups["mention"].Success && allowed.Contains(m.Groups["mention"].Value))
            {
                continue;
            }

            throw new FuzzViolation($"'{m.Value}' survived into \"{Fuzz.Printable(rendered)}\" from \"{Fuzz.Printable(command)}\"");
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    // Button values and action ids are data Slack never renders.
                    if (key is "value" or "action_id" or "block_id" or "private_metadata")
                    {
                        continue;
                    }

                    foreach (var s in Strings(child))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var s in Strings(child))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return text;
                break;
        }
    }

    private static string ShowBytes(byte[] bytes) =>
        $"{bytes.Length:N0} bytes: \"{Fuzz.Printable(Encoding.UTF8.GetString(bytes))}\"";

    // <!channel>, <!here>, <!subteam^…>, <!date…>: any special; <#C…>: a channel link; <http…>, <mailto:…>: links;
    // <@U…>: a mention (allowed only for the people the text mentioned as a whole token, and the sender).
    [GeneratedRegex(@"<!|<#|<(?:https?|mailto|tel|ftp|slack):|<@(?<mention>[^|<>\s]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SlackMarkup();
}
