using System.Diagnostics;
using System.Globalization;
using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Dates;

// Business-time arithmetic on one thread: BusinessClock.Add over calendars with holidays (New York Mon–Fri 09:00–17:00
// with the US federal holidays of 2026–2027; London split shifts with UK holidays), random starts in 2026–2027 and
// amounts up to 5 business days (40 business hours), then AddBusinessDays and Elapsed. Prints operations per second.
//
//   dotnet PromiseBot.Bench.Sla.dll [SECONDS_PER_MEASURE=3]
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
var london = DateTimeZoneProviders.Tzdb["Europe/London"];
var usHolidays = new[]
{
    "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-10-12",
    "2026-11-11", "2026-11-26", "2026-12-25", "2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18",
    "2027-07-05", "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24",
}.ToDictionary(d => LocalDate.FromDateTime(DateTime.Parse(d, CultureInfo.InvariantCulture)), _ => "holiday");
var ukHolidays = new[]
{
    "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
    "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
}.ToDictionary(d => LocalDate.FromDateTime(DateTime.Parse(d, CultureInfo.InvariantCulture)), _ => "holiday");
var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
var calendars = new[]
{
    new BusinessCalendar("us", newYork, BusinessWeek.Default, usHolidays),
    new BusinessCalendar("uk-split", london, BusinessWeek.Default.With(weekdays,
        [new(new LocalTime(8, 30), new LocalTime(12, 0)), new(new LocalTime(13, 0), new LocalTime(17, 30))]), ukHolidays),
};

const int Cases = 1 << 16;
var random = new Random(42);
var from = Instant.FromUtc(2026, 1, 1, 0, 0);
var starts = new Instant[Cases];
var amounts = new Duration[Cases];
var days = new int[Cases];
for (var i = 0; i < Cases; i++)
{
    starts[i] = from + Duration.FromMinutes(random.Next(0, 700 * 24 * 60));
    amounts[i] = Duration.FromMinutes(random.Next(1, (5 * 8 * 60) + 1));
    days[i] = random.Next(0, 6);
}

Console.WriteLine($"PromiseBot business-time benchmark (one thread, {Environment.ProcessorCount} cores; {Cases} random cases per calendar)");
foreach (var calendar in calendars)
{
    var clock = calendar.Clock;
    Measure($"{calendar.Name}: Add (up to 5 business days)", i => clock.Add(starts[i], amounts[i]));
    Measure($"{calendar.Name}: AddBusinessDays (0-5)", i => clock.AddBusinessDays(starts[i], days[i]));
    Measure($"{calendar.Name}: Elapsed (span of up to 5 business days)", i => clock.Elapsed(starts[i], clock.Add(starts[i], amounts[i])!.Value));
}

void Measure(string name, Func<int, object?> operation)
{
    for (var i = 0; i < 20_000; i++)
    {
        operation(i & (Cases - 1)); // warm-up, and tiered JIT
    }

    long count = 0;
    var watch = Stopwatch.StartNew();
    var limit = TimeSpan.FromSeconds(seconds);
    while (watch.Elapsed < limit)
    {
        for (var i = 0; i < 4096; i++, count++)
        {
            operation((int)(count & (Cases - 1)));
        }
    }

    watch.Stop();
    Console.WriteLine($"  {name,-55} {count / watch.Elapsed.TotalSeconds,14:N0} /s");
}
