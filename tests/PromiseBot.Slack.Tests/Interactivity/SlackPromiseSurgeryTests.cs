using System.Text.Json.Nodes;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Slack.Interactivity;

namespace PromiseBot.Slack.Tests.Interactivity;

/// <summary>The pure parts of buttons and forms: redrawing one row of a message, message text as plain text, where form problems show.</summary>
public sealed class SlackPromiseSurgeryTests
{
    private static JsonObject Block(string id) => new() { ["type"] = "section", ["block_id"] = id };

    private static List<string?> Ids(JsonArray blocks) => [.. blocks.Select(b => (string?)b!["block_id"])];

    [Fact]
    public void Splice_ReplacesTheLineItsButtonsAndAnEarlierNote_LeavingOtherRowsAlone()
    {
        var blocks = new JsonArray(Block("head"), Block("line:1"), Block("act:1:1"), Block("line:2"), Block("act:2:4"), Block("note:2"), Block("line:3"));

        var spliced = SlackPromiseActions.Splice(blocks, new PromiseNumber(2), [Block("line:2"), Block("act:2:5"), Block("note:2")]);

        Assert.True(spliced);
        Assert.Equal(["head", "line:1", "act:1:1", "line:2", "act:2:5", "note:2", "line:3"], Ids(blocks));
    }

    [Fact]
    public void Splice_OfAPromiseTheMessageDoesNotShow_ChangesNothing()
    {
        var blocks = new JsonArray(Block("line:1"), Block("act:1:1"));

        Assert.False(SlackPromiseActions.Splice(blocks, new PromiseNumber(12), [Block("line:12")]));
        Assert.Equal(["line:1", "act:1:1"], Ids(blocks));
    }

    [Theory]
    [InlineData("ask <@U5> about it", "ask @U5 about it")]
    [InlineData("in <#C1|general> now", "in #general now")]
    [InlineData("see <https://example.com/a|the doc>", "see the doc")]
    [InlineData("see <https://example.com/a>", "see https://example.com/a")]
    [InlineData("<!here> quote &amp; terms &lt;3", "@here quote & terms <3")]
    public void ToPlainText_ReadsSlackMarkupAsAPersonWould(string text, string expected) =>
        Assert.Equal(expected, SlackPromiseForms.ToPlainText(text));

    [Fact]
    public void EveryFormField_HasAnInputInTheModal()
    {
        var blocks = Enum.GetValues<PromiseFormField>().Select(SlackPromiseForms.BlockOf).ToList();

        Assert.Equal(blocks.Count, blocks.Distinct().Count());
        Assert.Equal(SlackModals.Fields.DueDate, SlackPromiseForms.BlockOf(PromiseFormField.Due));
        Assert.Equal(SlackModals.Fields.Backup, SlackPromiseForms.BlockOf(PromiseFormField.Backup));
    }
}
