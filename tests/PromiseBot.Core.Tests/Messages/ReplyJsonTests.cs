using System.Text.Json;
using System.Text.Json.Nodes;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Tests.Messages;

public sealed class ReplyJsonTests
{
    public static TheoryData<string, ReplyBlock> Blocks() => new()
    {
        { "header", new HeaderBlock("Due in the next 48 hours") },
        { "text", new TextBlock(new PlainRun("plain <@U1> & more")) },
        { "context", new ContextBlock(new ItalicRun("times shown in America/New_York")) },
        { "fields", new FieldsBlock([new Field("Owner", [new MentionRun(new UserId("U1"))]), new Field("Due", [new PlainRun("Fri")])]) },
        { "promise_line", new PromiseLineBlock(new PromiseNumber(12), PromiseLineState.Overdue, [new BoldRun("#12"), new PlainRun(" quote")]) },
        { "promise_line", new PromiseLineBlock(new PromiseNumber(7), PromiseLineState.DueSoon, [new PlainRun("with buttons")], Version: 3) },
        { "promise_line", new PromiseLineBlock(new PromiseNumber(8), PromiseLineState.DueSoon, [new PlainRun("reminded")], Version: 2, Acknowledgeable: true) },
        { "divider", new DividerBlock() },
        { "file", new FileBlock("on-time-12-weeks.png", FileBlock.Png, "On time, last 12 weeks", "A line chart", [0x89, 0x50, 0x4E, 0x47, 0, 255], 640, 360) },
        { "file", new FileBlock("promises-2026-11.csv", FileBlock.Csv, "Promises, November 2026", "CSV export", "number,title\n"u8.ToArray()) },
        { "accepted_file", new AcceptedFileBlock("0123456789abcdef0123456789abcdef", "promises.csv", "https://contoso-my.sharepoint.com/upload?x=1", "https://contoso-my.sharepoint.com/personal/ana/promises.csv", "1150D938-8870", "csv") },
        { "promise_offer", new PromiseOfferBlock(new PromiseNumber(12), PromiseOffer.CustomerFeedback) },
        { "promise_offer", new PromiseOfferBlock(new PromiseNumber(3), PromiseOffer.CustomerUpdate) },
        { "promise_form", new PromiseFormBlock(new PromiseFormValues("Send <the> quote", "2026-11-27", "17:00", null, "29:ana", null, "quotes"), new Dictionary<PromiseFormField, string>()) },
        {
            "promise_form", new PromiseFormBlock(new PromiseFormValues(null, null, null, "Acme", "U1", "U1", null), new Dictionary<PromiseFormField, string>
            {
                [PromiseFormField.Backup] = "Pick someone other than the owner.",
                [PromiseFormField.Title] = "Say what was promised.",
            })
        },
    };

    public static TheoryData<string, TextRun> RunsOfEveryType() => new()
    {
        { "plain", new PlainRun("Send the quote") },
        { "bold", new BoldRun("#12") },
        { "italic", new ItalicRun("paused") },
        { "code", new CodeRun("/promise done 12") },
        { "strike", new StrikeRun("old due") },
        { "mention", new MentionRun(new UserId("U0123ABC")) },
        { "link", new LinkRun("https://example.com/a?b=1&c=<2>", "the ticket") },
        { "relative_time", new RelativeTimeRun(NodaTime.Instant.FromUtc(2026, 11, 24, 3, 0), "in 4 h") },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void RoundTrip_EveryBlockType_ComesBackEqualWithItsStableTypeName(string type, ReplyBlock block)
    {
        var reply = new Reply(ReplyVisibility.Channel, ReplyTone.Warning, "summary", [block]);

        var json = ReplyJson.Serialize(reply);
        var back = ReplyJson.Deserialize(json);

        Assert.Equal(type, (string?)JsonNode.Parse(json)!["blocks"]![0]!["type"]);
        AssertSame(reply, back);
    }

    [Theory]
    [MemberData(nameof(RunsOfEveryType))]
    public void RoundTrip_EveryRunType_ComesBackEqualWithItsStableTypeName(string type, TextRun run)
    {
        var reply = Reply.Private(ReplyTone.Info, "s", new TextBlock(run), new ContextBlock(run),
            new FieldsBlock([new Field("Label", [run])]), new PromiseLineBlock(new PromiseNumber(1), PromiseLineState.Open, [run]));

        var json = ReplyJson.Serialize(reply);
        var back = ReplyJson.Deserialize(json);

        Assert.Equal(type, (string?)JsonNode.Parse(json)!["blocks"]![0]!["runs"]![0]!["type"]);
        AssertSame(reply, back);
    }

    [Fact]
    public void RoundTrip_KeepsVisibilityToneSummaryAndBlockOrder()
    {
        var reply = new Reply(ReplyVisibility.Private, ReplyTone.Error, "Ünïcode \"quoted\" \n line", [
            new DividerBlock(), new HeaderBlock("h"), new TextBlock(new PlainRun("a"), new BoldRun("b")),
        ]);

        AssertSame(reply, ReplyJson.Deserialize(ReplyJson.Serialize(reply)));
    }

    [Fact]
    public void Serialize_WritesTheDocumentedShape()
    {
        var reply = Reply.Private(ReplyTone.Success, "ok", new TextBlock(new MentionRun(new UserId("U1"))));

        Assert.Equal(
            """{"visibility":"Private","tone":"Success","summary":"ok","blocks":[{"type":"text","runs":[{"type":"mention","user":"U1"}]}]}""",
            ReplyJson.Serialize(reply));
    }

    [Fact]
    public void RelativeTime_IsStoredWithItsInstant_SoItCanBeResolvedAgainAtDelivery()
    {
        var at = NodaTime.Instant.FromUtc(2026, 11, 24, 3, 0);
        var reply = Reply.Private(ReplyTone.Info, "s", new TextBlock(new RelativeTimeRun(at, "in 4 h")));

        Assert.Equal(
            """{"visibility":"Private","tone":"Info","summary":"s","blocks":[{"type":"text","runs":[{"type":"relative_time","at":1795489200000,"text":"in 4 h"}]}]}""",
            ReplyJson.Serialize(reply));
        var back = Assert.IsType<RelativeTimeRun>(Assert.IsType<TextBlock>(ReplyJson.Deserialize(ReplyJson.Serialize(reply)).Blocks[0]).Runs[0]);
        Assert.Equal((at, "in 4 h"), (back.At, back.Text));
    }

    [Theory]
    [InlineData("""{"visibility":"Private","tone":"Info","summary":"s","blocks":[{"type":"image"}]}""")]
    [InlineData("""{"visibility":"Private","tone":"Info","summary":"s","blocks":[{"type":"text","runs":[{"type":"emoji"}]}]}""")]
    [InlineData("""{"visibility":"Nobody","tone":"Info","summary":"s","blocks":[]}""")]
    [InlineData("""{"visibility":"Private","tone":"Info","blocks":[]}""")]
    public void Deserialize_UnknownOrMissingParts_ThrowsJsonException(string json) =>
        Assert.Throws<JsonException>(() => ReplyJson.Deserialize(json));

    // Records with list members compare lists by reference; compare the canonical JSON and the runtime types instead.
    private static void AssertSame(Reply expected, Reply actual)
    {
        Assert.Equal(expected.Visibility, actual.Visibility);
        Assert.Equal(expected.Tone, actual.Tone);
        Assert.Equal(expected.Summary, actual.Summary);
        Assert.Equal(expected.Blocks.Select(b => b.GetType()), actual.Blocks.Select(b => b.GetType()));
        for (var i = 0; i < expected.Blocks.Count; i++)
        {
            Assert.Equal(Runs(expected.Blocks[i]), Runs(actual.Blocks[i]));
        }

        Assert.Equal(ReplyJson.Serialize(expected), ReplyJson.Serialize(actual));
    }

    private static IEnumerable<object> Runs(ReplyBlock block) => block switch
    {
        TextBlock t => t.Runs,
        ContextBlock c => c.Runs,
        PromiseLineBlock p => p.Runs.Cast<object>().Append(p.Number).Append(p.State).Append(p.Version ?? -1).Append(p.Acknowledgeable),
        FieldsBlock f => f.Fields.SelectMany(x => x.Value.Cast<object>().Prepend(x.Label)),
        HeaderBlock h => [h.Text],
        PromiseFormBlock form => [form.Values, .. form.Problems.OrderBy(p => p.Key).Select(p => (object)p)],
        _ => [],
    };
}
