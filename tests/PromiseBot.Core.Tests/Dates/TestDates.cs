using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Tests.Dates;

/// <summary>Pinned clocks and one shared parser (the recognizer model is costly to build).</summary>
internal static class TestDates
{
    public static readonly RecognizerDueDateParser Parser = new();

    public static readonly DateTimeZone NewYork = Zone("America/New_York");

    /// <summary>Monday 23 Nov 2026, 10:00 in New York.</summary>
    public static readonly Instant MondayMorning = Instant.FromUtc(2026, 11, 23, 15, 0);

    public static DateContext NewYorkMonday => new(MondayMorning, NewYork);

    public static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    public static Instant Utc(string iso) => InstantPattern.General.Parse(iso).GetValueOrThrow();

    public static DateContext Context(string zone, string nowUtc) => new(Utc(nowUtc), Zone(zone));

    /// <summary>"2026-11-27 17:00" in the context's zone.</summary>
    public static string Local(Instant instant, DateTimeZone zone) =>
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm").Format(instant.InZone(zone).LocalDateTime);
}
