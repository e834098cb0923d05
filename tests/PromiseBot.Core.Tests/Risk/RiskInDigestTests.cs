using NodaTime;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Risk;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Risk;

/// <summary>Risk in the digest: high and medium lines carry a marker, and among equal due times the higher risk goes first.</summary>
public sealed class RiskInDigestTests
{
    private static readonly Instant Now = TestDates.MondayMorning;

    private static TrackedPromise Item(int number, Duration dueIn, params RiskFlag[] flags)
    {
        var promise = new Promise
        {
            Workspace = new WorkspaceId("T1"),
            Number = new PromiseNumber(number),
            Title = "Promise " + number,
            Owner = new UserId("U" + number),
            DueAt = Now + dueIn,
            MadeBy = new UserId("U1"),
            MadeAt = Now - Duration.FromDays(1),
            Channel = "C1",
            AimAt = Now + dueIn - Duration.FromHours(12),
            Buffer = 20,
            Risk = RiskFlagSet.Of(flags),
        };
        return new TrackedPromise(promise, EscalationState.Fresh(promise.DueAt));
    }

    private static string Text(ReplyBlock block) => block is PromiseLineBlock line
        ? string.Concat(line.Runs.Select(r => r switch { PlainRun p => p.Text, BoldRun b => b.Text, _ => "" }))
        : "";

    [Fact]
    public void AmongEqualDueTimes_HighThenMediumThenLow_AndTheOverdueStayFirst()
    {
        var tomorrow = Duration.FromHours(24);
        var items = new[]
        {
            Item(1, -Duration.FromHours(2)),
            Item(2, tomorrow),
            Item(3, tomorrow, RiskFlag.CustomerInput, RiskFlag.PeakSeason),
            Item(4, tomorrow, RiskFlag.Vendor),
            Item(5, Duration.FromHours(30), RiskFlag.Vendor),
        };
        var board = RiskBoard.Empty(Now, DateTimeZone.Utc);

        var reply = DigestBuilder.Build(new DigestData(items, 5, 1), TestDates.NewYork, Now, quiet: false, "/promise", Duration.FromHours(4), riskOf: board.Of)!;

        var lines = reply.Blocks.OfType<PromiseLineBlock>().ToList();
        Assert.Equal([1, 4, 3, 2, 5], lines.Select(l => l.Number.Value));
        Assert.EndsWith(" · High risk: depends on a vendor", Text(lines[1]), StringComparison.Ordinal);
        Assert.EndsWith(" · Medium risk: peak season; depends on customer input", Text(lines[2]), StringComparison.Ordinal);
        Assert.DoesNotContain("risk", Text(lines[3]), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutRisk_TheOrderIsTheStoresAndNothingIsMarked()
    {
        var items = new[] { Item(2, Duration.FromHours(24)), Item(4, Duration.FromHours(24), RiskFlag.Vendor) };

        var reply = DigestBuilder.Build(new DigestData(items, 2, 0), TestDates.NewYork, Now, quiet: false, "/promise", Duration.FromHours(4))!;

        var lines = reply.Blocks.OfType<PromiseLineBlock>().ToList();
        Assert.Equal([2, 4], lines.Select(l => l.Number.Value));
        Assert.DoesNotContain(lines, l => Text(l).Contains("risk", StringComparison.Ordinal));
    }
}
