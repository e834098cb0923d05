using System.Text.Json.Nodes;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Teams.Cards;
using PromiseBot.Testing;

namespace PromiseBot.Teams.Tests.Cards;

public sealed class AdaptiveCardRendererTests
{
    private static readonly UserId Ana = new("29:ana");
    private static readonly UserId Bob = new("29:bob");

    private readonly AdaptiveCardRenderer _renderer;

    public AdaptiveCardRendererTests()
    {
        var names = new TeamsUserNameCache();
        names.Remember("29:ana", "Ana Lopez");
        names.Remember("29:bob", "Bob <script> *Ops*");
        _renderer = new AdaptiveCardRenderer(names);
    }

    private static Reply Created() => new(ReplyVisibility.Channel, ReplyTone.Success, "Promise #1: Send the quote, due Fri 27 Nov 17:00 EST",
    [
        new HeaderBlock("New promise"),
        new TextBlock(new BoldRun("New promise #1"), new PlainRun(": "), new PlainRun("Send the quote to **Acme** [now](http://evil.example) <at>Ana Lopez</at>")),
        new FieldsBlock([new Field("Owner", [new MentionRun(Ana)]), new Field("Due", [new PlainRun("Fri 27 Nov 17:00 EST (in 4 days)")])]),
        new DividerBlock(),
        new ContextBlock(new PlainRun("Made by "), new MentionRun(Bob), new PlainRun(" · When it's kept: "), new CodeRun("@PromiseBot done 1")),
    ]);

    private static Reply List(int lines, string title = "Refund for Hooli") => new(ReplyVisibility.Private, ReplyTone.Info, "Promises",
        [.. Enumerable.Range(1, lines).Select(i => (ReplyBlock)new PromiseLineBlock(new PromiseNumber(i), (PromiseLineState)(i % 6),
            [new BoldRun("#" + i), new PlainRun(" " + title + " "), new MentionRun(Ana), new ItalicRun(" due tomorrow"), new LinkRun("https://example.com/t?a=1&b=2", "ticket")]))]);

    private static List<JsonObject> Elements(JsonObject card, string type) =>
        card["body"]!.AsArray().Select(e => e!.AsObject()).Where(e => (string?)e["type"] == type).ToList();

    [Fact]
    public async Task EveryRenderedCard_PassesTheAdaptiveCardValidator()
    {
        foreach (var reply in new[] { Created(), List(8), List(300, new string('x', 900)), Reply.Private(ReplyTone.Error, "nothing", []) })
        {
            var card = _renderer.RenderCard(reply);
            var result = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
            Assert.True(result.IsValid, result.ToString());
        }

        var attachment = await PlatformValidators.AdaptiveCardAsync(_renderer.RenderAttachment(Created()).ToJsonString());
        Assert.True(attachment.IsValid, attachment.ToString());
    }

    [Fact]
    public async Task MessageActivity_PassesTheBotActivityValidator()
    {
        var activity = _renderer.RenderMessageActivity(Created());

        var result = await PlatformValidators.BotActivityAsync(activity.ToJsonString());

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal("message", (string?)activity["type"]);
    }

    [Fact]
    public void Card_IsVersion15_WithWrappingTextBlocksAndFallbackText()
    {
        var card = _renderer.RenderCard(Created());

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.StartsWith("Promise #1", (string?)card["fallbackText"]);
        Assert.All(Elements(card, "TextBlock"), t => Assert.True((bool)t["wrap"]!));
        Assert.Contains(Elements(card, "TextBlock"), t => t["separator"] is not null);
    }

    [Fact]
    public void RelativeTimeRun_RendersItsTextLikePlainText_Escaped()
    {
        var card = _renderer.RenderCard(Reply.Private(ReplyTone.Info, "s",
            new TextBlock(new PlainRun("due ("), new RelativeTimeRun(NodaTime.Instant.FromUnixTimeSeconds(0), "in *4* h"), new PlainRun(")"))));

        Assert.Contains(@"due (in \*4\* h)", string.Join("\n", Elements(card, "TextBlock").Select(t => (string)t["text"]!)));
    }

    [Fact]
    public void UserText_IsEscaped_SoMarkdownLinksAndMentionTagsStayLiteral()
    {
        var card = _renderer.RenderCard(Created());
        var text = string.Join("\n", Elements(card, "TextBlock").Select(t => (string)t["text"]!));

        Assert.Contains(@"Send the quote to \*\*Acme\*\* \[now\](http://evil.example) \<at\>Ana Lopez\</at\>", text);
        Assert.Contains("**New promise #1**", text);
        Assert.Equal(1, CountOf(text, "<at>Ana Lopez</at>"));
    }

    [Theory]
    [InlineData("# heading", @"\# heading")]
    [InlineData("- item", @"\- item")]
    [InlineData("1. first", @"1\. first")]
    [InlineData("a_b*c~d`e|f{g}", @"a\_b\*c\~d\`e\|f\{g\}")]
    [InlineData(@"back\slash", @"back\\slash")]
    [InlineData("plain words, 3.5 days", "plain words, 3.5 days")]
    public void Escape_CoversEveryMarkdownTrigger(string input, string expected)
    {
        Assert.Equal(expected, AdaptiveCardRenderer.Escape(input));
    }

    [Fact]
    public void Mentions_AreTeamsMentionEntitiesWithSafeNames()
    {
        var card = _renderer.RenderCard(Created());
        var entities = card["msteams"]!["entities"]!.AsArray().Select(e => e!.AsObject()).ToList();

        Assert.Equal(2, entities.Count);
        var ana = Assert.Single(entities, e => (string?)e["mentioned"]!["id"] == "29:ana");
        Assert.Equal("<at>Ana Lopez</at>", (string?)ana["text"]);
        Assert.Equal("mention", (string?)ana["type"]);
        var bob = Assert.Single(entities, e => (string?)e["mentioned"]!["id"] == "29:bob");
        Assert.Equal("<at>Bob script Ops</at>", (string?)bob["text"]);
        var text = string.Join("\n", Elements(card, "TextBlock").Select(t => (string)t["text"]!));
        Assert.Contains("**Owner**: <at>Ana Lopez</at>", text);
        Assert.Contains("<at>Bob script Ops</at>", text);
    }

    [Fact]
    public void NonTeamsIds_AreNeverMentions()
    {
        var card = _renderer.RenderCard(Reply.Private(ReplyTone.Info, "x", new TextBlock(new MentionRun(new UserId("U123")), new MentionRun(new UserId("29:x <at>y</at>")))));

        Assert.Null(card["msteams"]!["entities"]);
        Assert.DoesNotContain("<at>", (string)Elements(card, "TextBlock")[0]["text"]!);
    }

    [Fact]
    public void UnknownNames_GetANeutralLabel_ButStillMentionById()
    {
        var card = new AdaptiveCardRenderer().RenderCard(Reply.Private(ReplyTone.Info, "x", new TextBlock(new MentionRun(Ana))));

        var entity = card["msteams"]!["entities"]![0]!;
        Assert.Equal("29:ana", (string?)entity["mentioned"]!["id"]);
        Assert.Equal("<at>teammate</at>", (string?)entity["text"]);
    }

    [Fact]
    public void OpenPromiseLines_GetDoneExtendAndAckWhenARemindersOut_AsActionExecuteWithSubmitFallback()
    {
        var reply = Reply.Private(ReplyTone.Info, "x",
            new PromiseLineBlock(new PromiseNumber(12), PromiseLineState.Overdue, [new PlainRun("late")], Acknowledgeable: true),
            new PromiseLineBlock(new PromiseNumber(13), PromiseLineState.Open, [new PlainRun("fine")]),
            new PromiseLineBlock(new PromiseNumber(14), PromiseLineState.Done, [new PlainRun("kept")]));

        var card = _renderer.RenderCard(reply);
        var sets = Elements(card, "ActionSet");

        Assert.Equal(2, sets.Count);
        var overdue = sets[0]["actions"]!.AsArray().Select(a => a!.AsObject()).ToList();
        var done = overdue[0];
        Assert.Equal(("Action.Execute", "done", 12), ((string?)done["type"], (string?)done["verb"], (int)done["data"]!["number"]!));
        Assert.Equal(("Action.Submit", "done", 12), ((string?)done["fallback"]!["type"], (string?)done["fallback"]!["data"]!["verb"], (int)done["fallback"]!["data"]!["number"]!));
        var extend = overdue[1];
        Assert.Equal("Action.ShowCard", (string?)extend["type"]);
        Assert.Equal("Input.Date", (string?)extend["card"]!["body"]![0]!["type"]);
        Assert.Equal("due-12", (string?)extend["card"]!["body"]![0]!["id"]);
        Assert.Equal("extend", (string?)extend["card"]!["actions"]![0]!["verb"]);
        Assert.Equal("ack", (string?)overdue[2]["verb"]);
        Assert.Equal(2, sets[1]["actions"]!.AsArray().Count);
    }

    [Fact]
    public void OnlyTheFirstFiveLinesGetButtons()
    {
        var reply = Reply.Private(ReplyTone.Info, "x",
            [.. Enumerable.Range(1, 9).Select(i => (ReplyBlock)new PromiseLineBlock(new PromiseNumber(i), PromiseLineState.Open, [new PlainRun("p")]))]);

        Assert.Equal(AdaptiveCardRenderer.MaxLinesWithActions, Elements(_renderer.RenderCard(reply), "ActionSet").Count);
    }

    [Fact]
    public void HugeReplies_StayUnder28KB_AndSayWhatWasLeftOut()
    {
        var card = _renderer.RenderCard(List(400, new string('y', 1500)));

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString()) <= AdaptiveCardRenderer.MaxCardBytes);
        var last = card["body"]!.AsArray()[^1]!;
        Assert.Matches("more not shown$", (string)last["text"]!);
    }

    [Fact]
    public void Links_OnlyHttpUrlsBecomeLinks()
    {
        var card = _renderer.RenderCard(Reply.Private(ReplyTone.Info, "x",
            new TextBlock(new LinkRun("https://example.com/a", "ticket [1]"), new PlainRun(" "), new LinkRun("javascript:alert(1)", "click"))));

        var text = (string)Elements(card, "TextBlock")[0]["text"]!;
        Assert.Equal(@"[ticket \[1\]](https://example.com/a) click", text);
    }

    [Fact]
    public void InvokeResponses_HaveTheUniversalActionsShape()
    {
        var updated = _renderer.RenderInvokeCard(Created());
        var message = AdaptiveCardRenderer.InvokeMessage("already done");
        var error = AdaptiveCardRenderer.InvokeError(400, "BadRequest", "bad data");

        Assert.Equal((200, "application/vnd.microsoft.card.adaptive"), ((int)updated["statusCode"]!, (string?)updated["type"]));
        Assert.Equal("AdaptiveCard", (string?)updated["value"]!["type"]);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)message["type"]);
        Assert.Equal((400, "application/vnd.microsoft.error", "BadRequest"), ((int)error["statusCode"]!, (string?)error["type"], (string?)error["value"]!["code"]));
    }

    private static int CountOf(string text, string find)
    {
        var count = 0;
        for (var i = text.IndexOf(find, StringComparison.Ordinal); i >= 0; i = text.IndexOf(find, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
    [Fact]
    public async Task AckIsOffered_OnlyOnceAReminderStepHasFired()
    {
        var reply = Reply.Private(ReplyTone.Info, "x",
            new PromiseLineBlock(new PromiseNumber(1), PromiseLineState.DueSoon, [new PlainRun("due in 3 h, no reminder yet")], 1),
            new PromiseLineBlock(new PromiseNumber(2), PromiseLineState.Overdue, [new PlainRun("late, no reminder yet")], 1),
            new PromiseLineBlock(new PromiseNumber(3), PromiseLineState.DueSoon, [new PlainRun("reminded")], 1, Acknowledgeable: true));

        var card = _renderer.RenderCard(reply);
        var verbs = Elements(card, "ActionSet").Select(set => set["actions"]!.AsArray()
            .Select(a => (string?)a!["verb"] ?? (string?)a["card"]?["actions"]?[0]?["verb"]).ToList()).ToList();

        Assert.Equal([["done", "extend"], ["done", "extend"], ["done", "extend", "ack"]], verbs);
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task MultiLineText_IsOneTextBlockPerLine_SoTeamsDoesNotRunTheLinesTogether()
    {
        var reply = Reply.Private(ReplyTone.Info, "History of #1 (3 changes)",
            new TextBlock(new BoldRun("History of #1"), new PlainRun(": Send the quote")),
            new TextBlock(
                new PlainRun("Wed 2 Dec 03:55 UTC  "), new MentionRun(Ana), new PlainRun(" made the promise"), new PlainRun("\n"),
                new PlainRun("Wed 2 Dec 04:10 UTC  "), new MentionRun(Bob), new PlainRun(" marked it done"), new PlainRun("\n"),
                new BoldRun("bold\nacross lines"), new PlainRun("\r\n- not a list")),
            new ContextBlock(new PlainRun("first\nsecond")));

        var card = _renderer.RenderCard(reply);
        var texts = Elements(card, "TextBlock").Select(b => (string)b["text"]!).ToList();

        Assert.DoesNotContain(texts, t => t.Contains('\n', StringComparison.Ordinal) || t.Contains('\r', StringComparison.Ordinal));
        Assert.Equal(8, texts.Count);
        Assert.EndsWith("made the promise", texts[1], StringComparison.Ordinal);
        Assert.EndsWith("marked it done", texts[2], StringComparison.Ordinal);
        Assert.Equal(["**bold**", "**across lines**", "\\- not a list", "first", "second"], texts[3..]);
        Assert.Equal("None", (string?)Elements(card, "TextBlock")[2]["spacing"]);
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task ButtonsOfAMultiPromiseCard_CarryItsRowsAndTitle_SoAClickCanRedrawTheWholeCard()
    {
        var reply = Reply.Private(ReplyTone.Info, "Open promises (3)",
            new TextBlock(new BoldRun("Open promises made in this channel"), new PlainRun(" (3)")),
            new PromiseLineBlock(new PromiseNumber(4), PromiseLineState.Open, [new PlainRun("a")], 1),
            new PromiseLineBlock(new PromiseNumber(7), PromiseLineState.Open, [new PlainRun("b")], 1),
            new PromiseLineBlock(new PromiseNumber(9), PromiseLineState.Done, [new PlainRun("c")], 1));

        var card = _renderer.RenderCard(reply);
        var executes = Elements(card, "ActionSet").SelectMany(set => set["actions"]!.AsArray())
            .Select(a => (string?)a!["type"] == "Action.ShowCard" ? a["card"]!["actions"]![0]! : a).ToList();

        Assert.Equal(4, executes.Count);
        Assert.All(executes, e =>
        {
            Assert.Equal([4, 7, 9], e["data"]!["rows"]!.AsArray().Select(n => (int)n!).ToArray());
            Assert.Equal("Open promises made in this channel (3)", (string?)e["data"]!["title"]);
        });
        var single = _renderer.RenderCard(Reply.Private(ReplyTone.Info, "x", new PromiseLineBlock(new PromiseNumber(4), PromiseLineState.Open, [new PlainRun("a")], 1)));
        Assert.DoesNotContain("rows", single.ToJsonString(), StringComparison.Ordinal);
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    private static IEnumerable<JsonObject> AllActions(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() is "Action.Execute" or "Action.Submit" =>
            [o, .. AllActions(o["fallback"]), .. AllActions(o["card"])],
        JsonObject o => o.SelectMany(p => AllActions(p.Value)),
        JsonArray a => a.SelectMany(AllActions),
        _ => [],
    };

    [Fact]
    public async Task PromiseButtons_CarryTheVersionTheLineWasDrawnAt_InExecuteAndSubmitFallback()
    {
        var reply = Reply.Private(ReplyTone.Info, "One", new PromiseLineBlock(new PromiseNumber(4), PromiseLineState.Open, [new PlainRun("#4 Call Acme")], Version: 7));

        var card = _renderer.RenderCard(reply);

        var actions = AllActions(card).ToList();
        Assert.Equal(4, actions.Count); // Done and (inside Extend's card) Extend, each an Execute with a Submit fallback
        Assert.All(actions, a => Assert.Equal(7, (int)a["data"]!["version"]!));
        Assert.All(actions, a => Assert.Equal(4, (int)a["data"]!["number"]!));
        Assert.Contains(actions, a => (string?)a["type"] == "Action.Submit" && (string?)a["data"]!["verb"] == "extend");
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public void ALineWithoutAVersion_GetsButtonsWithoutOne_SoAClickRedrawsInsteadOfChanging()
    {
        var reply = Reply.Private(ReplyTone.Info, "One", new PromiseLineBlock(new PromiseNumber(4), PromiseLineState.Open, [new PlainRun("#4 Call Acme")]));

        var actions = AllActions(_renderer.RenderCard(reply)).ToList();

        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.Null(a["data"]!["version"]));
    }

    private static Reply FormReply(IReadOnlyDictionary<PromiseBot.Core.Commands.PromiseFormField, string> problems) => Reply.Private(
        ReplyTone.Info, "New promise", new HeaderBlock("New promise"),
        new PromiseFormBlock(new PromiseFormValues("Send <the> *quote*", "2026-11-27", "17:00", "Acme", "29:ana", "29:ana", "quotes"), problems));

    [Fact]
    public async Task NewPromiseForm_HasEveryInput_PeoplePickersOverGraphUsers_AndCreate_AndPassesTheValidator()
    {
        var card = _renderer.RenderCard(FormReply(new Dictionary<PromiseBot.Core.Commands.PromiseFormField, string>()));

        var inputs = card["body"]!.AsArray().Select(e => e!.AsObject()).Where(e => ((string?)e["type"])!.StartsWith("Input.", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["Input.Text:form-title", "Input.Date:form-due-date", "Input.Time:form-due-time", "Input.Text:form-aim", "Input.Text:form-customer", "Input.ChoiceSet:form-owner",
             "Input.ChoiceSet:form-backup", "Input.Text:form-category", "Input.ChoiceSet:form-risk"],
            inputs.Select(i => $"{i["type"]}:{i["id"]}"));
        Assert.Equal("Send <the> *quote*", (string?)inputs[0]["value"]);
        Assert.Equal("2026-11-27", (string?)inputs[1]["value"]);
        var owner = inputs[5];
        Assert.Equal("Data.Query", (string?)owner["choices.data"]!["type"]);
        Assert.Equal("graph.microsoft.com/users", (string?)owner["choices.data"]!["dataset"]);
        Assert.Equal("29:ana", (string?)owner["value"]);
        Assert.Equal("Ana Lopez", (string?)owner["choices"]![0]!["title"]);
        var create = Assert.Single(AllActions(card), a => (string?)a["type"] == "Action.Execute");
        Assert.Equal("create", (string?)create["verb"]);
        Assert.Equal("create", (string?)create["fallback"]!["data"]!["verb"]);
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task NewPromiseForm_WithProblems_ShowsEachUnderItsField_Escaped()
    {
        var card = _renderer.RenderCard(FormReply(new Dictionary<PromiseBot.Core.Commands.PromiseFormField, string>
        {
            [PromiseBot.Core.Commands.PromiseFormField.Backup] = "Pick someone other than the owner.",
            [PromiseBot.Core.Commands.PromiseFormField.Due] = "That moment has already passed: pick a later date or time.",
        }));

        var body = card["body"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var backup = body.FindIndex(e => (string?)e["id"] == "form-backup");
        Assert.Equal("Pick someone other than the owner.", (string?)body[backup + 1]["text"]);
        Assert.Equal("Attention", (string?)body[backup + 1]["color"]);
        var date = body.FindIndex(e => (string?)e["id"] == "form-due-date");
        Assert.StartsWith("That moment has already passed", (string?)body[date + 1]["text"]);
        Assert.Equal(2, body.Count(e => (string?)e["color"] == "Attention"));
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task AnImage_IsLeftToTheMessenger_AndAnExportFile_IsNamedAsNotDeliveredInTeams()
    {
        var file = new FileBlock("promises.csv", FileBlock.Csv, "Promises", "A CSV file", [1, 2, 3]);
        var chart = new FileBlock("chart.png", FileBlock.Png, "Chart", "A chart", [4, 5], 10, 10);
        ReplyBlock[] rest = [new HeaderBlock("Export"), new TextBlock(new PlainRun("3 promises"))];

        var withChart = _renderer.RenderCard(Reply.Private(ReplyTone.Info, "Export", [rest[0], chart, rest[1]]));
        var withFile = _renderer.RenderCard(Reply.Private(ReplyTone.Info, "Export", [rest[0], rest[1], file]));

        Assert.Equal(_renderer.RenderCard(Reply.Private(ReplyTone.Info, "Export", rest)).ToJsonString(), withChart.ToJsonString());
        var text = withFile.ToJsonString();
        Assert.Contains("promises.csv can be sent only in your 1:1 chat with PromiseBot", System.Text.RegularExpressions.Regex.Unescape(text), StringComparison.Ordinal);
        var valid = await PlatformValidators.AdaptiveCardAsync(text);
        Assert.True(valid.IsValid, valid.ToString());
    }
}
