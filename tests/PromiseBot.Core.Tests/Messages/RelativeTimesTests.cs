using NodaTime;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Tests.Messages;

public sealed class RelativeTimesTests
{
    private static readonly Instant Queued = Instant.FromUtc(2026, 11, 24, 3, 0);
    private static readonly Instant Due = Queued + Duration.FromHours(24);

    [Fact]
    public void AtDelivery_ResolvesEveryRelativeRunInEveryBlockAgainstTheDeliveryTime()
    {
        var run = RelativeTimeRun.For(Due, Queued);
        Assert.Equal("in 24 h", run.Text);
        var reply = new Reply(ReplyVisibility.Channel, ReplyTone.Info, "summary", [
            new HeaderBlock("h"),
            new TextBlock(new PlainRun("due "), run),
            new ContextBlock(run),
            new FieldsBlock([new Field("Due", [new PlainRun("Wed ("), run, new PlainRun(")")])]),
            new PromiseLineBlock(new PromiseNumber(3), PromiseLineState.DueSoon, [new BoldRun("#3"), run], Version: 2),
        ]);

        var delivered = RelativeTimes.AtDelivery(reply, Queued + Duration.FromMinutes(9 * 60 + 30));

        var texts = delivered.Blocks.SelectMany(Runs).OfType<RelativeTimeRun>().Select(r => r.Text).ToList();
        Assert.Equal(["in 15 h", "in 15 h", "in 15 h", "in 15 h"], texts);
        Assert.All(delivered.Blocks.SelectMany(Runs).OfType<RelativeTimeRun>(), r => Assert.Equal(Due, r.At));
        var line = Assert.IsType<PromiseLineBlock>(delivered.Blocks[4]);
        Assert.Equal((new PromiseNumber(3), PromiseLineState.DueSoon, 2), (line.Number, line.State, line.Version));
        Assert.Equal("summary", delivered.Summary);
        Assert.Equal("2 h late", RelativeTimes.AtDelivery(reply, Due + Duration.FromHours(2)).Blocks.SelectMany(Runs).OfType<RelativeTimeRun>().First().Text);
    }

    [Fact]
    public void AtDelivery_WithoutRelativeRuns_ReturnsTheSameReply()
    {
        var reply = Reply.Private(ReplyTone.Info, "s", new TextBlock(new PlainRun("in 24 h")));

        Assert.Same(reply, RelativeTimes.AtDelivery(reply, Due));
    }

    private static IEnumerable<TextRun> Runs(ReplyBlock block) => block switch
    {
        TextBlock t => t.Runs,
        ContextBlock c => c.Runs,
        FieldsBlock f => f.Fields.SelectMany(x => x.Value),
        PromiseLineBlock p => p.Runs,
        _ => [],
    };
}
