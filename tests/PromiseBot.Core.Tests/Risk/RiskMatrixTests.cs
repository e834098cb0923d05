using NodaTime;
using PromiseBot.Core.Risk;

namespace PromiseBot.Core.Tests.Risk;

/// <summary>
/// The risk matrix, table-driven: every indicator alone, then combinations (any high → high; two or more medium →
/// medium; otherwise low), and the thresholds of the automatic ones at their edges.
/// </summary>
public sealed class RiskMatrixTests
{
    private static readonly Instant Made = Instant.FromUtc(2026, 11, 23, 9, 0);

    // A 10-day promise whose aim is 2 days before the deadline: a 20% buffer, not thin.
    private static RiskInputs Plain(params RiskFlag[] manual) =>
        new(manual.ToHashSet(), Made, Made + Duration.FromDays(8), Made + Duration.FromDays(10));

    public static TheoryData<RiskFlag, RiskLevel> EveryManualFlagAlone() => new()
    {
        { RiskFlag.Vendor, RiskLevel.High },
        { RiskFlag.NewSkill, RiskLevel.High },
        { RiskFlag.UnclearScope, RiskLevel.High },
        { RiskFlag.RefundGuarantee, RiskLevel.High },
        { RiskFlag.MultiPerson, RiskLevel.Low },
        { RiskFlag.PeakSeason, RiskLevel.Low },
        { RiskFlag.CustomerInput, RiskLevel.Low },
        { RiskFlag.ComplexMilestones, RiskLevel.Low },
        { RiskFlag.Proven, RiskLevel.Low },
    };

    [Theory]
    [MemberData(nameof(EveryManualFlagAlone))]
    public void AManualFlagAlone_GivesItsLevel_AndIsNamed(RiskFlag flag, RiskLevel level)
    {
        var risk = RiskMatrix.Assess(Plain(flag));

        Assert.Equal(level, risk.Level);
        Assert.Equal(flag, Assert.Single(risk.Indicators).Flag);
    }

    public static TheoryData<RiskFlag[], RiskLevel> Combinations() => new()
    {
        { [], RiskLevel.Low },
        { [RiskFlag.MultiPerson, RiskFlag.PeakSeason], RiskLevel.Medium },
        { [RiskFlag.CustomerInput, RiskFlag.ComplexMilestones], RiskLevel.Medium },
        { [RiskFlag.MultiPerson, RiskFlag.PeakSeason, RiskFlag.CustomerInput, RiskFlag.ComplexMilestones], RiskLevel.Medium },
        { [RiskFlag.MultiPerson, RiskFlag.Vendor], RiskLevel.High },
        { [RiskFlag.Proven, RiskFlag.Vendor], RiskLevel.High },
        { [RiskFlag.Proven, RiskFlag.MultiPerson, RiskFlag.PeakSeason], RiskLevel.Medium },
        { [RiskFlag.Proven, RiskFlag.CustomerInput], RiskLevel.Low },
        { [RiskFlag.Vendor, RiskFlag.NewSkill, RiskFlag.UnclearScope, RiskFlag.RefundGuarantee], RiskLevel.High },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Combinations_FollowTheMatrix(RiskFlag[] flags, RiskLevel level)
    {
        Assert.Equal(level, RiskMatrix.Assess(Plain(flags)).Level);
    }

    [Theory]
    [InlineData(8 * 24, 20, RiskLevel.Low)]          // aim 2 days before a 10-day deadline: 20%, enough
    [InlineData(8 * 24 + 1, 19, RiskLevel.High)]     // an hour later: 19% (rounded down), thin
    [InlineData(10 * 24, 0, RiskLevel.High)]         // aim at the deadline: no buffer at all
    [InlineData(5 * 24, 50, RiskLevel.Low)]
    public void ABufferUnder20Percent_IsHighRisk_AndSaysItsShare(int aimHours, int percent, RiskLevel level)
    {
        var inputs = Plain() with { AimAt = Made + Duration.FromHours(aimHours) };

        var risk = RiskMatrix.Assess(inputs);

        Assert.Equal(percent, RiskMatrix.BufferPercent(inputs));
        Assert.Equal(level, risk.Level);
        if (level == RiskLevel.High)
        {
            Assert.Equal(new RiskIndicator(RiskFlag.ThinBuffer, $"{percent}% buffer"), Assert.Single(risk.Indicators));
        }
    }

    [Fact]
    public void ADeadlineShorterThanTheCategorysP80_IsHighRisk_AndOneAsLongIsNot()
    {
        var shorter = RiskMatrix.Assess(Plain() with { CategoryP80 = Duration.FromDays(10) + Duration.FromMinutes(1) });
        var asLong = RiskMatrix.Assess(Plain() with { CategoryP80 = Duration.FromDays(10) });
        var inBusinessTime = RiskMatrix.Assess(Plain() with { CategoryP80 = Duration.FromHours(8), Span = Duration.FromHours(4) });

        Assert.Equal(RiskLevel.High, shorter.Level);
        Assert.Equal("shorter than the usual 10 days", Assert.Single(shorter.Indicators).Reason);
        Assert.Equal(RiskLevel.Low, asLong.Level);
        Assert.Empty(asLong.Indicators);
        Assert.Equal(RiskFlag.ShorterThanHistory, Assert.Single(inBusinessTime.Indicators).Flag);
    }

    [Theory]
    [InlineData(5, 2, true)]    // 40%
    [InlineData(10, 3, false)]  // exactly 30%: not above
    [InlineData(10, 4, true)]
    [InlineData(4, 4, false)]   // every one late, but fewer than 5 closed: too little to judge
    [InlineData(0, 0, false)]
    public void AnOwnerLateOrBrokenOnMoreThan30Percent_OfAtLeast5_IsAMediumIndicator(int closed, int lateOrBroken, bool flagged)
    {
        var risk = RiskMatrix.Assess(Plain() with { OwnerClosed = closed, OwnerLateOrBroken = lateOrBroken });

        Assert.Equal(flagged, risk.Indicators.Any(i => i.Flag == RiskFlag.OwnerTrackRecord));
        Assert.Equal(RiskLevel.Low, risk.Level);
    }

    [Theory]
    [InlineData(8, 8, false)]
    [InlineData(9, 8, true)]
    [InlineData(30, null, false)]
    public void AnOwnerOverCapacity_IsAMediumIndicator(int dueTogether, int? capacity, bool flagged)
    {
        var risk = RiskMatrix.Assess(Plain() with { OwnerDueTogether = dueTogether, Capacity = capacity });

        Assert.Equal(flagged, risk.Indicators.Any(i => i.Flag == RiskFlag.OwnerCapacity));
    }

    [Fact]
    public void TwoAutomaticMediums_GiveMedium_AndOneWithAManualMediumToo()
    {
        var record = Plain() with { OwnerClosed = 5, OwnerLateOrBroken = 2 };
        var both = record with { OwnerDueTogether = 9, Capacity = 8 };

        Assert.Equal(RiskLevel.Low, RiskMatrix.Assess(record).Level);
        Assert.Equal(RiskLevel.Medium, RiskMatrix.Assess(both).Level);
        Assert.Equal(RiskLevel.Medium, RiskMatrix.Assess(record with { Manual = new HashSet<RiskFlag> { RiskFlag.PeakSeason } }).Level);
    }

    [Fact]
    public void AnOwnerAway_IsHighRisk()
    {
        var risk = RiskMatrix.Assess(Plain() with { OwnerAway = "away 21–28 Dec" });

        Assert.Equal(RiskLevel.High, risk.Level);
        Assert.Equal("owner away 21–28 Dec", Assert.Single(risk.Indicators).Reason);
    }

    [Fact]
    public void TheSummary_PutsHighIndicatorsFirst()
    {
        var inputs = Plain(RiskFlag.CustomerInput, RiskFlag.Vendor) with { AimAt = Made + Duration.FromHours(8 * 24 + 19) };

        Assert.Equal("High risk: depends on a vendor; 12% buffer; depends on customer input", RiskMatrix.Assess(inputs).Summary);
        Assert.Equal("Low risk", RiskMatrix.Assess(Plain()).Summary);
    }

    [Fact]
    public void AnEmptySpan_HasNoBufferFigure_AndRaisesNothing()
    {
        var inputs = Plain() with { DueAt = Made, AimAt = Made };

        Assert.Null(RiskMatrix.BufferPercent(inputs));
        Assert.Equal(RiskLevel.Low, RiskMatrix.Assess(inputs).Level);
    }
}
