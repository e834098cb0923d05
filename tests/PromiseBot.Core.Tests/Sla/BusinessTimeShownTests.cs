using Moq;
using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Sla;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Sla;

/// <summary>
/// Business time on the surfaces that list promises: a list or Home line, the details, a digest line; each reply
/// loads the calendars of its SLA promises once, and promises with a calendar deadline read as before.
/// </summary>
public sealed class BusinessTimeShownTests
{
    // Mon 23 Nov 2026, 10:00 in New York.
    private static readonly Instant Now = TestDates.MondayMorning;
    private static readonly WorkspaceId Workspace = new("T1");

    private static readonly ReplyContext View = new(
        new InboundCommand(ChatPlatform.Slack, Workspace, "C1", false, new UserId("U1"), "", Now, null, "America/New_York"),
        TestDates.NewYork,
        "/promise");

    private static Promise Make(int number, Duration dueIn, string? calendar = null, PromiseStatus status = PromiseStatus.Open, Instant? pausedAt = null) => new()
    {
        Workspace = Workspace, Number = new PromiseNumber(number), Title = "Reply to Acme", Owner = new UserId("U1"),
        DueAt = Now + dueIn, MadeBy = new UserId("U1"), MadeAt = Now - Duration.FromHours(1), Channel = "C1", Category = "support",
        Status = status, PausedAt = pausedAt, PauseReason = status == PromiseStatus.Paused ? PauseReason.WaitingOnCustomer : null,
        Sla = calendar is null ? null : new PromiseSla(calendar, Now - Duration.FromHours(1), new SlaAmount(4, SlaUnit.BusinessHours), "support"),
    };

    private static string Text(IEnumerable<TextRun> runs) => string.Concat(runs.Select(r => r switch
    {
        PlainRun p => p.Text,
        RelativeTimeRun t => t.Text,
        BoldRun b => b.Text,
        ItalicRun i => i.Text,
        MentionRun m => "@" + m.User.Value,
        _ => "",
    }));

    private static SlaClocks Default => new(new Dictionary<string, BusinessClock>(StringComparer.Ordinal) { ["default"] = BusinessCalendar.Default(TestDates.NewYork).Clock });

    [Fact]
    public async Task TheLoader_ReadsEachDistinctCalendarOnce_AndNothingForPromisesWithoutOne()
    {
        var calendars = new Mock<ICalendarStore>();
        calendars.Setup(c => c.GetAsync(Workspace, It.IsAny<string?>(), It.IsAny<DateTimeZone>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((WorkspaceId _, string? name, DateTimeZone zone, CancellationToken _) =>
                name == "gone" ? null : new BusinessCalendar(name ?? "default", zone, BusinessWeek.Default));
        var settings = new Mock<IScheduleStore>();
        settings.Setup(s => s.GetSettingsAsync(Workspace, It.IsAny<CancellationToken>())).ReturnsAsync(WorkspaceSettings.Defaults(Workspace));
        var loader = new SlaClockLoader(calendars.Object, settings.Object);
        Promise[] shown =
        [
            Make(1, Duration.FromHours(2), "default"), Make(2, Duration.FromHours(3), "default"), Make(3, Duration.FromHours(1), "desk"),
            Make(4, Duration.FromHours(5)), Make(5, Duration.FromHours(1), "gone"), Make(6, Duration.FromHours(1), "closed", PromiseStatus.Done),
        ];

        var clocks = await loader.LoadAsync(Workspace, shown, TestDates.NewYork, CancellationToken.None);

        calendars.Verify(c => c.GetAsync(Workspace, "default", TestDates.NewYork, It.IsAny<CancellationToken>()), Times.Once);
        calendars.Verify(c => c.GetAsync(Workspace, "desk", TestDates.NewYork, It.IsAny<CancellationToken>()), Times.Once);
        calendars.Verify(c => c.GetAsync(Workspace, "gone", TestDates.NewYork, It.IsAny<CancellationToken>()), Times.Once);
        calendars.VerifyNoOtherCalls(); // never the calendar of a closed promise
        settings.Verify(s => s.GetSettingsAsync(Workspace, It.IsAny<CancellationToken>()), Times.Once);
        Assert.NotNull(clocks.For(shown[0]));
        Assert.NotNull(clocks.For(shown[2]));
        Assert.Null(clocks.For(shown[3]));
        Assert.Null(clocks.For(shown[4])); // a calendar that no longer exists: no business time, never a guess

        var none = await loader.LoadAsync(Workspace, [Make(4, Duration.FromHours(5))], TestDates.NewYork, CancellationToken.None);
        Assert.Same(SlaClocks.None, none);
        calendars.VerifyNoOtherCalls();
        settings.Verify(s => s.GetSettingsAsync(Workspace, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void AListLine_OfAnSlaPromise_SaysTheBusinessTimeLeft_OthersReadAsBefore()
    {
        var sla = PromiseMessages.Line(Make(1, Duration.FromMinutes(80), "default"), View, Default);
        var plain = PromiseMessages.Line(Make(2, Duration.FromMinutes(80)), View, Default);

        Assert.Equal("#1 Reply to Acme · @U1 · due Mon 23 Nov 11:20 EST (in 1 h) · 1 h 20 min business time left · #support", Text(sla.Runs));
        Assert.Equal("#2 Reply to Acme · @U1 · due Mon 23 Nov 11:20 EST (in 1 h) · #support", Text(plain.Runs));
        Assert.Equal(Text(plain.Runs), Text(PromiseMessages.Line(Make(2, Duration.FromMinutes(80)), View).Runs));
    }

    [Fact]
    public void AListLine_AfterTheDue_SaysHowLongAgoInBusinessTime()
    {
        // Due Friday 16:00, now Monday 10:00: one business hour on Friday, one on Monday.
        var line = PromiseMessages.Line(Make(1, -Duration.FromHours(66), "default"), View, Default);

        Assert.Contains("· breached 2 business hours ago", Text(line.Runs));
    }

    [Fact]
    public void APausedLine_SaysHowLongItHasBeenPaused_WithOrWithoutAnSla()
    {
        var paused = PromiseMessages.Line(Make(1, Duration.FromHours(30), status: PromiseStatus.Paused, pausedAt: Now - Duration.FromMinutes(130)), View);

        Assert.Equal("#1 Reply to Acme · @U1 · paused (waiting on customer), due Tue 24 Nov 16:00 EST (in 30 h) · paused 2 h 10 min · #support", Text(paused.Runs));
    }

    [Fact]
    public void TheDetails_SayTheBusinessTimeAndThePause()
    {
        var promise = Make(1, Duration.FromMinutes(80), "default", PromiseStatus.Paused, Now - Duration.FromMinutes(25));

        var reply = PromiseMessages.Details(promise, View, Default);

        var fields = Assert.Single(reply.Blocks.OfType<FieldsBlock>()).Fields.ToDictionary(f => f.Label, f => Text(f.Value));
        Assert.Equal("1 h 20 min business time left", fields["Business time"]);
        Assert.Equal("25 min", fields["Paused for"]);
        var without = Assert.Single(PromiseMessages.Details(Make(2, Duration.FromMinutes(80)), View, Default).Blocks.OfType<FieldsBlock>()).Fields;
        Assert.DoesNotContain(without, f => f.Label is "Business time" or "Paused for");
    }

    [Fact]
    public void ADigestLine_SaysTheBusinessTimeLeft_AndAPausedOneHowLong()
    {
        var sla = Make(1, Duration.FromMinutes(80), "default");
        var paused = Make(2, Duration.FromHours(30), status: PromiseStatus.Paused, pausedAt: Now - Duration.FromMinutes(130));
        TrackedPromise Tracked(Promise p) => new(p, new EscalationState(p.DueAt, EscalationStep.None, EscalationStep.None));

        var reply = DigestBuilder.Build(new DigestData([Tracked(sla), Tracked(paused)], 2, 0), TestDates.NewYork, Now, quiet: false, "/promise",
            Duration.FromHours(4), clocks: Default)!;

        var lines = reply.Blocks.OfType<PromiseLineBlock>().Select(l => Text(l.Runs)).ToList();
        Assert.Equal(
            [
                "#1 Reply to Acme · @U1 · Mon 23 Nov 11:20 EST (in 1 h) · 1 h 20 min business time left · at risk",
                "#2 Reply to Acme · @U1 · Tue 24 Nov 16:00 EST (in 30 h) · paused 2 h 10 min",
            ],
            lines);
    }
}
