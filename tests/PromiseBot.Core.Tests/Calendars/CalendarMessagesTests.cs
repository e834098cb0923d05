using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Tests.Calendars;

/// <summary>How a calendar's week is written in replies.</summary>
public sealed class CalendarMessagesTests
{
    private static readonly BusinessInterval Morning = new(new LocalTime(8, 30), new LocalTime(12, 0));
    private static readonly BusinessInterval Afternoon = new(new LocalTime(13, 0), new LocalTime(17, 30));
    private static readonly BusinessInterval Evening = new(new LocalTime(18, 0), LocalTime.Midnight);

    public static TheoryData<BusinessWeek, string> Weeks() => new()
    {
        { BusinessWeek.Default, "Mon–Fri 09:00–17:00, Sat closed, Sun closed" },
        { BusinessWeek.AlwaysOpen, "Mon–Sun 00:00–24:00" },
        { BusinessWeek.Default.With([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday], [Morning, Afternoon]), "Mon–Tue 08:30–12:00 and 13:00–17:30, Wed–Fri 09:00–17:00, Sat closed, Sun closed" },
        { BusinessWeek.Default.With([IsoDayOfWeek.Wednesday], []), "Mon–Tue 09:00–17:00, Wed closed, Thu–Fri 09:00–17:00, Sat closed, Sun closed" },
        { BusinessWeek.Default.With([IsoDayOfWeek.Saturday], [Evening]), "Mon–Fri 09:00–17:00, Sat 18:00–24:00, Sun closed" },
    };

    [Theory]
    [MemberData(nameof(Weeks))]
    public void Hours_AreGroupedByRunsOfEqualDays(BusinessWeek week, string expected) => Assert.Equal(expected, CalendarMessages.Hours(week));

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4, 5 }, "Mon–Fri")]
    [InlineData(new[] { 1, 3, 5 }, "Mon, Wed, Fri")]
    [InlineData(new[] { 6, 7 }, "Sat, Sun")]
    [InlineData(new[] { 1, 5, 6, 7 }, "Mon, Fri–Sun")]
    public void DayList_NamesTheDaysACommandSet(int[] days, string expected) =>
        Assert.Equal(expected, CalendarMessages.DayList([.. days.Select(d => (IsoDayOfWeek)d)]));
}
