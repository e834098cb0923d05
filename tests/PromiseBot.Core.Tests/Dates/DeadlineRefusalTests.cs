using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Tests.Dates;

/// <summary>What the refusals say, and that no amount, however large, escapes as an exception.</summary>
public sealed class DeadlineRefusalTests
{
    // Wed 2 Dec 2026 10:30 in New York, as in the issue.
    private static readonly DateContext Wednesday = TestDates.Context("America/New_York", "2026-12-02T15:30:00Z");

    private static readonly CommandParser Commands = new(TestDates.Parser);

    private static DueDateResult.Refused Refused(string phrase, DateContext? context = null) =>
        Assert.IsType<DueDateResult.Refused>(TestDates.Parser.Parse(phrase, context ?? Wednesday));

    [Fact]
    public void NextWeek_OffersMondayAndFridayOfNextWeek()
    {
        var refused = Refused("next week");
        Assert.Equal(DueDateProblem.Vague, refused.Problem);
        Assert.Contains("Did you mean Monday 7 Dec 17:00 or Friday 11 Dec 17:00?", refused.Message);
    }

    [Fact]
    public void Asap_OffersTodayAndTomorrowAtClosing() =>
        Assert.Contains("Did you mean Wednesday 2 Dec 17:00 or Thursday 3 Dec 17:00?", Refused("ASAP").Message);

    [Fact]
    public void HundredYears_SaysHowFarAndAsksForADate()
    {
        var refused = Refused("in 100 years");
        Assert.Equal(DueDateProblem.TooFar, refused.Problem);
        Assert.Contains("that's 100 years away", refused.Message);
        Assert.Contains("give a date", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("in 0 days")]
    [InlineData("in 0 hours")]
    [InlineData("in -2 days")]
    [InlineData("within 0 business days")]
    [InlineData("in zero weeks")]
    public void ZeroAndNegativeAmounts_AreRefused(string phrase) =>
        Assert.Equal(DueDateProblem.BadAmount, Refused(phrase).Problem);

    [Theory]
    [InlineData("in 8000 years")]
    [InlineData("8000 years")]
    [InlineData("in 8000 years from now")]
    [InlineData("in 9999999 days")]
    [InlineData("9999999 days")]
    [InlineData("in 99999999999999999999999 days")]
    [InlineData("in 2147483648 minutes")]
    [InlineData("in 5000000 weeks")]
    [InlineData("in 9999 months")]
    [InlineData("in 99999 business hours")]
    [InlineData("in 2147483647 business days")]
    [InlineData("in 300 decades")]
    [InlineData("Dec 31 9999")]
    [InlineData("Dec 31 9999 11pm")]
    [InlineData("the 99th")]
    public void HugeAmounts_NeverThrow(string phrase)
    {
        var result = TestDates.Parser.Parse(phrase, Wednesday);
        Assert.IsType<DueDateResult.Refused>(result);
        Assert.IsType<CommandError>(Commands.Parse("Send the report " + phrase, Wednesday));
        Assert.IsType<CommandError>(Commands.Parse("extend 3 to " + phrase, Wednesday));
    }

    [Fact]
    public void AmbiguousZone_ListsTheChoices()
    {
        var refused = Refused("Friday 5pm IST");
        Assert.Equal(DueDateProblem.Ambiguous, refused.Problem);
        Assert.Contains("Asia/Kolkata", refused.Message);
        Assert.Contains("Europe/Dublin", refused.Message);
    }

    [Fact]
    public void Cst_IsUsCentralInTheAmericas_AndAskedElsewhere()
    {
        var ok = Assert.IsType<DueDateResult.Ok>(TestDates.Parser.Parse("Friday 5pm CST", Wednesday));
        Assert.Equal("America/Chicago", ok.Value.WrittenIn?.Id);
        var london = TestDates.Context("Europe/London", "2026-12-02T10:00:00Z");
        Assert.Contains("Asia/Shanghai", Refused("Friday 5pm CST", london).Message);
    }

    [Fact]
    public void PartOfTheDeadlineLeftInTheTitle_IsRefusedWithWhatWasUnderstood()
    {
        var error = Assert.IsType<CommandError>(Commands.Parse("Send the report by Monday by EOD", Wednesday));
        Assert.Equal(DueDateProblem.PartlyRead, error.DateProblem);
        Assert.Equal("Wed 2 Dec 17:00 EST", error.Understood);
        Assert.Contains("\"Monday\"", error.Message);
    }

    [Fact]
    public void PastEod_OnFridayEvening_IsRefusedAsPast()
    {
        var friday = TestDates.Context("America/New_York", "2026-12-04T23:30:00Z");
        var refused = Refused("EOD", friday);
        Assert.Equal(DueDateProblem.InThePast, refused.Problem);
        Assert.Equal("Fri 4 Dec 17:00 EST", refused.Understood);
    }
}
