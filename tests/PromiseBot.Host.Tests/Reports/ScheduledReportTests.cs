using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Reports;
using PromiseBot.Host.Scheduling;
using PromiseBot.Testing;
using Quartz;

namespace PromiseBot.Host.Tests.Reports;

/// <summary>
/// <c>report weekly|monthly on/off</c> and the scheduled run through the whole app on a real SQLite file, with the
/// scheduler off and the job's service driven on a fake clock (Mon 23 Nov 2026 15:00 UTC); and real Quartz triggers.
/// </summary>
public sealed class ScheduledReportTests : IDisposable
{
    private static readonly WorkspaceId Ws = new("T1");
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private readonly TempDatabase _db = new();
    private BotHost _host;

    public ScheduledReportTests() => _host = new BotHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private ReportScheduleService Service => _host.Services.GetRequiredService<ReportScheduleService>();

    private List<(string Key, string Kind, string Address, string Message)> Outbox()
    {
        using var c = new SqliteConnection(_db.ConnectionString);
        // The message is JSON with non-ASCII escaped (\u00B7): unescaped, so the assertions read as the person does.
        return [.. c.Query<(string Key, string Kind, string Address, string Message)>("SELECT idempotency_key, destination_kind, address, message FROM outbox ORDER BY id")
            .Select(r => (r.Key, r.Kind, r.Address, System.Text.RegularExpressions.Regex.Unescape(r.Message)))];
    }

    private static Instant At(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(London).ToInstant();

    private void MoveTo(Instant instant) => _host.Clock.SetUtcNow(instant.ToDateTimeOffset());

    [Fact]
    public async Task Weekly_PostsLastWeeksReportToTheChannel_OncePerPeriod_EvenWhenRunTwiceOrAfterARestart()
    {
        var on = await _host.CommandAsync("report weekly on monday 09:00 Europe/London", channel: "C1");
        Assert.Equal("in_channel", on.Json.Type());
        Assert.Contains("Weekly report on.", on.Json.AllText());
        Assert.Contains("every Monday at 09:00 Europe/London, covering the seven days before (next: Mon 30 Nov 09:00 GMT)", on.Json.AllText());

        await _host.CommandAsync("Send the quote to Acme tomorrow 5pm #quotes", channel: "C2"); // #1, kept
        await _host.CommandAsync("Call back Globex in 2 hours #support", channel: "C2");        // #2, late
        await _host.CommandAsync("done 1");
        _host.Clock.Advance(TimeSpan.FromHours(3));
        await _host.CommandAsync("done 2");

        var planned = At(2026, 11, 30, 9);
        MoveTo(planned + Duration.FromSeconds(2));
        Assert.Equal(ScheduledReportOutcome.Queued, await Service.RunScheduledAsync(Ws, "C1", ReportCadence.Weekly, planned, default));
        Assert.Equal(ScheduledReportOutcome.AlreadyQueued, await Service.RunScheduledAsync(Ws, "C1", ReportCadence.Weekly, planned, default));

        // A restart (a new host on the same file) that fires the trigger again posts nothing more.
        var clock = _host.Clock.GetUtcNow();
        _host.Dispose();
        _host = new BotHost(_db.ConnectionString, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(clock));
        Assert.Equal(ScheduledReportOutcome.AlreadyQueued, await Service.RunScheduledAsync(Ws, "C1", ReportCadence.Weekly, planned, default));

        var row = Assert.Single(Outbox(), r => r.Key.StartsWith("report:", StringComparison.Ordinal));
        Assert.Equal(("report:C1:weekly:2026-11-23", "Channel", "C1"), (row.Key, row.Kind, row.Address));
        Assert.Contains("Fulfilment report · Mon 23 Nov – Sun 29 Nov 2026", row.Message);
        Assert.Contains("50% on time (1 of 2)", row.Message);
        Assert.Contains("Weekly report, posted every Monday at 09:00", row.Message);
        Assert.StartsWith("{\"visibility\":\"Channel\"", row.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFireReplayedLaterTheSameDay_IsSent_ButOneReplayedTheNextDayIsDropped()
    {
        await _host.CommandAsync("report weekly on monday 09:00 Europe/London", channel: "C1");

        MoveTo(At(2026, 11, 30, 18));
        Assert.Equal(ScheduledReportOutcome.Queued, await Service.RunScheduledAsync(Ws, "C1", ReportCadence.Weekly, At(2026, 11, 30, 9), default));

        MoveTo(At(2026, 12, 8, 9));
        Assert.Equal(ScheduledReportOutcome.Stale, await Service.RunScheduledAsync(Ws, "C1", ReportCadence.Weekly, At(2026, 12, 7, 9), default));
        Assert.Equal(["report:C1:weekly:2026-11-23"], Outbox().Select(r => r.Key));
    }

    [Fact]
    public async Task Monthly_WaitsForTheFirstBusinessDay_OfTheWorkspaceCalendar()
    {
        await _host.CommandAsync("calendar timezone Europe/London");
        await _host.CommandAsync("calendar holiday add 2026-12-01 Company day");
        var on = await _host.CommandAsync("report monthly on 08:00 Europe/London", channel: "C1");
        Assert.Contains("every first business day of the month at 08:00 Europe/London, covering the month before (next: Wed 2 Dec 08:00 GMT)", on.Json.AllText());

        MoveTo(At(2026, 12, 1, 8));
        Assert.Equal(ScheduledReportOutcome.NotPostingDay, await Service.RunScheduledAsync(Ws, "C1", ReportCadence.Monthly, At(2026, 12, 1, 8), default));
        MoveTo(At(2026, 12, 2, 8));
        Assert.Equal(ScheduledReportOutcome.Queued, await Service.RunScheduledAsync(Ws, "C1", ReportCadence.Monthly, At(2026, 12, 2, 8), default));
        MoveTo(At(2026, 12, 3, 8));
        Assert.Equal(ScheduledReportOutcome.NotPostingDay, await Service.RunScheduledAsync(Ws, "C1", ReportCadence.Monthly, At(2026, 12, 3, 8), default));

        var row = Assert.Single(Outbox());
        Assert.Equal("report:C1:monthly:2026-11", row.Key);
        Assert.Contains("November 2026", row.Message);
    }

    [Fact]
    public async Task Settings_ListBoth_OffStopsOne_AndADirectMessageIsToldToUseAChannel()
    {
        await _host.CommandAsync("report weekly on friday 4pm Europe/London", channel: "C1");
        await _host.CommandAsync("report monthly on", channel: "C1");

        var settings = (await _host.CommandAsync("report settings", channel: "C1")).Json.AllText();
        Assert.Contains("Weekly: every Friday at 16:00 Europe/London", settings);
        Assert.Contains("Monthly: every first business day of the month at 09:00", settings);

        var off = await _host.CommandAsync("report weekly off", channel: "C1");
        Assert.Equal("in_channel", off.Json.Type());
        Assert.Contains("This channel's weekly report is off.", off.Json.AllText());
        Assert.Contains("no weekly report to turn off", (await _host.CommandAsync("report weekly off", channel: "C1")).Json.AllText());
        Assert.Equal(ScheduledReportOutcome.NotScheduled, await Service.RunScheduledAsync(Ws, "C1", ReportCadence.Weekly, null, default));
        Assert.DoesNotContain("Weekly:", (await _host.CommandAsync("report settings", channel: "C1")).Json.AllText());

        var dm = (await _host.CommandAsync("report weekly on", channel: "D1")).Json.AllText();
        Assert.Contains("Scheduled reports are posted to a channel", dm);
        Assert.Equal(1, _host.Count("report_schedules"));
        Assert.Equal(0, _host.Count("promises"));
    }

    [Fact]
    public async Task WithoutAZone_TheChannelsDigestZoneIsUsed()
    {
        await _host.CommandAsync("digest on 08:30 Asia/Tokyo", channel: "C1");

        var on = (await _host.CommandAsync("report weekly on", channel: "C1")).Json.AllText();

        Assert.Contains("every Monday at 09:00 Asia/Tokyo", on);
    }

    [Fact]
    public async Task Quartz_OnAddsATriggerInTheSchedulesZone_OffRemovesIt_AndAStartRestoresAMissingOne()
    {
        _host.Dispose();
        var enabled = new Dictionary<string, string?> { ["PromiseBot:Scheduler:Enabled"] = "true" };
        _host = new BotHost(_db.ConnectionString, settings: enabled);
        await _host.CommandAsync("report weekly on friday 16:30 Europe/London", channel: "C1");
        var scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var key = QuartzReportScheduler.TriggerKeyFor(Ws, "C1", ReportCadence.Weekly);

        var trigger = await scheduler.GetTrigger(key);
        Assert.NotNull(trigger);
        Assert.Equal(At(2026, 11, 27, 16, 30), Instant.FromDateTimeOffset(trigger.NextFireTimeUtc!.Value));

        await _host.CommandAsync("report weekly off", channel: "C1");
        Assert.Null(await scheduler.GetTrigger(key));

        // A schedule stored while the scheduler was off gets its trigger at the next start.
        _host.Dispose();
        _host = new BotHost(_db.ConnectionString);
        await _host.CommandAsync("report monthly on 08:00 Europe/London", channel: "C1");
        _host.Dispose();
        _host = new BotHost(_db.ConnectionString, settings: enabled);
        await _host.CommandAsync("list");
        scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var monthly = QuartzReportScheduler.TriggerKeyFor(Ws, "C1", ReportCadence.Monthly);
        await _host.Services.GetRequiredService<SchedulerService>().Started;

        Assert.Equal(At(2026, 12, 1, 8), Instant.FromDateTimeOffset((await scheduler.GetTrigger(monthly))!.NextFireTimeUtc!.Value));
    }
}
