// Digest and escalation benchmark. Two commands, run as two processes so the measured process's peak RSS covers
// only the digests and the scans (bench/digest-bench.sh runs both):
//
//   generate <db> [channels=10000] [promises=1000000] [sla%=0]   fresh SQLite file through the app's migrations;
//                                                        sla% of the promises counted in business time (SlaSchedule)
//   recount  <db> [holiday|hours|dry]                    a holiday added to the default calendar (or its hours
//                                                        changed): SlaRecounter recounts every open promise on it
//                                                        in one write transaction; dry: read and count only
//   measure  <db>                                        digests for every subscribed channel, escalation scans
//   profile  <db>                                        where a digest's time goes, step by step (read-only)
//
// Everything runs through the real storage and core code (SqlScheduleStore, DigestService, DigestBuilder,
// EscalationService, EscalationPlanner, SqlOutbox). Only the clock is fixed and recipients' zones come from a stub
// that answers at once, like the host's warm users.info cache. Figures are printed as plain "name: value" lines.
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using PromiseBot.Bench.Digests;
using PromiseBot.Core;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Storage;
using PromiseBot.Storage.Outbox;
using PromiseBot.Storage.Scheduling;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

return args switch
{
    ["generate", var db, ..] => Bench.Generate(db, Arg(2, 10_000), Arg(3, 1_000_000), Arg(4, 0)),
    ["recount", var db] => await Bench.RecountAsync(db, "holiday"),
    ["recount", var db, var change] => await Bench.RecountAsync(db, change),
    ["measure", var db] => await Bench.MeasureAsync(db),
    ["profile", var db] => await Bench.ProfileAsync(db),
    _ => Usage(),
};

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

static int Usage()
{
    Console.Error.WriteLine("usage: PromiseBot.Bench.Digests generate <db> [channels] [promises] | measure <db>");
    return 2;
}

namespace PromiseBot.Bench.Digests
{
    internal static class Bench
    {
        // Monday 23 Nov 2026, 10:00 in New York: the moment the digests fire and the scan runs.
        private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

        private const int ChannelsPerWorkspace = 100;
        private const int UsersPerWorkspace = 40;
        private const long Minute = 60_000;
        private const long Hour = 60 * Minute;
        private const long Day = 24 * Hour;

        public static int Generate(string path, int channels, int promises, int slaPercent)
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            var clock = new FixedTime(Now);
            var total = Stopwatch.StartNew();
            var database = new SqliteDatabase(new SqliteOptions { ConnectionString = $"Data Source={path}" });
            Migrator.Apply(database, clock);
            var workspaces = Math.Max(1, channels / ChannelsPerWorkspace);
            var perWorkspace = promises / workspaces;
            var random = new Random(20261123);
            var now = Now.ToUnixTimeMilliseconds();
            // The ladder as the scan a minute ago left it: steps whose moment came before then have fired, so this
            // minute's scan finds only the promises whose moment fell in the last minute (the steady state).
            var lastScan = now - Minute;

            using var connection = database.Open();
            connection.Execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -131072;");
            using (var transaction = connection.BeginTransaction())
            {
                // The rows carry their ladder state themselves (the stores compute it with EscalationPlanner; here
                // it is the steady state the scan a minute ago left).
                using var insert = Prepare(connection, transaction, """
                    INSERT INTO promises (workspace, number, title, customer, owner, backup, category, due_at, made_by, made_at,
                                          channel, status, version, next_escalation_at, escalation_due_at, escalation_step, acked_step,
                                          sla_calendar, sla_start, sla_amount, sla_unit, sla_warn1_at, sla_warn2_at)
                    VALUES ($workspace, $number, $title, $customer, $owner, $backup, NULL, $due, $owner, $made, $channel, 0, 1,
                            $next, $due, $step, 0, $calendar, $made, $amount, 1, $warn1, $warn2)
                    """, "$workspace", "$number", "$title", "$customer", "$owner", "$backup", "$due", "$made", "$channel", "$next", "$step",
                    "$calendar", "$amount", "$warn1", "$warn2");
                var p = insert.Parameters;
                // Promises counted in business time: 1 to 40 business hours on the default calendar (Mon–Fri 09:00–17:00
                // New York), made in the last 5 days; their due and warnings as SlaSchedule computes them.
                var calendar = PromiseBot.Core.Calendars.BusinessCalendar.Default(DateTimeZoneProviders.Tzdb["America/New_York"]);
                for (var w = 0; w < workspaces; w++)
                {
                    var workspace = Workspace(w);
                    for (var n = 1; n <= perWorkspace; n++)
                    {
                        var due = now + (long)(random.NextDouble() * 33 * Day) - 3 * Day;
                        var made = Math.Min(now, due) - random.Next(1, 10) * Day;
                        var owner = random.Next(UsersPerWorkspace);
                        var backup = random.Next(10) < 3 ? (owner + 1 + random.Next(UsersPerWorkspace - 1)) % UsersPerWorkspace : -1;
                        long warn1 = due - Day, warn2 = due - 4 * Hour;
                        var hours = 0;
                        if (random.Next(100) < slaPercent)
                        {
                            hours = random.Next(1, 41);
                            // Made while the team works: a moment of the last 5 days moved into open hours, so
                            // the moments spread over the business day instead of all falling on an opening.
                            var moment = Instant.FromUnixTimeMilliseconds(now - (long)(random.NextDouble() * 5 * Day));
                            made = calendar.Clock.Add(moment, Duration.FromMinutes(random.Next(0, 480)))!.Value.ToUnixTimeMilliseconds();
                            var basis = new PromiseSla("default", Instant.FromUnixTimeMilliseconds(made), new PromiseBot.Core.Sla.SlaAmount(hours, PromiseBot.Core.Sla.SlaUnit.BusinessHours), null);
                            var (dueAt, counted) = PromiseBot.Core.Sla.SlaSchedule.Compute(calendar.Clock, basis, PromiseBot.Core.Sla.SlaTarget.DefaultWarnings)!.Value;
                            (due, warn1, warn2) = (dueAt.ToUnixTimeMilliseconds(), counted.FirstWarningAt!.Value.ToUnixTimeMilliseconds(), counted.SecondWarningAt!.Value.ToUnixTimeMilliseconds());
                        }

                        var (step, next) = due <= lastScan ? (3, (long?)null)
                            : warn2 <= lastScan ? (2, due)
                            : warn1 <= lastScan ? (1, warn2)
                            : (0, warn1);
                        p[0].Value = workspace;
                        p[1].Value = n;
                        p[2].Value = $"Send the signed quote for order {n}";
                        p[3].Value = random.Next(2) == 0 ? $"Customer {random.Next(500)}" : DBNull.Value;
                        p[4].Value = User(w, owner);
                        p[5].Value = backup < 0 ? DBNull.Value : User(w, backup);
                        p[6].Value = due;
                        p[7].Value = made;
                        p[8].Value = Channel(w, random.Next(ChannelsPerWorkspace));
                        p[9].Value = next is { } at ? at : DBNull.Value;
                        p[10].Value = step;
                        p[11].Value = hours > 0 ? "default" : DBNull.Value;
                        p[12].Value = hours > 0 ? hours : DBNull.Value;
                        p[13].Value = hours > 0 ? warn1 : DBNull.Value;
                        p[14].Value = hours > 0 ? warn2 : DBNull.Value;
                        insert.ExecuteNonQuery();
                    }
                }

                using var subscribe = Prepare(connection, transaction, """
                    INSERT INTO digest_subscriptions (workspace, channel, platform, local_time, days, time_zone, quiet, created_by, created_at)
                    VALUES ($workspace, $channel, 'Slack', '09:00', 'weekdays', 'America/New_York', 0, $by, $at)
                    """, "$workspace", "$channel", "$by", "$at");
                using var settings = Prepare(connection, transaction, """
                    INSERT INTO workspace_settings (workspace, platform, manager, quiet_start, quiet_end, reminder_ms, at_risk_ms, time_zone, updated_by, updated_at)
                    VALUES ($workspace, 'Slack', $manager, '20:00', '08:00', 86400000, 14400000, 'America/New_York', $manager, $at)
                    """, "$workspace", "$manager", "$at");
                using var counter = Prepare(connection, transaction,
                    "INSERT INTO workspace_counters (workspace, next_number) VALUES ($workspace, $next)", "$workspace", "$next");
                for (var w = 0; w < workspaces; w++)
                {
                    for (var c = 0; c < ChannelsPerWorkspace && w * ChannelsPerWorkspace + c < channels; c++)
                    {
                        subscribe.Parameters[0].Value = Workspace(w);
                        subscribe.Parameters[1].Value = Channel(w, c);
                        subscribe.Parameters[2].Value = User(w, 0);
                        subscribe.Parameters[3].Value = now - 30 * Day;
                        subscribe.ExecuteNonQuery();
                    }

                    settings.Parameters[0].Value = Workspace(w);
                    settings.Parameters[1].Value = User(w, UsersPerWorkspace);
                    settings.Parameters[2].Value = now - 30 * Day;
                    settings.ExecuteNonQuery();
                    counter.Parameters[0].Value = Workspace(w);
                    counter.Parameters[1].Value = perWorkspace + 1;
                    counter.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
            var counts = connection.QuerySingle<(long Promises, long Channels, long Workspaces, long Sla)>(
                "SELECT (SELECT COUNT(*) FROM promises), (SELECT COUNT(*) FROM digest_subscriptions), (SELECT COUNT(*) FROM workspace_settings), (SELECT COUNT(*) FROM promises WHERE sla_calendar IS NOT NULL)");
            Console.WriteLine($"generated promises: {counts.Promises} ({counts.Sla} counted in business time)");
            Console.WriteLine($"generated subscribed channels: {counts.Channels}");
            Console.WriteLine($"generated workspaces: {counts.Workspaces}");
            Console.WriteLine($"generate time: {total.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"database size: {new FileInfo(path).Length / 1048576.0:F0} MB");
            Console.WriteLine($"generate peak RSS: {Rss("VmHWM")} MB");
            return 0;
        }

        public static async Task<int> MeasureAsync(string path)
        {
            var clock = new FixedTime(Now);
            var options = new SqliteOptions { ConnectionString = $"Data Source={path}" };
            var database = new SqliteDatabase(options);
            Migrator.Apply(database, clock);
            await using var writer = new SqliteWriter(database, options);
            var signal = new OutboxSignal();
            using var store = new SqlScheduleStore(database, writer, signal);
            var outbox = new SqlOutbox(database, writer, signal);
            var botOptions = new PromiseBotOptions { DefaultTimeZone = "America/New_York" };
            var ct = CancellationToken.None;
            var now = Instant.FromDateTimeOffset(Now);
            var failed = false;

            using (var c = database.Open())
            {
                if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM outbox") > 0)
                {
                    Console.Error.WriteLine("measure: the outbox is not empty; generate a fresh database first");
                    return 1;
                }

                Console.WriteLine($"open promises: {c.ExecuteScalar<long>("SELECT COUNT(*) FROM promises WHERE status = 0")}");
                var parameters = new { Workspace = Workspace(0), Channel = Channel(0, 0), Now = now.ToUnixTimeMilliseconds(), End = (now + DigestBuilder.Window).ToUnixTimeMilliseconds(), Limit = 500 };
                failed |= !PrintPlan(c, "digest query", StoreSql("DigestSqlFormat", SqlDialect.Sqlite.IndexedBy("ix_promises_channel")), parameters, "ix_promises_channel");
                failed |= !PrintPlan(c, "digest count", StoreSql("DigestCountSql"), parameters, "ix_promises_channel");
                failed |= !PrintPlan(c, "escalation scan query", StoreSql("DueEscalationsSqlFormat", SqlDialect.Sqlite.IndexedBy("ix_promises_next_escalation")), parameters, "ix_promises_next_escalation");
            }

            var subscriptions = await store.ListSubscriptionsAsync(ct);

            // Warm-up (JIT, connection pool) on a few channels, discarded.
            var warm = new DigestService(store, new DiscardingOutbox(), clock, botOptions);
            foreach (var s in subscriptions.Take(200))
            {
                await warm.RunScheduledAsync(s.Workspace, s.Channel, now, ct);
            }

            // 1. Every channel's scheduled digest through DigestService.RunScheduledAsync (subscription, settings,
            //    digest query + count, DigestBuilder, ReplyJson), handed to an outbox that discards it.
            var discarding = new DiscardingOutbox();
            var digests = new DigestService(store, discarding, clock, botOptions);
            var gcBefore = GC.CollectionCount(0);
            var cpu = Cpu();
            var watch = Stopwatch.StartNew();
            subscriptions = await store.ListSubscriptionsAsync(ct);
            foreach (var s in subscriptions)
            {
                await digests.RunScheduledAsync(s.Workspace, s.Channel, now, ct);
            }

            var buildTime = watch.Elapsed;
            var buildCpu = Cpu() - cpu;
            Console.WriteLine($"digests built: {discarding.Messages} of {subscriptions.Count} channels, {discarding.Lines} promise lines, {discarding.Overflowing} with an overflow line, {discarding.Bytes / Math.Max(1, discarding.Messages) / 1024.0:F1} KB of JSON each on average");
            Console.WriteLine($"digests build time (all channels, excluding the outbox insert): {buildTime.TotalSeconds:F2} s ({buildTime.TotalMilliseconds / subscriptions.Count:F3} ms per channel, CPU {buildCpu.TotalSeconds:F2} s, gen0 GCs {GC.CollectionCount(0) - gcBefore})");

            // 1b. The same with each line's risk worked out (RiskService: the categories' 90 days, absences; the owners'
            //     open promises only where a capacity is set, which this database has not).
            var risk = new PromiseBot.Core.Risk.RiskService(new PromiseBot.Storage.Reports.SqlReportStore(database), new PromiseBot.Storage.Risk.SqlAwayStore(database, writer), store);
            var risky = new DigestService(store, new DiscardingOutbox(), clock, botOptions, risk: risk);
            cpu = Cpu();
            watch.Restart();
            foreach (var s in subscriptions)
            {
                await risky.RunScheduledAsync(s.Workspace, s.Channel, now, ct);
            }

            Console.WriteLine($"digests build time with risk (all channels, excluding the outbox insert): {watch.Elapsed.TotalSeconds:F2} s (CPU {(Cpu() - cpu).TotalSeconds:F2} s)");

            // 2. The same with the real outbox: each digest is one committed outbox row.
            digests = new DigestService(store, outbox, clock, botOptions);
            cpu = Cpu();
            watch.Restart();
            var queued = 0;
            foreach (var s in subscriptions)
            {
                queued += await digests.RunScheduledAsync(s.Workspace, s.Channel, now, ct) == DigestOutcome.Queued ? 1 : 0;
            }

            var queueTime = watch.Elapsed;
            Console.WriteLine($"digests queued: {queued}");
            Console.WriteLine($"digests build + queue time (all channels, including the outbox insert): {queueTime.TotalSeconds:F2} s (CPU {(Cpu() - cpu).TotalSeconds:F2} s)");

            // 3. The escalation scan. The query alone, then one whole scan (plan each promise, record its step and
            //    queue its DMs in one transaction per batch of 500).
            var times = new List<double>();
            var dueNow = 0;
            for (var i = 0; i < 5; i++)
            {
                watch.Restart();
                dueNow = (await store.GetDueEscalationsAsync(now, EscalationService.BatchSize, ct)).Count;
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"escalation query: {dueNow} promises due, {times[0]:F2} ms first, {times.Min():F2} ms best of 5");
            var calendars = new PromiseBot.Storage.Calendars.SqlCalendarStore(database, writer);
            var slas = new PromiseBot.Core.Sla.SlaService(new PromiseBot.Storage.Sla.SqlSlaTargetStore(database, writer), calendars, store);
            var escalations = new EscalationService(store, new KnownZones(), clock, botOptions, calendars, slas);
            watch.Restart();
            var fired = await escalations.ScanAsync(ct);
            var scanTime = watch.Elapsed;
            Console.WriteLine($"escalation scan (steady state, the last minute's moments): {scanTime.TotalMilliseconds:F1} ms, {fired} steps fired");

            clock.Now = Now.AddMinutes(1);
            watch.Restart();
            fired = await escalations.ScanAsync(ct);
            Console.WriteLine($"escalation scan (next minute): {watch.Elapsed.TotalMilliseconds:F1} ms, {fired} steps fired");

            // After an hour of downtime one scan fires at most 20 batches of 500; the rest goes in the next scans.
            clock.Now = Now.AddHours(1).AddMinutes(1);
            watch.Restart();
            fired = await escalations.ScanAsync(ct);
            Console.WriteLine($"escalation scan (catch-up after 1 h down): {watch.Elapsed.TotalMilliseconds:F1} ms, {fired} steps fired");

            using (var c = database.Open())
            {
                Console.WriteLine($"outbox rows queued: {c.ExecuteScalar<long>("SELECT COUNT(*) FROM outbox")}");
            }

            var rss = Rss("VmHWM");
            Console.WriteLine($"peak RSS (VmHWM): {rss} MB");
            Console.WriteLine($"targets: digests < 5 s {(buildTime.TotalSeconds < 5 ? "met" : "MISSED")}, scan < 200 ms {(scanTime.TotalMilliseconds < 200 ? "met" : "MISSED")}, RSS < 500 MB {(rss < 500 ? "met" : "MISSED")}");
            return failed ? 1 : 0;
        }

        /// <summary>
        /// A holiday added to the default calendar of the first workspace, then every open promise counted on it
        /// recounted by SlaRecounter through SqlSlaPromiseStore, as <c>calendar holiday add</c> does.
        /// </summary>
        public static async Task<int> RecountAsync(string path, string change)
        {
            var dry = change == "dry";
            var clock = new FixedTime(Now);
            var options = new SqliteOptions { ConnectionString = $"Data Source={path}" };
            var database = new SqliteDatabase(options);
            Migrator.Apply(database, clock);
            await using var writer = new SqliteWriter(database, options);
            var calendars = new PromiseBot.Storage.Calendars.SqlCalendarStore(database, writer);
            var targets = new PromiseBot.Storage.Sla.SqlSlaTargetStore(database, writer);
            var recounter = new PromiseBot.Core.Sla.SlaRecounter(new PromiseBot.Storage.Sla.SqlSlaPromiseStore(writer), targets, calendars);
            var workspace = new WorkspaceId(Workspace(0));
            var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
            var ct = CancellationToken.None;
            long InScope()
            {
                using var c = database.Open();
                return c.ExecuteScalar<long>("SELECT COUNT(*) FROM promises WHERE workspace = @W AND sla_calendar = 'default' AND status IN (0, 1)", new { W = workspace.Value });
            }

            Console.WriteLine($"open promises on the calendar: {InScope()}");
            using (var c = database.Open())
            {
                var scope = typeof(PromiseBot.Storage.Sla.SqlSlaPromiseStore).GetField("OfCalendarSql", BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
                PrintPlan(c, "recount page", (string)scope, new { Workspace = workspace.Value, Name = "default", After = 0, Limit = 1000 }, "ix_promises_sla_calendar");
            }

            var calendar = (await calendars.GetAsync(workspace, null, zone, ct))!;
            var what = change == "hours" ? "hours Mon–Fri 08:00–16:00" : "Thanksgiving is a holiday";
            if (change == "hours")
            {
                var early = calendar.Week.With([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
                    [new PromiseBot.Core.Dates.BusinessInterval(new LocalTime(8, 0), new LocalTime(16, 0))]);
                await calendars.SaveAsync(workspace, new PromiseBot.Core.Calendars.BusinessCalendar(calendar.Name, calendar.Zone, early, calendar.Holidays), ct);
            }
            else
            {
                await calendars.SetHolidayAsync(workspace, calendar, new LocalDate(2026, 11, 26), "Thanksgiving", ct);
            }

            var cpu = Cpu();
            var watch = Stopwatch.StartNew();
            if (dry)
            {
                var cal = (await calendars.GetAsync(workspace, null, zone, ct))!;
                var byName = new Dictionary<string, PromiseBot.Core.Calendars.BusinessCalendar> { ["default"] = cal };
                var would = 0;
                long inCompute = 0;
                await new PromiseBot.Storage.Sla.SqlSlaPromiseStore(writer).RecountAsync(workspace, PromiseBot.Core.Sla.SlaScope.OfCalendar("default"), (p, pauses) =>
                {
                    var t0 = Stopwatch.GetTimestamp();
                    would += PromiseBot.Core.Sla.SlaRecounter.Recount(p, pauses, new Dictionary<string, PromiseBot.Core.Sla.SlaTarget>(), byName) is null ? 0 : 1;
                    inCompute += Stopwatch.GetTimestamp() - t0;
                    return null;
                }, new PromiseEvent(PromiseEventKind.Recounted, new UserId("U"), Instant.FromDateTimeOffset(Now), null, null, null), ct);
                Console.WriteLine($"dry recount (read + count, no writes): {watch.Elapsed.TotalSeconds:F2} s (CPU {(Cpu() - cpu).TotalSeconds:F2} s), {would} would be written, {Stopwatch.GetElapsedTime(0, inCompute).TotalSeconds:F2} s in Recount");
                return 0;
            }

            var moved = await recounter.RecountAsync(
                workspace, PromiseBot.Core.Sla.SlaScope.OfCalendar("default"), zone,
                new PromiseEvent(PromiseEventKind.Recounted, new UserId("U-BENCH"), Instant.FromDateTimeOffset(Now), null, null, what), ct);
            var elapsed = watch.Elapsed;
            var rss = Rss("VmHWM");
            Console.WriteLine($"recount after a calendar change ({what}): {elapsed.TotalSeconds:F2} s (CPU {(Cpu() - cpu).TotalSeconds:F2} s), {moved} dues moved, each with a history line");
            Console.WriteLine($"recount peak RSS (VmHWM): {rss} MB");
            Console.WriteLine($"targets: recount < 10 s {(elapsed.TotalSeconds < 10 ? "met" : "MISSED")}, RSS < 400 MB {(rss < 400 ? "met" : "MISSED")}");
            return 0;
        }

        /// <summary>Where a digest's time goes: each step of the digest path on its own, for every channel.</summary>
        public static async Task<int> ProfileAsync(string path)
        {
            var options = new SqliteOptions { ConnectionString = $"Data Source={path}" };
            var database = new SqliteDatabase(options);
            await using var writer = new SqliteWriter(database, options);
            using var store = new SqlScheduleStore(database, writer, new OutboxSignal());
            var ct = CancellationToken.None;
            var now = Instant.FromDateTimeOffset(Now);
            var subscriptions = await store.ListSubscriptionsAsync(ct);
            for (var round = 0; round < 2; round++)
            {
                var watch = Stopwatch.StartNew();
                var cpuAt = Cpu();
                foreach (var s in subscriptions)
                {
                    await using var c = await database.OpenAsync(ct);
                }

                Console.WriteLine($"profile open: {watch.Elapsed.TotalMilliseconds:F0} ms wall, {(Cpu() - cpuAt).TotalMilliseconds:F0} ms CPU");
                watch.Restart();
                cpuAt = Cpu();
                foreach (var s in subscriptions)
                {
                    await store.GetSubscriptionAsync(s.Workspace, s.Channel, ct);
                }

                Console.WriteLine($"profile subscription: {watch.Elapsed.TotalMilliseconds:F0} ms wall, {(Cpu() - cpuAt).TotalMilliseconds:F0} ms CPU");
                watch.Restart();
                cpuAt = Cpu();
                foreach (var s in subscriptions)
                {
                    await store.GetSettingsAsync(s.Workspace, ct);
                }

                Console.WriteLine($"profile settings: {watch.Elapsed.TotalMilliseconds:F0} ms wall, {(Cpu() - cpuAt).TotalMilliseconds:F0} ms CPU");
                watch.Restart();
                cpuAt = Cpu();
                var data = new List<DigestData>();
                foreach (var s in subscriptions)
                {
                    data.Add(await store.GetDigestAsync(s.Workspace, s.Channel, now, DigestBuilder.Window, DigestBuilder.MaxLines, ct));
                }

                Console.WriteLine($"profile digest query: {watch.Elapsed.TotalMilliseconds:F0} ms wall, {(Cpu() - cpuAt).TotalMilliseconds:F0} ms CPU");
                var digestSql = StoreSql("DigestSqlFormat", SqlDialect.Sqlite.IndexedBy("ix_promises_channel"));
                var countSql = StoreSql("DigestCountSql");
                var end = (now + DigestBuilder.Window).ToUnixTimeMilliseconds();
                await using (var held = await database.OpenAsync(ct))
                {
                    watch.Restart();
                    cpuAt = Cpu();
                    foreach (var s in subscriptions)
                    {
                        held.Query(digestSql, new { Workspace = s.Workspace.Value, Channel = s.Channel, End = end, Limit = 40 }).AsList();
                    }

                    Console.WriteLine($"profile rows dapper sync held: {watch.Elapsed.TotalMilliseconds:F0} ms wall, {(Cpu() - cpuAt).TotalMilliseconds:F0} ms CPU");
                    watch.Restart();
                    cpuAt = Cpu();
                    foreach (var s in subscriptions)
                    {
                        held.QuerySingle<(long, long)>(countSql, new { Workspace = s.Workspace.Value, Channel = s.Channel, End = end, Now = now.ToUnixTimeMilliseconds() });
                    }

                    Console.WriteLine($"profile count dapper sync held: {watch.Elapsed.TotalMilliseconds:F0} ms wall, {(Cpu() - cpuAt).TotalMilliseconds:F0} ms CPU");
                    using var cmd = held.CreateCommand();
                    cmd.CommandText = digestSql;
                    cmd.Parameters.Add(new SqliteParameter("@Workspace", ""));
                    cmd.Parameters.Add(new SqliteParameter("@Channel", ""));
                    cmd.Parameters.Add(new SqliteParameter("@End", end));
                    cmd.Parameters.Add(new SqliteParameter("@Limit", 40));
                    cmd.Prepare();
                    watch.Restart();
                    cpuAt = Cpu();
                    long sum = 0;
                    foreach (var s in subscriptions)
                    {
                        cmd.Parameters[0].Value = s.Workspace.Value;
                        cmd.Parameters[1].Value = s.Channel;
                        using var reader = cmd.ExecuteReader();
                        while (reader.Read())
                        {
                            for (var i = 0; i < reader.FieldCount; i++)
                            {
                                sum += reader.GetValue(i) is string text ? text.Length : 1;
                            }
                        }
                    }

                    Console.WriteLine($"profile rows raw prepared, every column read: {watch.Elapsed.TotalMilliseconds:F0} ms wall, {(Cpu() - cpuAt).TotalMilliseconds:F0} ms CPU");
                }

                watch.Restart();
                cpuAt = Cpu();
                var replies = new List<Reply>();
                var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
                foreach (var d in data)
                {
                    replies.Add(DigestBuilder.Build(d, zone, now, false, "/promise", Duration.FromHours(4))!);
                }

                Console.WriteLine($"profile build: {watch.Elapsed.TotalMilliseconds:F0} ms wall, {(Cpu() - cpuAt).TotalMilliseconds:F0} ms CPU");
                watch.Restart();
                cpuAt = Cpu();
                foreach (var r in replies)
                {
                    ReplyJson.Serialize(r);
                }

                Console.WriteLine($"profile serialize: {watch.Elapsed.TotalMilliseconds:F0} ms wall, {(Cpu() - cpuAt).TotalMilliseconds:F0} ms CPU");
            }

            return 0;
        }

        private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

        private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            command.Prepare();
            return command;
        }

        // The store's own SQL, so the plan printed is the plan of the statement that runs.
        private static string StoreSql(string name, string? indexedBy = null)
        {
            var sql = (string)typeof(SqlScheduleStore).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
            return indexedBy is null ? sql : string.Format(CultureInfo.InvariantCulture, sql, indexedBy);
        }

        private static bool PrintPlan(SqliteConnection connection, string label, string sql, object parameters, string index)
        {
            var plan = connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters).ToList();
            foreach (var row in plan)
            {
                Console.WriteLine($"plan {label}: {row.Detail}");
            }

            var uses = plan.Any(r => r.Detail.Contains(index, StringComparison.Ordinal));
            if (!uses)
            {
                Console.WriteLine($"plan {label}: DOES NOT USE {index}");
            }

            return uses;
        }

        private static string Workspace(int w) => "T" + w.ToString("D5", CultureInfo.InvariantCulture);

        private static string Channel(int w, int c) => "C" + w.ToString("D5", CultureInfo.InvariantCulture) + c.ToString("D3", CultureInfo.InvariantCulture);

        private static string User(int w, int u) => "U" + w.ToString("D5", CultureInfo.InvariantCulture) + u.ToString("D3", CultureInfo.InvariantCulture);

        private static long Rss(string field)
        {
            var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
    }

    internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Recipients' zones answered at once, like the host's warm users.info cache.</summary>
    internal sealed class KnownZones : IUserTimeZones
    {
        public Task<string?> GetTimeZoneAsync(ChatPlatform platform, WorkspaceId workspace, UserId user, CancellationToken cancellationToken) =>
            Task.FromResult<string?>("America/New_York");
    }

    /// <summary>An outbox that only serialises each message (as the real insert would) and counts it.</summary>
    internal sealed class DiscardingOutbox : IOutbox
    {
        public int Messages { get; private set; }

        public int Lines { get; private set; }

        public int Overflowing { get; private set; }

        public long Bytes { get; private set; }

        public Task<int> EnqueueAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken)
        {
            foreach (var message in messages)
            {
                Bytes += ReplyJson.Serialize(message.Message).Length;
                Messages++;
                Lines += message.Message.Blocks.Count(b => b is PromiseLineBlock);
                Overflowing += message.Message.Blocks.Any(b => b is ContextBlock c && c.Runs.Any(r => r is PlainRun p && p.Text.StartsWith('…'))) ? 1 : 0;
            }

            return Task.FromResult(messages.Count);
        }
    }
}
