using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Slack.Interactivity;
using PromiseBot.Slack.Rendering;
using PromiseBot.Testing;

namespace PromiseBot.Slack.Tests.Interactivity;

public sealed class InteractivityTests
{
    private static readonly BlockKitRenderer Renderer = new();

    private static PromiseLineBlock Line(int number, PromiseLineState state, int? version) =>
        new(new PromiseNumber(number), state, [new BoldRun("#" + number), new PlainRun(" Send the quote")], version);

    [Theory]
    [InlineData("12:3", 12, 3)]
    [InlineData("act:12:3", 12, 3)]
    [InlineData("1:1", 1, 1)]
    public void TryParseTarget_ReadsNumberAndVersion(string text, int number, int version)
    {
        Assert.True(PromiseActions.TryParseTarget(text, out var n, out var v));
        Assert.Equal(number, n.Value);
        Assert.Equal(version, v);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("0:1")]
    [InlineData("12:0")]
    [InlineData("-1:2")]
    [InlineData("a:b")]
    [InlineData("line:12")]
    [InlineData("12:3:4")]
    public void TryParseTarget_RefusesAnythingElse(string? text) => Assert.False(PromiseActions.TryParseTarget(text, out _, out _));

    [Fact]
    public void OpenLinesWithAVersion_GetButtons_ClosedOnesAndLinesWithoutAVersionDoNot()
    {
        var reply = new Reply(ReplyVisibility.Channel, ReplyTone.Info, "Digest",
            [Line(1, PromiseLineState.DueSoon, 4), Line(2, PromiseLineState.Done, 2), Line(3, PromiseLineState.Overdue, null)]);

        var blocks = Renderer.RenderMessage(reply, "C1")["blocks"]!.AsArray();

        var ids = blocks.Select(b => (string?)b!["block_id"] ?? "-").ToArray();
        Assert.Equal(["line:1", "act:1:4", "line:2", "line:3"], ids);
        var values = blocks[1]!["elements"]!.AsArray().Select(e => (string?)e!["value"] ?? "-").ToArray();
        Assert.Equal(["1:4", "1:4", "1:4", "-"], values);
    }

    [Fact]
    public void SlashResponses_HaveNoButtons_AndAPromiseShownTwiceGetsItsIdsOnce()
    {
        var reply = new Reply(ReplyVisibility.Channel, ReplyTone.Info, "x", [Line(1, PromiseLineState.Open, 1), Line(1, PromiseLineState.Open, 1)]);

        Assert.DoesNotContain("actions", Renderer.RenderSlashResponse(reply).ToJsonString());
        var blocks = Renderer.RenderMessage(reply, "C1")["blocks"]!.AsArray();
        Assert.Equal(3, blocks.Count);
        Assert.Null(blocks[2]!["block_id"]);
    }

    [Fact]
    public async Task ADigestWithButtons_StaysInsideFiftyBlocks_AndIsValidBlockKit()
    {
        var lines = Enumerable.Range(1, 40).Select(i => (ReplyBlock)Line(i, PromiseLineState.DueSoon, 1)).ToArray();
        var body = Renderer.RenderMessage(new Reply(ReplyVisibility.Channel, ReplyTone.Info, "Digest", lines), "C1");

        Assert.Equal(BlockKitRenderer.MaxBlocks, body["blocks"]!.AsArray().Count);
        var result = await PlatformValidators.BlockKitAsync(body.ToJsonString());
        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public async Task TheModals_AreValidBlockKit()
    {
        var promise = new Promise
        {
            Workspace = new WorkspaceId("T1"), Number = new PromiseNumber(12345), Title = "Refund <!channel> & co", Owner = new UserId("U1"),
            DueAt = Instant.FromUtc(2026, 11, 27, 22, 0), MadeBy = new UserId("U1"), MadeAt = Instant.FromUtc(2026, 11, 23, 15, 0), Channel = "C1",
        };
        var extend = SlackModals.Extend(promise, DateTimeZoneProviders.Tzdb["America/New_York"], "{}");
        var create = SlackModals.Create(new string('x', 500), "U1", new LocalDate(2026, 11, 24), "Europe/Berlin", "From <@U5> in <#C7>", askChannel: true, "{}");

        Assert.Contains("&lt;!channel&gt; &amp; co", extend.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal("2026-11-27", (string?)extend["blocks"]![1]!["element"]!["initial_date"]);
        Assert.Equal("17:00", (string?)extend["blocks"]![2]!["element"]!["initial_time"]);
        var title = create["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == SlackModals.Fields.Title)!;
        Assert.True(((string)title["element"]!["initial_value"]!).Length <= 200);
        foreach (var modal in new[] { extend, create })
        {
            var result = await PlatformValidators.BlockKitAsync(modal.ToJsonString());
            Assert.True(result.IsValid, result.ToString());
        }
    }

    private static SlackInteraction? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SlackInteraction.Parse(document.RootElement);
    }

    [Fact]
    public void Parse_BlockActionInAMessage()
    {
        var parsed = Parse("""
            {"type":"block_actions","user":{"id":"U2","team_id":"T1"},"team":{"id":"T1"},"trigger_id":"tr",
             "container":{"type":"message","message_ts":"1.2","channel_id":"C1"},
             "message":{"ts":"1.2","text":"Digest","blocks":[{"type":"divider","block_id":"x"}]},
             "actions":[{"action_id":"promise_reassign","block_id":"act:3:2","selected_user":"U9"}]}
            """);

        var action = Assert.IsType<SlackInteraction.BlockAction>(parsed);
        Assert.Equal(("T1", "U2", "promise_reassign", "act:3:2", "U9", "tr", "C1", "1.2", false, "Digest"),
            (action.Team, action.User, action.ActionId, action.BlockId, action.SelectedUser, action.TriggerId, action.Channel, action.MessageTs, action.InHome, action.MessageText));
        Assert.Single(action.MessageBlocks!);
    }

    [Fact]
    public void Parse_ViewSubmission_ReadsEveryInputKind()
    {
        var parsed = Parse("""
            {"type":"view_submission","user":{"id":"U1","team_id":"T1"},"team":null,
             "view":{"id":"V1","callback_id":"promise_create","private_metadata":"{\"c\":\"C7\"}","state":{"values":{
               "title":{"value":{"type":"plain_text_input","value":"Send it"}},
               "due_date":{"value":{"type":"datepicker","selected_date":"2026-11-24"}},
               "due_time":{"value":{"type":"timepicker","selected_time":"09:30"}},
               "owner":{"value":{"type":"users_select","selected_user":"U2"}},
               "channel":{"value":{"type":"conversations_select","selected_conversation":"C9"}},
               "customer":{"value":{"type":"plain_text_input","value":null}}}}}}
            """);

        var submission = Assert.IsType<SlackInteraction.ViewSubmission>(parsed);
        Assert.Equal("T1", submission.Team);
        Assert.Equal("{\"c\":\"C7\"}", submission.PrivateMetadata);
        Assert.Equal("Send it", submission.Values["title"]);
        Assert.Equal("2026-11-24", submission.Values["due_date"]);
        Assert.Equal("09:30", submission.Values["due_time"]);
        Assert.Equal("U2", submission.Values["owner"]);
        Assert.Equal("C9", submission.Values["channel"]);
        Assert.Null(submission.Values["customer"]);
    }

    [Fact]
    public void Parse_KeepsTheEnterpriseOfAnOrgWorkspace()
    {
        var parsed = Parse("""{"type":"view_closed","user":{"id":"U1","team_id":"T1"},"team":{"id":"T1"},"enterprise":{"id":"E1","name":"Grid"}}""");

        Assert.Equal(("T1", "E1"), (parsed!.Team, parsed.Enterprise));
    }

    [Theory]
    [InlineData("""{"type":"block_actions"}""")]
    [InlineData("""{"type":"block_actions","user":{"id":"U1"}}""")]
    [InlineData("""[1]""")]
    public void Parse_WithoutUserOrTeam_IsNull(string json) => Assert.Null(Parse(json));

    [Theory]
    [InlineData("""{"type":"view_closed","user":{"id":"U1"},"team":{"id":"T1"}}""")]
    [InlineData("""{"type":"block_actions","user":{"id":"U1"},"team":{"id":"T1"},"actions":[]}""")]
    [InlineData("""{"type":"message_action","user":{"id":"U1"},"team":{"id":"T1"},"callback_id":"track_promise","trigger_id":"t"}""")]
    public void Parse_OtherPayloads_AreIgnored(string json) => Assert.IsType<SlackInteraction.Ignored>(Parse(json));
}
