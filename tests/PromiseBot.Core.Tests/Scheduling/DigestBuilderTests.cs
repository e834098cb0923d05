using NodaTime;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Scheduling;

public sealed class DigestBuilderTests
{
    private static readonly Instant Now = TestDates.MondayMorning;
    private static readonly Duration AtRisk = Duration.FromHours(4);

    private static TrackedPromise Item(int number, Duration dueIn, PromiseStatus status = PromiseStatus.Open, EscalationStep fired = EscalationStep.None, string? customer = "Acme")
    {
        var promise = new Promise
        {
            Workspace = new WorkspaceId("T1"),
            Number = new PromiseNumber(number),
            Title = "Promise " + number,
            Customer = customer,
            Owner = new UserId("U" + number),
            DueAt = Now + dueIn,
            MadeBy = new UserId("U1"),
            MadeAt = Now - Duration.FromDays(1),
            Channel = "C1",
            Status = status,
        };
        return new TrackedPromise(promise, new EscalationState(promise.DueAt, fired, EscalationStep.None));
    }

    private static string Text(PromiseLineBlock line) => string.Concat(line.Runs.Select(r => r switch
    {
        PlainRun p => p.Text,
        RelativeTimeRun t => t.Text,
        BoldRun b => b.Text,
        ItalicRun i => i.Text,
        MentionRun m => "@" + m.User,
        _ => "",
    }));

    [Theory]
    [InlineData(EscalationStep.None, false)]
    [InlineData(EscalationStep.Reminder, true)]
    [InlineData(EscalationStep.AtRisk, true)]
    public void ALine_IsAcknowledgeable_OnlyOnceAStepHasFired(EscalationStep fired, bool acknowledgeable)
    {
        var line = DigestBuilder.Line(Item(1, Duration.FromHours(3), fired: fired), DateTimeZone.Utc, Now, AtRisk);

        Assert.Equal(acknowledgeable, line.Acknowledgeable);
    }

    [Fact]
    public void Lines_ShowNumberTitleCustomerOwnerDueInTheChannelsZoneAndMarkers()
    {
        var items = new[]
        {
            Item(1, -Duration.FromHours(50), fired: EscalationStep.Breach),
            Item(2, Duration.FromHours(3)),
            Item(3, Duration.FromHours(30), PromiseStatus.Paused, customer: null),
        };

        var reply = DigestBuilder.Build(new DigestData(items, 3, 1), TestDates.NewYork, Now, quiet: false, "/promise", AtRisk)!;

        var lines = reply.Blocks.OfType<PromiseLineBlock>().Select(Text).ToList();
        Assert.Equal(
            [
                "#1 Promise 1 · for Acme · @U1 · Sat 21 Nov 08:00 EST (2 days late) · nobody acknowledged",
                "#2 Promise 2 · for Acme · @U2 · Mon 23 Nov 13:00 EST (in 3 h) · at risk",
                "#3 Promise 3 · @U3 · Tue 24 Nov 16:00 EST (in 30 h) · paused",
            ],
            lines);
        Assert.Equal(ReplyVisibility.Channel, reply.Visibility);
        Assert.Contains("1 overdue, 2 due in the next 48 hours", reply.Summary);
        // The footer's example names a promise that is really in the digest, so it can be typed as shown.
        var footer = Assert.IsType<ContextBlock>(reply.Blocks[^1]);
        Assert.Equal("/promise done 1", Assert.IsType<CodeRun>(footer.Runs[^1]).Text);
    }

    [Fact]
    public void UnreachableOwner_GetsOneNoteAskingToInstallTheApp()
    {
        var items = new[] { Item(1, Duration.FromHours(2)), Item(2, Duration.FromHours(5)), Item(3, Duration.FromHours(7)) };
        items[2] = items[2] with { Promise = items[2].Promise with { Owner = new UserId("U1") } };

        var reply = DigestBuilder.Build(new DigestData(items, 3, 0), TestDates.NewYork, Now, quiet: false, "@PromiseBot", AtRisk, [new UserId("U1")])!;

        var notes = reply.Blocks.OfType<ContextBlock>().Where(c => c.Runs.OfType<PlainRun>().Any(r => r.Text == DigestBuilder.UnreachableNote)).ToList();
        var note = Assert.Single(notes);
        Assert.Equal([new MentionRun(new UserId("U1")), new PlainRun(" can't receive messages from PromiseBot — install the app for them")], note.Runs);
    }

    [Fact]
    public void NothingDue_IsOneShortLine_OrNothingWhenQuiet()
    {
        var empty = new DigestData([], 0, 0);

        var reply = DigestBuilder.Build(empty, TestDates.NewYork, Now, quiet: false, "/promise", AtRisk)!;
        Assert.Single(reply.Blocks);
        Assert.Equal("Nothing due in the next 48 hours.", reply.Summary);
        Assert.Null(DigestBuilder.Build(empty, TestDates.NewYork, Now, quiet: true, "/promise", AtRisk));
    }

    [Fact]
    public void BigDigest_StaysInsideBlockKitLimits_AndSummarisesTheRest()
    {
        var items = Enumerable.Range(1, DigestBuilder.MaxLines).Select(i => Item(i, Duration.FromMinutes(i))).ToList();
        // And as many closed in the last day as it names, each with its outcome.
        var closed = Enumerable.Range(100, DigestBuilder.MaxClosedLines)
            .Select(i => Item(i, -Duration.FromHours(1)).Promise with { Status = PromiseStatus.Done, Outcome = Outcome.Kept, ClosedAt = Now })
            .ToList();

        var reply = DigestBuilder.Build(new DigestData(items, 500, 0, closed), TestDates.NewYork, Now, quiet: false, "/promise", AtRisk)!;

        Assert.True(reply.Blocks.Count <= 50, $"{reply.Blocks.Count} blocks");
        Assert.Equal(DigestBuilder.MaxLines + DigestBuilder.MaxClosedLines, reply.Blocks.OfType<PromiseLineBlock>().Count());
        Assert.All(reply.Blocks.OfType<PromiseLineBlock>(), l => Assert.True(Text(l).Length < 3000));
        var overflow = reply.Blocks.OfType<ContextBlock>().First();
        Assert.Contains($"{500 - DigestBuilder.MaxLines} more", string.Concat(overflow.Runs.OfType<PlainRun>().Select(r => r.Text)));
        Assert.Equal(DigestBuilder.MaxClosedLines, reply.Blocks.OfType<PromiseLineBlock>().Count(l => l.State == PromiseLineState.Done && Text(l).Contains("kept", StringComparison.Ordinal)));
    }
}
