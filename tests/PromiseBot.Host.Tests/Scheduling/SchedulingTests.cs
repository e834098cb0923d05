using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Host.Scheduling;
using PromiseBot.Testing;
using Quartz;

namespace PromiseBot.Host.Tests.Scheduling;

/// <summary>
/// Digests and escalations through the whole app, with the scheduler off and the jobs' services driven directly; on
/// SQLite and on PostgreSQL (the subclasses at the end).
/// </summary>
public abstract class SchedulingTests : IDisposable
{
    private readonly IDisposable _db;
    private readonly Func<System.Data.Common.DbConnection> _connect;
    private readonly BotHost _host;

    private protected SchedulingTests(string connectionString, Func<System.Data.Common.DbConnection> connect, IDisposable db)
    {
        _db = db;
        _connect = connect;
        _host = new BotHost(connectionString);
    }

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
        GC.SuppressFinalize(this);
    }

    private List<(string Key, string Kind, string Address, string Message, long NextAttemptAt)> Outbox()
    {
        using var c = _connect();
        return c.Query<(string, string, string, string, long)>(
            "SELECT idempotency_key, destination_kind, address, message, next_attempt_at FROM outbox ORDER BY id").ToList();
    }

    [Fact]
    public async Task DigestCommand_QueuesThisChannelsDigest()
    {
        await _host.CommandAsync("Send the quote to Acme in 3 hours for Acme", channel: "C1");
        await _host.CommandAsync("Call back Globex tomorrow 10am", channel: "C1");
        await _host.CommandAsync("Refund Initech tomorrow 11am", channel: "C2");
        await _host.CommandAsync("Ship parts in 5 days", channel: "C1");

        var (status, json, _) = await _host.CommandAsync("digest", channel: "C1");

        Assert.Equal(200, status);
        Assert.Contains("digest", json.AllText());
        var row = Assert.Single(Outbox());
        Assert.Equal(("Channel", "C1"), (row.Kind, row.Address));
        Assert.StartsWith("digest-now:C1:", row.Key);
        Assert.Contains("Send the quote to Acme", row.Message);
        Assert.Contains("Call back Globex", row.Message);
        Assert.DoesNotContain("Refund Initech", row.Message);
        Assert.DoesNotContain("Ship parts", row.Message);
        Assert.Contains("at risk", row.Message);
    }

    [Fact]
    public async Task PromiseDueInThreeHours_QueuesTheOwnerDmWithinOneScan()
    {
        await _host.CommandAsync("Call Acme back in 3 hours", user: "U1");
        var escalations = _host.Services.GetRequiredService<EscalationService>();

        Assert.Equal(1, await escalations.ScanAsync(default));
        Assert.Equal(0, await escalations.ScanAsync(default));

        var row = Assert.Single(Outbox());
        Assert.Equal(("User", "U1"), (row.Kind, row.Address));
        var due = BotHost.Start.AddHours(3).ToUnixTimeMilliseconds();
        Assert.Equal($"escalation:1:at-risk:{due}:U1", row.Key);
        Assert.Equal(BotHost.Start.ToUnixTimeMilliseconds(), row.NextAttemptAt); // 10:00 in New York: not quiet hours
    }

    [Fact]
    public async Task Breach_DmsOwnerBackupAndManager_AndPostsOneLineInTheChannel_AckAndDoneStopIt()
    {
        await _host.CommandAsync("config manager <@UM>");
        await _host.CommandAsync("Call Acme back in 2 hours", user: "U1", channel: "C7");
        await _host.CommandAsync("backup 1 <@UB>");
        var escalations = _host.Services.GetRequiredService<EscalationService>();
        await escalations.ScanAsync(default); // at risk

        var ack = await _host.CommandAsync("ack 1", user: "U1");
        Assert.Contains("Acknowledged #1", ack.Json.AllText());
        var guard = _host.Services.GetRequiredService<PromiseBot.Core.Outbox.IDeliveryGuardCheck>();
        var due = Instant.FromDateTimeOffset(BotHost.Start.AddHours(2));
        Assert.False(await guard.IsStillWantedAsync(new WorkspaceId("T1"), new(new PromiseNumber(1), "at-risk", due), default));

        _host.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await escalations.ScanAsync(default));
        var breach = Outbox().Where(r => r.Key.StartsWith("escalation:1:breach:", StringComparison.Ordinal)).Select(r => (r.Kind, r.Address)).ToList();
        Assert.Equal([("User", "U1"), ("User", "UB"), ("User", "UM"), ("Channel", "C7")], breach);
        Assert.True(await guard.IsStillWantedAsync(new WorkspaceId("T1"), new(new PromiseNumber(1), "breach", due), default));

        await _host.CommandAsync("done 1", user: "U1");
        Assert.False(await guard.IsStillWantedAsync(new WorkspaceId("T1"), new(new PromiseNumber(1), "breach", due), default));
    }

    [Fact]
    public async Task ScheduledDigest_IsQueuedOncePerLocalDay_EvenWhenTheJobRunsTwice()
    {
        var on = await _host.CommandAsync("digest on 09:00 weekdays America/New_York", channel: "C1");
        Assert.Contains("Every weekday at 09:00 America/New_York", on.Json.AllText());
        await _host.CommandAsync("Send the quote in 3 hours", channel: "C1");
        var digests = _host.Services.GetRequiredService<DigestService>();
        var ws = new WorkspaceId("T1");
        var planned = Instant.FromDateTimeOffset(BotHost.Start);

        Assert.Equal(DigestOutcome.Queued, await digests.RunScheduledAsync(ws, "C1", planned, default));
        Assert.Equal(DigestOutcome.AlreadyQueued, await digests.RunScheduledAsync(ws, "C1", planned, default));
        Assert.Equal(["digest:C1:2026-11-23"], Outbox().Select(r => r.Key));

        // A fire replayed the next day (host down overnight) is too late; the next day's own fire posts.
        _host.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(DigestOutcome.Stale, await digests.RunScheduledAsync(ws, "C1", planned, default));
        Assert.Equal(DigestOutcome.Queued, await digests.RunScheduledAsync(ws, "C1", planned + Duration.FromDays(1), default));
        Assert.Equal(DigestOutcome.NotSubscribed, await digests.RunScheduledAsync(ws, "C9", null, default));
    }

    [Fact]
    public async Task Settings_OnceAManagerIsSet_OnlyTheManagerMayChangeThem()
    {
        Assert.Contains("<@U9>", (await _host.CommandAsync("config manager <@U9>", user: "U1")).Json.AllText());

        var refused = await _host.CommandAsync("config quiet 21:00-07:00", user: "U1");
        Assert.Contains("Only the workspace's manager", refused.Json.AllText());

        var ok = await _host.CommandAsync("config quiet 21:00-07:00", user: "U9");
        Assert.Contains("21:00–07:00", ok.Json.AllText());
        Assert.Contains("isn't a time of day", (await _host.CommandAsync("config quiet 25:00-07:00", user: "U9")).Json.AllText());
    }
}

public sealed class SqliteSchedulingTests : SchedulingTests
{
    public SqliteSchedulingTests()
        : this(new TempDatabase())
    {
    }

    private SqliteSchedulingTests(TempDatabase db)
        : base(db.ConnectionString, () => new SqliteConnection(db.ConnectionString), db)
    {
    }
}

public sealed class PostgresSchedulingTests : SchedulingTests
{
    public PostgresSchedulingTests()
        : this(PostgresServer.CreateDatabase())
    {
    }

    private PostgresSchedulingTests(TempPostgresDatabase db)
        : base(db.ConnectionString, () => new Npgsql.NpgsqlConnection(db.ConnectionString), db)
    {
    }
}

/// <summary>Real Quartz on a temp SQLite file: schema provisioning from a clean database and the per-channel trigger.</summary>
public sealed class QuartzSchedulerTests
{
    [Fact]
    public async Task DigestOn_AddsACronTriggerInTheChannelsZone_AndDigestOffRemovesIt()
    {
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?> { ["PromiseBot:Scheduler:Enabled"] = "true" });

        await host.CommandAsync("digest on 09:00 weekdays America/New_York", channel: "C1");

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(QuartzDigestScheduler.TriggerKeyFor(new WorkspaceId("T1"), "C1"));
        Assert.NotNull(trigger);
        var next = trigger.NextFireTimeUtc;
        Assert.NotNull(next);
        // The trigger runs on the host's clock (here the fake one): Mon 10:00 in New York, so next is Tue 09:00.
        var expected = DigestCalendar.NextFire(Instant.FromDateTimeOffset(host.Clock.GetUtcNow()), new LocalTime(9, 0), DigestDays.Weekdays, DateTimeZoneProviders.Tzdb["America/New_York"]);
        Assert.Equal(expected, Instant.FromDateTimeOffset(next.Value));
        Assert.NotNull(await scheduler.GetTrigger(new TriggerKey("escalation-scan", "promisebot")));

        await host.CommandAsync("digest off", channel: "C1");
        Assert.Null(await scheduler.GetTrigger(QuartzDigestScheduler.TriggerKeyFor(new WorkspaceId("T1"), "C1")));
    }

    [Theory]
    // Quartz's cron in the IANA zone agrees with our NodaTime calendar on both sides of both 2026 DST changes.
    [InlineData("2026-03-06T15:00:00Z")]
    [InlineData("2026-03-07T15:00:00Z")]
    [InlineData("2026-10-30T15:00:00Z")]
    [InlineData("2026-10-31T15:00:00Z")]
    public void QuartzCron_AgreesWithDigestCalendarAcrossDst(string afterUtc)
    {
        var after = DateTimeOffset.Parse(afterUtc, System.Globalization.CultureInfo.InvariantCulture);
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var cron = new CronExpression(DigestCalendar.CronFor(new LocalTime(9, 0), DigestDays.Weekdays), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

        var quartz = cron.GetNextValidTimeAfter(after)!.Value;

        Assert.Equal(DigestCalendar.NextFire(Instant.FromDateTimeOffset(after), new LocalTime(9, 0), DigestDays.Weekdays, zone), Instant.FromDateTimeOffset(quartz));
        Assert.Equal(new LocalTime(9, 0), Instant.FromDateTimeOffset(quartz).InZone(zone).TimeOfDay);
    }
}
