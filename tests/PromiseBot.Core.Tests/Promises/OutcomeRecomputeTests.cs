using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Sla;
using static PromiseBot.Core.Tests.Promises.OutcomeRulesTests;

namespace PromiseBot.Core.Tests.Promises;

/// <summary><see cref="OutcomeRules.Recomputed"/>: what <c>recompute outcomes</c> and the upgrade to version 16 do to one stored promise.</summary>
public sealed class OutcomeRecomputeTests
{
    private static readonly Core.Dates.BusinessClock Clock = BusinessCalendar.Default(DateTimeZone.Utc).Clock;

    [Theory]
    [InlineData("d -1")]
    [InlineData("d 3")]
    [InlineData("x -2 5 r; d 4")]
    [InlineData("x 1 5; d 4")]
    [InlineData("c -5")]
    [InlineData("b 2; o 3")]
    [InlineData("p -3; u 2 6; d 5")]
    public void APromiseTheClosePathStored_AgreesWithItsLog_SoNothingIsWritten(string script)
    {
        var (promise, log) = Run(script);

        Assert.Null(OutcomeRules.Recomputed(promise, log, Clock));
    }

    [Fact]
    public void AStoredOutcomeTheLogDisagreesWith_IsSetAgain_WithItsLateness_AndANewVersion()
    {
        var (promise, log) = Run("x 1 5; d 4"); // extended after the deadline: late, by 4 h from D
        var wrong = promise with { Outcome = Outcome.Kept, LateFrom = null, Lateness = null, BreachedDue = null };

        var fixedUp = OutcomeRules.Recomputed(wrong, log, clock: null);

        Assert.NotNull(fixedUp);
        Assert.Equal(Outcome.Late, fixedUp.Outcome);
        Assert.Equal(D, fixedUp.LateFrom);
        Assert.Equal(D, fixedUp.BreachedDue);
        Assert.Equal(Duration.FromHours(4), fixedUp.Lateness);
        Assert.Equal(wrong.Version + 1, fixedUp.Version);
        Assert.Equal(wrong with { Outcome = fixedUp.Outcome, LateFrom = D, BreachedDue = D, Lateness = fixedUp.Lateness, Version = fixedUp.Version }, fixedUp);
    }

    [Fact]
    public void ALateCloseWithoutItsLateness_GetsItCountedOnTheBusinessClock()
    {
        // D is Wed 4 Mar 17:00 UTC, the default calendar's closing time; done Thu 11:00 is 2 business hours late.
        var sla = new PromiseSla(BusinessCalendar.DefaultName, D - Duration.FromHours(48), new SlaAmount(16, SlaUnit.BusinessHours), null);
        var (promise, log) = Run("d 18", sla);
        var withoutLateness = promise with { Lateness = null };

        Assert.Equal(Duration.FromHours(2), OutcomeRules.Recomputed(withoutLateness, log, Clock)?.Lateness);
    }

    [Fact]
    public void ALatenessCountedAtTheClose_IsKept_WhenTheFieldsAgree_UnlessARecountIsAsked()
    {
        var sla = new PromiseSla(BusinessCalendar.DefaultName, D - Duration.FromHours(48), new SlaAmount(16, SlaUnit.BusinessHours), null);
        var (promise, log) = Run("d 18", sla);
        // As counted at the close, before a holiday was added to the calendar: a recomputation doesn't rewrite it.
        var counted = promise with { Lateness = Duration.FromHours(3) };

        Assert.Null(OutcomeRules.Recomputed(counted, log, Clock));
        Assert.Equal(Duration.FromHours(2), OutcomeRules.Recomputed(counted, log, Clock, recountLateness: true)?.Lateness);
    }

    [Fact]
    public void AnOpenPromiseStoredAsClosed_IsOpenedAgainByItsLog()
    {
        var (promise, log) = Run("d 1; o 2");
        var wrong = promise with { Outcome = Outcome.Late, ClosedAt = D + Duration.FromHours(1), LateFrom = D, Lateness = Duration.FromHours(1) };

        var fixedUp = OutcomeRules.Recomputed(wrong, log, clock: null);

        Assert.NotNull(fixedUp);
        Assert.Null(fixedUp.Outcome);
        Assert.Null(fixedUp.ClosedAt);
        Assert.Null(fixedUp.Lateness);
        Assert.Equal(D, fixedUp.BreachedDue);
    }
}
