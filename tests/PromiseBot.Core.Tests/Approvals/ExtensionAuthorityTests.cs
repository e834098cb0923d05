using NodaTime;
using PromiseBot.Core.Approvals;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Tests.Approvals;

/// <summary>
/// Who may move a deadline how far alone: business days on the default calendar (weekends and holidays not counted)
/// or calendar days, exactly the limit allowed, the manager exempt, no limit = no check, nobody to ask = refused.
/// </summary>
public sealed class ExtensionAuthorityTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly UserId Sam = new("U_SAM");
    private static readonly UserId Maya = new("U_MAYA");

    // Mon–Fri 09:00–17:00 New York, with Thanksgiving (Thu 26 Nov 2026) off.
    private static readonly PromiseBot.Core.Dates.BusinessClock Clock = new BusinessCalendar(
        BusinessCalendar.DefaultName, NewYork, PromiseBot.Core.Dates.BusinessWeek.Default,
        new Dictionary<LocalDate, string> { [new LocalDate(2026, 11, 26)] = "Thanksgiving" }).Clock;

    private static Instant At(string local) =>
        NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm").Parse(local).Value.InZoneLeniently(NewYork).ToInstant();

    [Theory]
    // Mon 23 Nov 17:00 → …                 business  limit  moved  verdict
    [InlineData("2026-11-24 17:00", true, 2, 1, ExtensionVerdict.Allowed)]
    [InlineData("2026-11-25 17:00", true, 2, 2, ExtensionVerdict.Allowed)]          // exactly the limit
    [InlineData("2026-11-27 10:00", true, 2, 3, ExtensionVerdict.NeedsApproval)]    // Thanksgiving not counted
    [InlineData("2026-11-30 17:00", true, 2, 4, ExtensionVerdict.NeedsApproval)]    // the weekend not counted
    [InlineData("2026-11-28 17:00", true, 3, 3, ExtensionVerdict.Allowed)]          // Saturday: still 3
    [InlineData("2026-11-23 23:00", true, 0, 0, ExtensionVerdict.Allowed)]          // later the same day: 0
    [InlineData("2026-11-24 09:00", true, 0, 1, ExtensionVerdict.NeedsApproval)]    // limit 0: any later day
    [InlineData("2026-11-25 17:00", false, 2, 2, ExtensionVerdict.Allowed)]         // calendar days, at the limit
    [InlineData("2026-11-27 10:00", false, 3, 4, ExtensionVerdict.NeedsApproval)]   // calendar days count holidays
    [InlineData("2026-11-30 08:00", false, 7, 7, ExtensionVerdict.Allowed)]         // … and weekends
    [InlineData("2026-11-20 17:00", true, 2, 0, ExtensionVerdict.Allowed)]          // earlier: not an extension of authority
    public void TheLimit_IsCountedInItsUnit(string newDue, bool business, int limit, int moved, ExtensionVerdict verdict)
    {
        var check = ExtensionAuthority.Check(At("2026-11-23 17:00"), At(newDue), Sam, Maya, new ExtensionLimit(limit, business), Clock);

        Assert.Equal((verdict, moved), (check.Verdict, check.Moved));
    }

    [Fact]
    public void TheManager_IsExempt()
    {
        var check = ExtensionAuthority.Check(At("2026-11-23 17:00"), At("2026-12-10 17:00"), Maya, Maya, new ExtensionLimit(2, true), Clock);

        Assert.Equal(ExtensionVerdict.Allowed, check.Verdict);
    }

    [Fact]
    public void NoLimit_AllowsAnything()
    {
        var check = ExtensionAuthority.Check(At("2026-11-23 17:00"), At("2027-03-01 17:00"), Sam, Maya, limit: null, Clock);

        Assert.Equal(new ExtensionCheck(ExtensionVerdict.Allowed, 0, null), check);
    }

    [Fact]
    public void BeyondTheLimit_WithoutAManager_IsRefused_ButWithinItIsNot()
    {
        var limit = new ExtensionLimit(2, true);

        Assert.Equal(ExtensionVerdict.NoManager, ExtensionAuthority.Check(At("2026-11-23 17:00"), At("2026-11-30 17:00"), Sam, null, limit, Clock).Verdict);
        Assert.Equal(ExtensionVerdict.Allowed, ExtensionAuthority.Check(At("2026-11-23 17:00"), At("2026-11-24 17:00"), Sam, null, limit, Clock).Verdict);
    }

    [Fact]
    public void TheDates_AreThoseOfTheCalendarsZone()
    {
        // 23:30 New York on Monday is Tuesday in UTC: still Monday on this calendar, so Tuesday 17:00 is 1 day on.
        Assert.Equal(1, ExtensionAuthority.Moved(At("2026-11-23 23:30"), At("2026-11-24 17:00"), true, Clock));
    }

    [Theory]
    [InlineData(1, true, "1 business day")]
    [InlineData(2, true, "2 business days")]
    [InlineData(1, false, "1 day")]
    [InlineData(10, false, "10 days")]
    public void Limits_ReadAsWords(int amount, bool business, string expected) =>
        Assert.Equal(expected, new ExtensionLimit(amount, business).Describe());
}
