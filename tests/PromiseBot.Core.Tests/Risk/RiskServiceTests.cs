using Moq;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Reports;
using PromiseBot.Core.Risk;
using PromiseBot.Core.Scheduling;

namespace PromiseBot.Core.Tests.Risk;

/// <summary>
/// The risk of stored promises, worked out from known histories: the category's p50/p80 and suggestion, the owner's
/// track record, capacity, absences and the buffer share, each figure checked against the history it came from.
/// </summary>
public sealed class RiskServiceTests
{
    private static readonly WorkspaceId Workspace = new("T1");
    private static readonly DateTimeZone Utc = DateTimeZone.Utc;
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 7, 10, 0); // a Monday
    private static readonly UserId Sam = new("U-sam");
    private static readonly UserId Ana = new("U-ana");

    private readonly List<Promise> _history = [];
    private readonly List<Promise> _open = [];
    private readonly List<AwayPeriod> _away = [];
    private int _number;
    private int? _capacity;

    private RiskService Service()
    {
        var reports = new Mock<IReportStore>(MockBehavior.Strict);
        reports.Setup(r => r.ListPeriodAsync(Workspace, It.IsAny<Instant>(), It.IsAny<Instant>(), It.IsAny<ReportFilter>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((WorkspaceId _, Instant start, Instant end, ReportFilter f, CancellationToken _) =>
                _history.Where(p => p.Category == f.Category && p.ClosedAt >= start && p.ClosedAt < end).Select(p => new ReportEntry(p, false)).ToList());
        reports.Setup(r => r.ListOpenDueBeforeAsync(Workspace, It.IsAny<Instant>(), It.IsAny<ReportFilter>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((WorkspaceId _, Instant before, ReportFilter _, CancellationToken _) => _open.Where(p => p.DueAt < before).ToList());
        var away = new Mock<IAwayStore>(MockBehavior.Strict);
        away.Setup(a => a.ListAsync(Workspace, It.IsAny<LocalDate>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync((WorkspaceId _, LocalDate from, UserId? _, CancellationToken _) => _away.Where(a => a.Last >= from).ToList());
        var settings = new Mock<IScheduleStore>();
        settings.Setup(s => s.GetSettingsAsync(Workspace, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => WorkspaceSettings.Defaults(Workspace) with { Capacity = _capacity });
        return new RiskService(reports.Object, away.Object, settings.Object);
    }

    private Promise Closed(string category, Duration took, Outcome outcome, UserId? owner = null, Duration? ago = null)
    {
        var closedAt = Now - (ago ?? Duration.FromDays(5));
        var promise = new Promise
        {
            Workspace = Workspace,
            Number = new PromiseNumber(++_number),
            Title = "closed " + _number,
            Owner = owner ?? Ana,
            Category = category,
            DueAt = closedAt,
            MadeBy = Ana,
            MadeAt = closedAt - took,
            Channel = "C1",
            Status = outcome == Outcome.Broken ? PromiseStatus.Cancelled : PromiseStatus.Done,
            DoneAt = outcome == Outcome.Broken ? null : closedAt,
            ClosedAt = closedAt,
            Outcome = outcome,
        };
        _history.Add(promise);
        return promise;
    }

    private Promise Open(string? category, Duration span, UserId? owner = null, int buffer = 20, RiskFlagSet flags = default, Duration? madeAgo = null)
    {
        var made = Now - (madeAgo ?? Duration.Zero);
        var due = made + span;
        var promise = new Promise
        {
            Workspace = Workspace,
            Number = new PromiseNumber(++_number),
            Title = "open " + _number,
            Owner = owner ?? Sam,
            Category = category,
            DueAt = due,
            MadeBy = Sam,
            MadeAt = made,
            Channel = "C1",
            AimAt = due - Duration.FromTicks(span.BclCompatibleTicks * buffer / 100),
            Buffer = buffer,
            Risk = flags,
        };
        _open.Add(promise);
        return promise;
    }

    // Twelve kept or late deliveries in #web of 1..12 days: nearest rank gives p50 = 6 days, p80 = 10 days.
    private void TwelveDeliveries()
    {
        for (var days = 1; days <= 12; days++)
        {
            Closed("web", Duration.FromDays(days), days <= 9 ? Outcome.Kept : Outcome.Late);
        }
    }

    [Fact]
    public async Task Record_GivesP50AndP80OfKeptAndLate_AndLeavesBrokenAndOlderOut()
    {
        TwelveDeliveries();
        Closed("web", Duration.FromDays(40), Outcome.Broken);
        Closed("web", Duration.FromDays(40), Outcome.Kept, ago: Duration.FromDays(91));
        Closed("support", Duration.FromDays(40), Outcome.Kept);

        var record = await Service().RecordAsync(Workspace, "web", Now, Utc, default);

        Assert.Equal(12, record.Delivered);
        var history = Assert.IsType<DeliveryHistory>(record.History);
        Assert.Equal(Duration.FromDays(6), history.P50);
        Assert.Equal(Duration.FromDays(10), history.P80);
        Assert.Equal(75, history.OnTimePercent);
        Assert.Equal((13, 4), record.Owners[Ana]);
        Assert.Null(record.Calendar);
    }

    [Fact]
    public async Task Suggest_IsP80PlusTheBuffer_RoundedUpToTheCloseOfThatBusinessDay()
    {
        TwelveDeliveries();

        var suggestion = await Service().SuggestAsync(Workspace, "web", Now, Utc, default);

        // 10 days ÷ (1 − 20%) = 12.5 days: Saturday 19 Dec 22:00, rounded to the next business day's close, Monday 17:00.
        Assert.True(suggestion.HasHistory);
        Assert.Equal(20, suggestion.Buffer);
        Assert.Equal(Instant.FromUtc(2026, 12, 21, 17, 0), suggestion.Due);
    }

    [Fact]
    public async Task Suggest_WithFewerThanTen_SaysSoInsteadOfGuessing()
    {
        for (var days = 1; days <= 9; days++)
        {
            Closed("web", Duration.FromDays(days), Outcome.Kept);
        }

        var suggestion = await Service().SuggestAsync(Workspace, "web", Now, Utc, default);

        Assert.False(suggestion.HasHistory);
        Assert.Null(suggestion.Due);
        Assert.Equal(9, suggestion.Record.Delivered);
    }

    [Fact]
    public async Task ADeadlineShorterThanTheP80_IsHighRisk()
    {
        TwelveDeliveries();
        var rushed = Open("web", Duration.FromDays(3));
        var realistic = Open("web", Duration.FromDays(11));

        var board = await Service().LoadAsync(Workspace, [rushed, realistic], Now, Utc, default);

        var risk = board.Of(rushed)!;
        Assert.Equal(RiskLevel.High, risk.Level);
        Assert.Equal("High risk: shorter than the usual 10 days", risk.Summary);
        Assert.Equal(RiskLevel.Low, board.Of(realistic)!.Level);
    }

    [Fact]
    public async Task AnOwnerLateOnMoreThan30PercentOfAtLeastFive_IsMedium_AndWithCapacityHigh()
    {
        for (var i = 0; i < 5; i++)
        {
            Closed("web", Duration.FromDays(1), i < 2 ? Outcome.Late : Outcome.Kept, owner: Sam);
        }

        var promise = Open("web", Duration.FromDays(2), flags: RiskFlagSet.Of([RiskFlag.CustomerInput]));

        var risk = (await Service().LoadAsync(Workspace, [promise], Now, Utc, default)).Of(promise)!;

        Assert.Equal(RiskLevel.Medium, risk.Level);
        Assert.Equal("Medium risk: depends on customer input; owner late or broken on 40% of 5 lately", risk.Summary);
    }

    [Fact]
    public async Task MoreThanCapacityDueInTheSame48Hours_CountsTheOwnersOthers()
    {
        _capacity = 2;
        var first = Open(null, Duration.FromDays(2));
        Open(null, Duration.FromDays(2) + Duration.FromHours(23));
        Open(null, Duration.FromDays(1) + Duration.FromHours(1));
        Open(null, Duration.FromDays(5)); // not in the same 48 hours
        Open(null, Duration.FromDays(2), owner: Ana); // someone else's

        var inputs = (await Service().LoadAsync(Workspace, [first], Now, Utc, default)).InputsOf(first);

        Assert.Equal(3, inputs.OwnerDueTogether);
        Assert.Contains(RiskMatrix.Assess(inputs).Indicators, i => i.Flag == RiskFlag.OwnerCapacity && i.Reason == "owner has 3 due within 48 hours (capacity 2)");
    }

    [Fact]
    public async Task AnOwnerAwayBeforeTheDeadline_IsHigh_ButNotAfterIt()
    {
        _away.Add(new AwayPeriod(Sam, new LocalDate(2026, 12, 10), new LocalDate(2026, 12, 11)));
        var across = Open(null, Duration.FromDays(5));
        var before = Open(null, Duration.FromDays(2));

        var board = await Service().LoadAsync(Workspace, [across, before], Now, Utc, default);

        Assert.Equal("High risk: owner away Thu 10 Dec – Fri 11 Dec", board.Of(across)!.Summary);
        Assert.Equal(RiskLevel.Low, board.Of(before)!.Level);
    }

    [Theory]
    [InlineData(20, RiskLevel.Low)]
    [InlineData(19, RiskLevel.High)]
    [InlineData(0, RiskLevel.High)]
    public async Task TheDefaultAim_KeepsTheShareItWasGiven(int buffer, RiskLevel level)
    {
        var promise = Open(null, Duration.FromDays(4), buffer: buffer);

        var risk = (await Service().LoadAsync(Workspace, [promise], Now, Utc, default)).Of(promise)!;

        Assert.Equal(level, risk.Level);
    }

    [Fact]
    public async Task APromiseFromBeforeBuffers_HasNoBuffer()
    {
        var promise = Open(null, Duration.FromDays(4)) with { AimAt = null, Buffer = 0 };

        var risk = (await Service().LoadAsync(Workspace, [promise], Now, Utc, default)).Of(promise)!;

        Assert.Equal("High risk: 0% buffer", risk.Summary);
    }

    [Fact]
    public async Task AClosedPromise_HasNoRisk()
    {
        var closed = Closed("web", Duration.FromDays(1), Outcome.Kept);

        Assert.Null(await Service().AssessAsync(closed, Now, Utc, default));
    }
}
