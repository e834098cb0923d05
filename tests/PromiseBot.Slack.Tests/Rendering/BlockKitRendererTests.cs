using System.Text.Json.Nodes;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Slack.Rendering;
using PromiseBot.Testing;

namespace PromiseBot.Slack.Tests.Rendering;

public sealed class BlockKitRendererTests
{
    private readonly BlockKitRenderer _renderer = new();

    private static string Mrkdwn(params TextRun[] runs) => BlockKitRenderer.Mrkdwn(runs);

    private static JsonArray Blocks(JsonObject body) => body["blocks"]!.AsArray();

    private static string Text(JsonNode? block) => block!["text"]!["text"]!.GetValue<string>();

    [Theory]
    [InlineData("<!channel> call me", "&lt;!channel&gt; call me")]
    [InlineData("<@U999>", "&lt;@U999&gt;")]
    [InlineData("&amp;", "&amp;amp;")]
    [InlineData("<https://evil.example|bank>", "&lt;https://evil.example|bank&gt;")]
    [InlineData("a < b && c > d", "a &lt; b &amp;&amp; c &gt; d")]
    [InlineData("@here *bold* _it_ :tada: \"q\" 'a'", "@here *bold* _it_ :tada: \"q\" 'a'")]
    public void PlainUserText_IsEscapedSoItCannotMentionOrLink(string userText, string expected)
    {
        var body = _renderer.RenderSlashResponse(Reply.Private(ReplyTone.Info, userText, new TextBlock(new PlainRun(userText))));

        Assert.Equal(expected, Text(Blocks(body)[0]));
        Assert.Equal(expected, body["text"]!.GetValue<string>());
        Assert.False(body.ContainsKey("link_names"));
    }

    [Theory]
    [InlineData("priya", "@priya")]
    [InlineData("<x>", "@&lt;x&gt;")]
    public void AMentionOfSomethingThatIsNotASlackId_IsShownAsAtName_NeverAsRawMarkup(string user, string expected) =>
        Assert.Equal(expected, Mrkdwn(new MentionRun(new UserId(user))));

    [Fact]
    public void Runs_RenderAsMrkdwn()
    {
        Assert.Equal(
            "Due *Fri 14 Mar* _(in 2 days)_ `done 12` ~old~ <@U02ABC> <https://acme.example/t?a=1&amp;b=2|ticket &lt;1&gt;>",
            Mrkdwn(
                new PlainRun("Due "),
                new BoldRun("Fri 14 Mar"),
                new PlainRun(" "),
                new ItalicRun("(in 2 days)"),
                new PlainRun(" "),
                new CodeRun("done 12"),
                new PlainRun(" "),
                new StrikeRun("old"),
                new PlainRun(" "),
                new MentionRun(new UserId("U02ABC")),
                new PlainRun(" "),
                new LinkRun("https://acme.example/t?a=1&b=2", "ticket <1>")));
    }

    [Theory]
    [InlineData("R&amp;D report for Smith &amp; Co", "R&D report for Smith & Co", true)]
    [InlineData("a &lt; b &gt; c", "a < b > c", true)]
    [InlineData("&amp;lt; stays one level", "&lt; stays one level", true)]
    [InlineData("<@U123|dana> and <https://example.com|a link>", "<@U123|dana> and <https://example.com|a link>", false)]
    [InlineData("&quot;other&quot; entities &#39; untouched", "&quot;other&quot; entities &#39; untouched", false)]
    public void Unescape_UndoesSlacksThreeEntitiesOnce_AndLeavesMarkupAlone(string fromSlack, string plain, bool roundTrips)
    {
        Assert.Equal(plain, SlackText.Unescape(fromSlack));
        if (roundTrips)
        {
            // Stored plain, escaped once on the way out: the same text Slack sent.
            Assert.Equal(fromSlack, SlackText.Escape(plain));
        }
    }

    [Fact]
    public void RelativeTimeRun_RendersItsTextLikePlainText_Escaped() =>
        Assert.Equal("due (in 4 h &amp; more)", Mrkdwn(new PlainRun("due ("), new RelativeTimeRun(NodaTime.Instant.FromUnixTimeSeconds(0), "in 4 h & more"), new PlainRun(")")));

    [Fact]
    public void FormattedRuns_EscapeTheirTextAndKeepSpacesOutsideMarkers()
    {
        Assert.Equal(" *a &lt;!here&gt;* ", Mrkdwn(new BoldRun(" a <!here> ")));
        Assert.Equal("   ", Mrkdwn(new ItalicRun("   ")));
    }

    [Theory]
    [InlineData("W0123ABC", "<@W0123ABC>")]
    [InlineData("u123", "@u123")]
    [InlineData("U12>x", "@U12&gt;x")]
    [InlineData("!channel", "@!channel")]
    [InlineData("29:teams-id", "@29:teams-id")]
    [InlineData("U", "@U")]
    public void MentionRun_OnlySlackUserIdsBecomeMentions(string id, string expected)
    {
        Assert.Equal(expected, Mrkdwn(new MentionRun(new UserId(id))));
    }

    [Theory]
    [InlineData("http://a.example/x", "x", "<http://a.example/x|x>")]
    [InlineData("https://a.example", "", "<https://a.example>")]
    [InlineData("javascript:alert(1)", "click", "click")]
    [InlineData("ftp://a.example/f", "", "ftp://a.example/f")]
    [InlineData("https://a.example/x|y", "label", "label")]
    [InlineData("https://a.example/x>y", "label", "label")]
    [InlineData("https://a.example/x y", "label", "label")]
    [InlineData("/relative", "label", "label")]
    [InlineData("mailto:a@b.example", "<mail>", "&lt;mail&gt;")]
    public void LinkRun_OnlyHttpUrlsBecomeLinks(string url, string label, string expected)
    {
        Assert.Equal(expected, Mrkdwn(new LinkRun(url, label)));
    }

    [Fact]
    public void Visibility_MapsToResponseType()
    {
        var reply = new Reply(ReplyVisibility.Channel, ReplyTone.Success, "Saved", [new TextBlock(new PlainRun("x"))]);
        Assert.Equal("in_channel", _renderer.RenderSlashResponse(reply)["response_type"]!.GetValue<string>());
        Assert.Equal("ephemeral", _renderer.RenderSlashResponse(reply with { Visibility = ReplyVisibility.Private })["response_type"]!.GetValue<string>());
    }

    [Fact]
    public void RenderMessage_IsAPostMessageBody()
    {
        var body = _renderer.RenderMessage(Reply.Private(ReplyTone.Info, "Digest", new TextBlock(new PlainRun("hi"))), "C123");

        Assert.Equal("C123", body["channel"]!.GetValue<string>());
        Assert.Equal("Digest", body["text"]!.GetValue<string>());
        Assert.Single(Blocks(body));
        Assert.False(body.ContainsKey("response_type"));
        Assert.False(body.ContainsKey("link_names"));
    }

    [Fact]
    public void EveryBlockType_MapsToItsBlockKitBlock()
    {
        var body = _renderer.RenderSlashResponse(AllBlockTypes());
        var types = Blocks(body).Select(b => b!["type"]!.GetValue<string>()).ToArray();

        Assert.Equal(
            ["header", "section", "context", "section", "section", "section", "section", "section", "section", "section", "divider"],
            types);
        Assert.Equal("plain_text", Blocks(body)[0]!["text"]!["type"]!.GetValue<string>());
        Assert.Equal("*Owner*\n<@U1>", Blocks(body)[3]!["fields"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(":red_circle: #1 Call Acme", Text(Blocks(body)[4]));
        Assert.Equal(":large_orange_circle: #2 Send deck", Text(Blocks(body)[5]));
        Assert.Equal("#3 Open one", Text(Blocks(body)[6]));
        Assert.Equal(":double_vertical_bar: #4 Waiting", Text(Blocks(body)[7]));
        Assert.Equal(":white_check_mark: ~#5 Shipped~", Text(Blocks(body)[8]));
        Assert.Equal(":no_entry_sign: #6 Dropped", Text(Blocks(body)[9]));
    }

    [Fact]
    public void Header_IsTruncatedTo150WithEllipsis()
    {
        var body = _renderer.RenderSlashResponse(Reply.Private(ReplyTone.Info, "h", new HeaderBlock(new string('h', 400))));
        var text = Text(Blocks(body)[0]);

        Assert.Equal(150, text.Length);
        Assert.EndsWith("\u2026", text);
    }

    [Fact]
    public void ManyBlocks_KeepFortyNineAndSayHowManyAreHidden()
    {
        var body = _renderer.RenderSlashResponse(LongList(120));
        var blocks = Blocks(body);

        Assert.Equal(50, blocks.Count);
        Assert.Equal("context", blocks[49]!["type"]!.GetValue<string>());
        // 1 header + 120 lines = 121 rendered blocks; 49 kept, 72 hidden.
        Assert.Equal("\u2026and 72 more not shown", blocks[49]!["elements"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void FiftyBlocks_AreAllKept()
    {
        var blocks = Enumerable.Range(1, 50).Select(i => (ReplyBlock)new TextBlock(new PlainRun($"line {i}"))).ToArray();
        var body = _renderer.RenderSlashResponse(Reply.Private(ReplyTone.Info, "x", blocks));

        Assert.Equal(50, Blocks(body).Count);
        Assert.Equal("line 50", Text(Blocks(body)[49]));
    }

    [Fact]
    public void LongSection_IsTruncatedWithoutSplittingAnEntityOrToken()
    {
        // 2996 chars, then an entity spanning the cut; then a mention spanning the cut.
        var entity = Mrkdwn(new PlainRun(new string('a', 2996) + "&&&&"));
        Assert.Equal(new string('a', 2996) + "&amp;&amp;&amp;&amp;", entity);
        var cutEntity = SlackText.Truncate(entity, 3000);
        Assert.Equal(new string('a', 2996) + "\u2026", cutEntity);

        var mention = SlackText.Truncate(new string('b', 2990) + "<@U12345678>", 3000);
        Assert.Equal(new string('b', 2990) + "\u2026", mention);

        var link = SlackText.Truncate(new string('c', 10) + "<https://x.example/a?b=1&amp;c=2|label> tail " + new string('d', 10), 40);
        Assert.Equal(new string('c', 10) + "\u2026", link);

        var whole = SlackText.Truncate("<@U1> &amp; " + new string('e', 50), 20);
        Assert.Equal("<@U1> &amp; eeeeeee\u2026", whole);
        Assert.Equal(20, whole.Length);
    }

    [Fact]
    public void Truncate_DoesNotSplitASurrogatePair()
    {
        var text = new string('a', 8) + "\U0001F600" + "zzzz";
        Assert.Equal(new string('a', 8) + "\u2026", SlackText.Truncate(text, 10));
    }

    [Fact]
    public void LongTextBlock_IsCutTo3000()
    {
        var body = _renderer.RenderSlashResponse(Reply.Private(ReplyTone.Info, new string('s', 5000), new TextBlock(new PlainRun(new string('<', 2000)))));

        Assert.Equal(3000, body["text"]!.GetValue<string>().Length);
        var text = Text(Blocks(body)[0]);
        Assert.True(text.Length <= 3000);
        Assert.EndsWith("&lt;\u2026", text);
    }

    [Fact]
    public void ElevenFields_SplitIntoTwoSections()
    {
        var fields = Enumerable.Range(1, 11).Select(i => new Field($"F{i}", [new PlainRun(new string('v', 2500))])).ToArray();
        var body = _renderer.RenderSlashResponse(Reply.Private(ReplyTone.Info, "f", new FieldsBlock(fields)));

        Assert.Equal(10, Blocks(body)[0]!["fields"]!.AsArray().Count);
        Assert.Single(Blocks(body)[1]!["fields"]!.AsArray());
        Assert.All(Blocks(body).SelectMany(b => b!["fields"]!.AsArray()), f => Assert.True(f!["text"]!.GetValue<string>().Length <= 2000));
    }

    [Fact]
    public void EmptyReply_StillHasFallbackTextAndNoEmptyBlocks()
    {
        var body = _renderer.RenderSlashResponse(Reply.Private(ReplyTone.Info, "", new TextBlock(), new ContextBlock(new PlainRun(" ")), new FieldsBlock([])));

        Assert.False(body.ContainsKey("blocks"));
        Assert.False(string.IsNullOrWhiteSpace(body["text"]!.GetValue<string>()));
    }

    [Fact]
    public void NoSummary_FallsBackToFirstBlockText()
    {
        var body = _renderer.RenderSlashResponse(Reply.Private(ReplyTone.Info, " ", new TextBlock(new BoldRun("Saved"), new PlainRun(" #12"))));
        Assert.Equal("*Saved* #12", body["text"]!.GetValue<string>());
    }

    public static TheoryData<string> Samples() => new(SampleNames);

    private static readonly string[] SampleNames = ["help", "list120", "everyBlock", "empty", "hostile", "postMessage"];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task RenderedSample_PassesTheBlockKitValidator(string sample)
    {
        var json = sample switch
        {
            "help" => _renderer.RenderSlashResponse(HelpLike()),
            "list120" => _renderer.RenderSlashResponse(LongList(120)),
            "everyBlock" => _renderer.RenderSlashResponse(AllBlockTypes()),
            "empty" => _renderer.RenderSlashResponse(new Reply(ReplyVisibility.Private, ReplyTone.Info, "", [])),
            "hostile" => _renderer.RenderSlashResponse(Hostile()),
            "postMessage" => _renderer.RenderMessage(LongList(60), "C0123"),
            _ => throw new ArgumentOutOfRangeException(nameof(sample)),
        };

        var result = await PlatformValidators.BlockKitAsync(json.ToJsonString());

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public async Task Validator_RejectsWhatSlackWould()
    {
        // Proves the helper reports failures: 51 blocks and a mrkdwn header.
        var blocks = new JsonArray([.. Enumerable.Range(0, 51).Select(_ => (JsonNode)new JsonObject { ["type"] = "divider" })]);
        blocks[0] = new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "x" } };

        var result = await PlatformValidators.BlockKitAsync(new JsonObject { ["text"] = "x", ["blocks"] = blocks }.ToJsonString());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("50", result.StdErr);
    }

    private static Reply AllBlockTypes() => new(
        ReplyVisibility.Channel,
        ReplyTone.Success,
        "Promise #1 saved",
        [
            new HeaderBlock("Promise #1"),
            new TextBlock(new BoldRun("Call Acme"), new PlainRun(" by Friday")),
            new ContextBlock(new PlainRun("Times shown in Europe/Berlin")),
            new FieldsBlock([new Field("Owner", [new MentionRun(new UserId("U1"))]), new Field("Due", [new PlainRun("Fri 14 Mar 17:00")])]),
            new PromiseLineBlock(new PromiseNumber(1), PromiseLineState.Overdue, [new PlainRun("#1 Call Acme")]),
            new PromiseLineBlock(new PromiseNumber(2), PromiseLineState.DueSoon, [new PlainRun("#2 Send deck")]),
            new PromiseLineBlock(new PromiseNumber(3), PromiseLineState.Open, [new PlainRun("#3 Open one")]),
            new PromiseLineBlock(new PromiseNumber(4), PromiseLineState.Paused, [new PlainRun("#4 Waiting")]),
            new PromiseLineBlock(new PromiseNumber(5), PromiseLineState.Done, [new StrikeRun("#5 Shipped")]),
            new PromiseLineBlock(new PromiseNumber(6), PromiseLineState.Cancelled, [new PlainRun("#6 Dropped")]),
            new DividerBlock(),
        ]);

    private static Reply LongList(int count)
    {
        var blocks = new List<ReplyBlock> { new HeaderBlock($"{count} open promises") };
        for (var i = 1; i <= count; i++)
        {
            blocks.Add(new PromiseLineBlock(
                new PromiseNumber(i),
                (PromiseLineState)(i % 6),
                [new BoldRun($"#{i}"), new PlainRun($" Follow up with customer {i} & co <team>"), new PlainRun(" — "), new MentionRun(new UserId("U0" + i))]));
        }

        return new Reply(ReplyVisibility.Private, ReplyTone.Info, $"{count} open promises", blocks);
    }

    private static Reply HelpLike()
    {
        var blocks = new List<ReplyBlock> { new HeaderBlock("How to use /promise") };
        foreach (var verb in new[] { "add", "list", "done", "pause", "resume", "cancel", "move", "assign", "digest", "report", "help" })
        {
            blocks.Add(new TextBlock(
                new CodeRun($"/promise {verb} <what> by <when>"),
                new PlainRun(" — " + string.Concat(Enumerable.Repeat($"explains {verb} with an example & a note about <times>. ", 12)))));
            blocks.Add(new ContextBlock(new ItalicRun("Example:"), new PlainRun(" "), new CodeRun($"/promise {verb} Send invoice to Acme by Friday 5pm"),
                new PlainRun(" see "), new LinkRun("https://promisebot.example/docs#" + verb, "docs")));
        }

        blocks.Add(new DividerBlock());
        blocks.Add(new FieldsBlock([.. Enumerable.Range(1, 12).Select(i => new Field($"Tip {i}", [new PlainRun(new string('t', 2100))]))]));
        blocks.Add(new TextBlock(new PlainRun(new string('x', 4000))));
        return new Reply(ReplyVisibility.Private, ReplyTone.Info, "PromiseBot help " + new string('h', 4000), blocks);
    }

    private static Reply Hostile() => new(
        ReplyVisibility.Channel,
        ReplyTone.Warning,
        "<!everyone> & <@U1>",
        [
            new HeaderBlock("<!channel> " + new string('&', 200)),
            new TextBlock(new PlainRun("<!here|here> <#C123> <!subteam^S1>"), new LinkRun("javascript:alert(1)", "<click>")),
            new ContextBlock(new MentionRun(new UserId("<!channel>"))),
            new FieldsBlock([new Field("<b>", [new PlainRun(new string('>', 1000))])]),
        ]);

    [Fact]
    public void AFileBlock_IsSkipped_TheRestRendersAsWithoutIt()
    {
        var file = new FileBlock("promises.csv", FileBlock.Csv, "Promises", "A CSV file", [1, 2, 3]);
        var chart = new FileBlock("chart.png", FileBlock.Png, "Chart", "A chart", [4, 5], 10, 10);
        ReplyBlock[] rest = [new HeaderBlock("Export"), new TextBlock(new PlainRun("3 promises"))];
        var with = Reply.Private(ReplyTone.Info, "Export", [rest[0], file, rest[1], chart]);
        var without = Reply.Private(ReplyTone.Info, "Export", rest);

        Assert.Equal(_renderer.RenderSlashResponse(without).ToJsonString(), _renderer.RenderSlashResponse(with).ToJsonString());
        Assert.Equal(_renderer.RenderMessage(without, "C1").ToJsonString(), _renderer.RenderMessage(with, "C1").ToJsonString());
        Assert.Equal(_renderer.RenderEphemeral(without).ToJsonString(), _renderer.RenderEphemeral(with).ToJsonString());
        Assert.Equal(_renderer.RenderHomeView(without).ToJsonString(), _renderer.RenderHomeView(with).ToJsonString());
    }
}
