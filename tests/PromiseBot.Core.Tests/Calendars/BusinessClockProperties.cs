using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Tests.Calendars;

/// <summary>
/// Properties of the business clock (FsCheck), over calendars with split shifts, holidays, a Saturday shift and
/// 24/7 desks in zones with DST, starts anywhere in 2026–2027 and amounts of up to five business days.
/// </summary>
public sealed class BusinessClockProperties
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly Instant From = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant To = Instant.FromUtc(2027, 12, 31, 0, 0);
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(400);

    private static BusinessInterval Hours(int open, int close) =>
        new(new LocalTime(open / 100, open % 100), close == 2400 ? LocalTime.Midnight : new LocalTime(close / 100, close % 100));

    private static readonly BusinessCalendar[] Calendars =
    [
        BusinessCalendar.Default(NewYork),
        new("split", London, BusinessWeek.Default.With(
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
            [Hours(830, 1200), Hours(1300, 1730)]),
            new Dictionary<LocalDate, string> { [new LocalDate(2026, 12, 25)] = "Christmas", [new LocalDate(2027, 1, 1)] = "New Year", [new LocalDate(2026, 5, 25)] = "Bank holiday" }),
        new("saturday", NewYork, BusinessWeek.Default.With([IsoDayOfWeek.Saturday], [Hours(1000, 1400)])),
        new("24/7", London, BusinessWeek.AlwaysOpen),
        new("night", NewYork, BusinessWeek.AlwaysOpen.With(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None), [Hours(0, 600), Hours(2200, 2400)])),
    ];

    /// <summary>A calendar, a start inside its hours (the next opening of a random instant, nudged in by up to 3 hours), and an amount.</summary>
    private static readonly Arbitrary<(int Calendar, Instant Start, Duration Amount)> Cases =
        (from calendar in Gen.Choose(0, Calendars.Length - 1)
         from seconds in Gen.Choose(0, (int)((To - From).TotalSeconds / 60)).Select(m => m * 60L)
         from nudge in Gen.Choose(0, 180)
         from minutes in Gen.Choose(0, 5 * 24 * 60)
         let clock = Calendars[calendar].Clock
         let opening = clock.NextOpening(From + Duration.FromSeconds(seconds))!.Value
         let inside = clock.Add(opening, Duration.FromMinutes(nudge))!.Value
         select (calendar, clock.IsOpenAt(inside) ? inside : opening, Duration.FromMinutes(minutes))).ToArbitrary();

    [Fact]
    public void ElapsedUndoesAdd_ForAStartInsideHours() =>
        Check.One(Runs, Prop.ForAll(Cases, c =>
        {
            var clock = Calendars[c.Calendar].Clock;
            var end = clock.Add(c.Start, c.Amount)!.Value;
            return clock.Elapsed(c.Start, end) == c.Amount;
        }));

    [Fact]
    public void Add_IsMonotonicInTheAmount() =>
        Check.One(Runs, Prop.ForAll(Cases, Gen.Choose(0, 24 * 60).ToArbitrary(), (c, more) =>
        {
            var clock = Calendars[c.Calendar].Clock;
            return clock.Add(c.Start, c.Amount)!.Value <= clock.Add(c.Start, c.Amount + Duration.FromMinutes(more))!.Value;
        }));

    [Fact]
    public void AResult_IsNeverInsideClosedTime_ExceptExactlyAtAClosing() =>
        Check.One(Runs, Prop.ForAll(Cases, c =>
        {
            var clock = Calendars[c.Calendar].Clock;
            var end = clock.Add(c.Start, c.Amount)!.Value;
            return clock.IsOpenAt(end) || clock.IsOpenAt(end - Duration.FromNanoseconds(1));
        }));
}
