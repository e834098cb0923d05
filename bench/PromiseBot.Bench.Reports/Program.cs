// Report and export benchmark (issue 16). Two commands, run as two processes so the measured process's peak RSS
// covers only the reports, the charts and the export (bench/report-bench.sh runs both):
//
//   generate <db> [promises=1000000] [events=5000000] [workspaces=100]   fresh SQLite file through the app's
//            migrations: promises made over the last two years with every outcome (kept, kept after renegotiation,
//            late, broken, withdrawn, open, open past due, paused), their history in promise_events, recovery notes
//            and customer feedback. Workspace T00000 holds a tenth of the promises (the export's ~50,000 rows).
//   measure  <db> [index]   query plans (non-zero exit on a full scan of promises or promise_events), weekly and
//            monthly reports through ReportService.BuildAsync on SqlReportStore, with and without the ScottPlot
//            charts, one warm chart render, a CSV export of T00000's last 365 days, the peak RSS. With "index": the
//            store's period queries timed as they are, then with the proposed indexes (bench file only) and the
//            workspace moved inside each range of the period condition, plans and times before and after.
//
// Only the clock is fixed. Figures are printed as "name: value (target …, met|MISSED)" lines.
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using PromiseBot.Bench.Reports;
using PromiseBot.Charts;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Core.Reports;
using PromiseBot.Core.UseCases;
using PromiseBot.Storage;
using PromiseBot.Storage.Reports;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing.Processors.Quantization;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

return args switch
{
    ["generate", var db, ..] => Bench.Generate(db, Arg(2, 1_000_000), Arg(3, 5_000_000), Arg(4, 100)),
    ["measure", var db] => await Bench.MeasureAsync(db, false),
    ["measure", var db, "index"] => await Bench.MeasureAsync(db, true),
    _ => Usage(),
};

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

static int Usage()
{
    Console.Error.WriteLine("usage: PromiseBot.Bench.Reports generate <db> [promises] [events] [workspaces] | measure <db> [index]");
    return 2;
}

namespace PromiseBot.Bench.Reports
{
    internal static partial class Bench
    {
        // Thursday 3 Dec 2026, 10:00 in New York: last week is Mon 23 – Sun 29 Nov, last month November.
        private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
        private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/New_York"];

        private const int UsersPerWorkspace = 40;
        private const int ChannelsPerWorkspace = 20;
        private const long Minute = 60_000;
        private const long Hour = 60 * Minute;
        private const long Day = 24 * Hour;
        private const int Runs = 10;

        private static readonly string[] Categories = ["web", "api", "billing", "mobile", "infra", "support", "design", "data"];
        private static readonly string[] ExtensionReasons = ["waiting on the supplier", "customer changed the scope", "took longer than planned", "staff out sick"];

        // Indexes that let the period condition seek its three ranges instead of reading the whole workspace
        // (proposed here first; migration 0025 now creates the same three and InPeriod has the rewritten form, so on
        // the current build "measure <db> index" compares the store's query with itself and only adds duplicates).
        private const string ProposedIndexes = """
            CREATE INDEX IF NOT EXISTS bench_ix_promises_closed ON promises (workspace, closed_at) WHERE closed_at IS NOT NULL;
            CREATE INDEX IF NOT EXISTS bench_ix_promises_due ON promises (workspace, due_at);
            CREATE INDEX IF NOT EXISTS bench_ix_promises_breached ON promises (workspace, breached_due) WHERE breached_due IS NOT NULL;
            """;

        public static int Generate(string path, int promises, int events, int workspaces)
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            var total = Stopwatch.StartNew();
            var database = new SqliteDatabase(new SqliteOptions { ConnectionString = $"Data Source={path}" });
            Migrator.Apply(database, new FixedTime(Now));
            var random = new Random(20261203);
            var now = Now.ToUnixTimeMilliseconds();
            // T00000 holds a tenth; the others share the rest evenly.
            var big = workspaces == 1 ? promises : promises / 10;
            var perOther = workspaces == 1 ? 0 : (promises - big) / (workspaces - 1);
            // Created and the close (or pause) are every promise's; the rest of the budget is spread as extensions,
            // pause/resume pairs, reassignments and backups.
            var extraPerPromise = Math.Max(0, (double)events / promises - 2);
            long id = 0, eventCount = 0, notes = 0, feedback = 0;

            using var connection = database.Open();
            connection.Execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -131072;");
            using (var transaction = connection.BeginTransaction())
            {
                using var insert = Prepare(connection, transaction, """
                    INSERT INTO promises (id, workspace, number, title, customer, owner, backup, category, due_at, made_by, made_at,
                                          channel, status, pause_reason, done_at, version, escalation_step, acked_step, paused_at,
                                          outcome, late_ms, late_from, closed_at, breached_due, renegotiated)
                    VALUES ($id, $workspace, $number, $title, $customer, $owner, $backup, $category, $due, $owner, $made,
                            $channel, $status, $pauseReason, $done, 1, 0, 0, $pausedAt,
                            $outcome, $lateMs, $lateFrom, $closed, $breached, $renegotiated)
                    """, "$id", "$workspace", "$number", "$title", "$customer", "$owner", "$backup", "$category", "$due", "$made",
                    "$channel", "$status", "$pauseReason", "$done", "$pausedAt", "$outcome", "$lateMs", "$lateFrom", "$closed", "$breached", "$renegotiated");
                using var insertEvent = Prepare(connection, transaction, """
                    INSERT INTO promise_events (workspace, promise_id, kind, actor, at, old_value, new_value, note)
                    VALUES ($workspace, $promise, $kind, $actor, $at, $old, $new, $note)
                    """, "$workspace", "$promise", "$kind", "$actor", "$at", "$old", "$new", "$note");
                using var insertNote = Prepare(connection, transaction, """
                    INSERT INTO recovery_notes (workspace, number, customer_told, apology_given, cause, cause_text, fix, prevention, written_by, written_at)
                    VALUES ($workspace, $number, $told, $apology, $cause, NULL, $fix, $prevention, $by, $at)
                    """, "$workspace", "$number", "$told", "$apology", "$cause", "$fix", "$prevention", "$by", "$at");
                using var insertFeedback = Prepare(connection, transaction, """
                    INSERT INTO customer_feedback (workspace, promise_id, score, comment, recorded_by, recorded_at)
                    VALUES ($workspace, $promise, $score, $comment, $by, $at)
                    """, "$workspace", "$promise", "$score", "$comment", "$by", "$at");
                using var counter = Prepare(connection, transaction,
                    "INSERT INTO workspace_counters (workspace, next_number) VALUES ($workspace, $next)", "$workspace", "$next");
                var causes = Enum.GetValues<RecoveryCause>();
                var pauses = Enum.GetValues<PauseReason>();
                var p = insert.Parameters;
                var ev = insertEvent.Parameters;

                void Event(string workspace, long promise, PromiseEventKind kind, string actor, long at, object? old, object? @new, object? note)
                {
                    ev[0].Value = workspace;
                    ev[1].Value = promise;
                    ev[2].Value = kind.ToString();
                    ev[3].Value = actor;
                    ev[4].Value = at;
                    ev[5].Value = old ?? DBNull.Value;
                    ev[6].Value = @new ?? DBNull.Value;
                    ev[7].Value = note ?? DBNull.Value;
                    insertEvent.ExecuteNonQuery();
                    eventCount++;
                }

                for (var w = 0; w < workspaces; w++)
                {
                    var workspace = Workspace(w);
                    var count = w == 0 ? big : perOther;
                    for (var n = 1; n <= count; n++)
                    {
                        id++;
                        var owner = User(w, random.Next(UsersPerWorkspace));
                        var roll = random.Next(100);
                        // 55 kept, 10 kept after renegotiation, 15 late, 7 broken, 5 withdrawn, 5 open, 3 paused.
                        var kind = roll < 55 ? 0 : roll < 65 ? 1 : roll < 80 ? 2 : roll < 87 ? 3 : roll < 92 ? 4 : roll < 97 ? 5 : 6;
                        var open = kind >= 5;
                        // Closed ones made over the last two years (closed by now); open ones in the last three weeks.
                        var made = open ? now - (long)(random.NextDouble() * 21 * Day) : now - 25 * Day - (long)(random.NextDouble() * 705 * Day);
                        var firstDue = made + Hour + (long)(random.NextDouble() * 14 * Day);
                        var due = kind == 1 ? firstDue + random.Next(1, 6) * Day : firstDue;
                        long? closed = null, done = null, lateFrom = null, lateMs = null, breached = null, pausedAt = null;
                        int? outcome = null, pauseReason = null;
                        var status = 0;
                        switch (kind)
                        {
                            case 0:
                            case 1:
                                done = closed = made + (long)(random.NextDouble() * (due - made));
                                (status, outcome) = (2, kind);
                                break;
                            case 2:
                                done = closed = due + Hour + (long)(random.NextDouble() * 5 * Day);
                                (status, outcome, lateFrom, lateMs, breached) = (2, 2, due, closed - due, due);
                                break;
                            case 3:
                                closed = due + (long)(random.NextDouble() * 3 * Day);
                                (status, outcome, lateFrom, lateMs, breached) = (3, 3, due, closed - due, due);
                                break;
                            case 4:
                                closed = made + (long)(random.NextDouble() * (due - made));
                                (status, outcome) = (3, 4);
                                break;
                            case 5:
                                breached = due < now ? due : null;
                                break;
                            default:
                                pausedAt = made + (long)(random.NextDouble() * Math.Max(Hour, Math.Min(now, due) - made));
                                pauseReason = random.Next(pauses.Length);
                                status = 1;
                                break;
                        }

                        var hasCustomer = random.Next(3) > 0;
                        p[0].Value = id;
                        p[1].Value = workspace;
                        p[2].Value = n;
                        p[3].Value = $"Send the signed quote for order {n}";
                        p[4].Value = hasCustomer ? $"Customer {random.Next(200)}" : DBNull.Value;
                        p[5].Value = owner;
                        p[6].Value = random.Next(10) < 3 ? User(w, random.Next(UsersPerWorkspace)) : DBNull.Value;
                        p[7].Value = random.Next(10) == 0 ? DBNull.Value : Categories[random.Next(Categories.Length)];
                        p[8].Value = due;
                        p[9].Value = made;
                        p[10].Value = Channel(w, random.Next(ChannelsPerWorkspace));
                        p[11].Value = status;
                        p[12].Value = (object?)pauseReason ?? DBNull.Value;
                        p[13].Value = (object?)done ?? DBNull.Value;
                        p[14].Value = (object?)pausedAt ?? DBNull.Value;
                        p[15].Value = (object?)outcome ?? DBNull.Value;
                        p[16].Value = (object?)lateMs ?? DBNull.Value;
                        p[17].Value = (object?)lateFrom ?? DBNull.Value;
                        p[18].Value = (object?)closed ?? DBNull.Value;
                        p[19].Value = (object?)breached ?? DBNull.Value;
                        p[20].Value = kind == 1 ? 1 : 0;
                        insert.ExecuteNonQuery();

                        // The history, in time order: created, the extras, then the renegotiation, the close or the pause.
                        Event(workspace, id, PromiseEventKind.Created, owner, made, null, PromiseTransitions.InstantText(Instant.FromUnixTimeMilliseconds(firstDue)), null);
                        var end = closed ?? pausedAt ?? now;
                        var extras = (int)extraPerPromise + (random.NextDouble() < extraPerPromise - (int)extraPerPromise ? 1 : 0);
                        var at = made;
                        var step = Math.Max(1, (end - made) / (extras + 2));
                        while (extras > 0)
                        {
                            at += step;
                            var pick = random.Next(4);
                            if (pick == 0 && extras >= 2)
                            {
                                Event(workspace, id, PromiseEventKind.Paused, owner, at, "open", PromiseTransitions.PauseText(pauses[random.Next(pauses.Length)]), null);
                                Event(workspace, id, PromiseEventKind.Resumed, owner, at + step / 2, "paused", "open", null);
                                extras -= 2;
                            }
                            else if (pick == 1)
                            {
                                Event(workspace, id, PromiseEventKind.Assigned, owner, at, owner, User(w, random.Next(UsersPerWorkspace)), null);
                                extras--;
                            }
                            else if (pick == 2)
                            {
                                Event(workspace, id, PromiseEventKind.BackupSet, owner, at, null, User(w, random.Next(UsersPerWorkspace)), null);
                                extras--;
                            }
                            else
                            {
                                // An extension with no reason and no move of the deadline in force (the columns hold it).
                                Event(workspace, id, PromiseEventKind.Extended, owner, at, null, null, random.Next(2) == 0 ? ExtensionReasons[random.Next(ExtensionReasons.Length)] : null);
                                extras--;
                            }
                        }

                        var dueText = PromiseTransitions.InstantText(Instant.FromUnixTimeMilliseconds(due));
                        switch (kind)
                        {
                            case 1:
                                Event(workspace, id, PromiseEventKind.Extended, owner, made + (firstDue - made) / 2,
                                    PromiseTransitions.InstantText(Instant.FromUnixTimeMilliseconds(firstDue)), dueText, ExtensionReasons[random.Next(ExtensionReasons.Length)]);
                                Event(workspace, id, PromiseEventKind.Completed, owner, closed!.Value, "open", "done", null);
                                break;
                            case 0:
                            case 2:
                                Event(workspace, id, PromiseEventKind.Completed, owner, closed!.Value, "open", "done", null);
                                break;
                            case 3:
                                Event(workspace, id, PromiseEventKind.Broken, owner, closed!.Value, "open", "broken", "we could not get the parts");
                                break;
                            case 4:
                                Event(workspace, id, PromiseEventKind.Cancelled, owner, closed!.Value, "open", "cancelled", "the customer no longer needs it");
                                break;
                            case 6:
                                Event(workspace, id, PromiseEventKind.Paused, owner, pausedAt!.Value, "open", PromiseTransitions.PauseText(pauses[pauseReason!.Value]), null);
                                break;
                            default:
                                break;
                        }

                        if (kind is 2 or 3 && random.Next(10) < 6)
                        {
                            var q = insertNote.Parameters;
                            q[0].Value = workspace;
                            q[1].Value = n;
                            q[2].Value = random.Next(3) switch { 0 => 0, 1 => 1, _ => DBNull.Value };
                            q[3].Value = random.Next(2);
                            q[4].Value = causes[random.Next(causes.Length)].ToString();
                            q[5].Value = "sent a partial delivery";
                            q[6].Value = random.Next(2) == 0 ? "order the parts a week earlier" : DBNull.Value;
                            q[7].Value = owner;
                            q[8].Value = closed!.Value + Hour;
                            insertNote.ExecuteNonQuery();
                            notes++;
                        }

                        if (closed is { } closedAt && hasCustomer && random.Next(5) == 0)
                        {
                            var f = insertFeedback.Parameters;
                            f[0].Value = workspace;
                            f[1].Value = id;
                            f[2].Value = kind switch { 0 or 1 => random.Next(3, 6), _ => random.Next(1, 4) };
                            f[3].Value = random.Next(3) == 0 ? "thanks for the update" : DBNull.Value;
                            f[4].Value = owner;
                            f[5].Value = closedAt + Day;
                            insertFeedback.ExecuteNonQuery();
                            feedback++;
                        }
                    }

                    counter.Parameters[0].Value = workspace;
                    counter.Parameters[1].Value = count + 1;
                    counter.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
            Console.WriteLine($"generated promises: {id} in {workspaces} workspaces ({big} in {Workspace(0)})");
            Console.WriteLine($"generated events: {eventCount}");
            Console.WriteLine($"generated recovery notes: {notes}, customer feedback: {feedback}");
            Console.WriteLine($"generate time: {total.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"database size: {new FileInfo(path).Length / 1048576.0:F0} MB");
            Console.WriteLine($"generate peak RSS: {Rss()} MB");
            return 0;
        }

        public static async Task<int> MeasureAsync(string path, bool withIndex)
        {
            var options = new SqliteOptions { ConnectionString = $"Data Source={path}" };
            var database = new SqliteDatabase(options);
            Migrator.Apply(database, new FixedTime(Now));
            var store = new SqlReportStore(database);
            var now = Instant.FromDateTimeOffset(Now);
            var ct = CancellationToken.None;
            var failed = false;
            var week = new ReportPeriod(ReportSpan.Week, new LocalDate(2026, 11, 23), new LocalDate(2026, 11, 29), Zone);
            var month = new ReportPeriod(ReportSpan.Month, new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30), Zone);
            var year = new ReportPeriod(ReportSpan.Range, new LocalDate(2025, 12, 3), new LocalDate(2026, 12, 2), Zone);

            if (withIndex)
            {
                return ProposeIndexes(database, week, month);
            }

            using (var c = database.Open())
            {

                var counts = c.QuerySingle<(long Promises, long Events)>("SELECT (SELECT COUNT(*) FROM promises), (SELECT COUNT(*) FROM promise_events)");
                Console.WriteLine($"promises: {counts.Promises}, events: {counts.Events}");
                var parameters = new DynamicParameters();
                parameters.Add("Workspace", Workspace(1));
                parameters.Add("Start", ReportHistory.ReadFrom(week).ToUnixTimeMilliseconds());
                parameters.Add("End", week.End.ToUnixTimeMilliseconds());
                parameters.Add("Before", week.End.ToUnixTimeMilliseconds());
                parameters.Add("Category", "web");
                for (var i = 0; i < ExportEvent.Kinds.Count; i++)
                {
                    parameters.Add("Kind" + i.ToString(CultureInfo.InvariantCulture), ExportEvent.Kinds[i].ToString());
                }

                var category = StoreSql("ByCategory");
                failed |= !PrintPlan(c, "report period", StoreSql("PeriodSql"), parameters);
                failed |= !PrintPlan(c, "report period #category", StoreSql("PeriodSql") + category, parameters);
                failed |= !PrintPlan(c, "report open due", StoreSql("OpenSql"), parameters);
                failed |= !PrintPlan(c, "export promises", StoreSql("ExportHead") + StoreSql("ExportTail"), parameters);
                failed |= !PrintPlan(c, "export promises #category", StoreSql("ExportHead") + category + StoreSql("ExportTail"), parameters);
                failed |= !PrintPlan(c, "export events", StoreSql("ExportEventsHead") + StoreSql("ExportEventsTail"), parameters);
            }

            var charts = new ScottPlotReportCharts();
            var plain = new ReportService(store);
            var drawn = new ReportService(store, null, charts);
            var filter = new ReportFilter();
            var results = new List<(string Name, double Ms, double Target, string Unit)>();

            async Task<double> Time(string name, double target, Func<Task<string>> run)
            {
                // Two warm-up runs (JIT, page cache, connection pool) discarded, then the median of Runs.
                await run();
                await run();
                var times = new double[Runs];
                var detail = "";
                for (var i = 0; i < Runs; i++)
                {
                    var watch = Stopwatch.StartNew();
                    detail = await run();
                    times[i] = watch.Elapsed.TotalMilliseconds;
                }

                Array.Sort(times);
                var median = times[Runs / 2];
                Console.WriteLine($"{name}: median {median:F1} ms, max {times[^1]:F1} ms over {Runs} (target < {target:F0} ms, {(median < target ? "met" : "MISSED")}){detail}");
                results.Add((name, median, target, "ms"));
                return median;
            }

            async Task<string> Report(ReportService service, string workspace, ReportPeriod period)
            {
                var reply = await service.BuildAsync(new WorkspaceId(workspace), period, filter, now, "/promise", ct);
                var files = reply.Blocks.OfType<PromiseBot.Core.Messages.FileBlock>().ToList();
                return $"; {reply.Blocks.Count} blocks, {files.Count} charts";
            }

            foreach (var (label, workspace) in new[] { ("", Workspace(1)), (" (big workspace)", Workspace(0)) })
            {
                using (var c = database.Open())
                {
                    var inWeek = c.ExecuteScalar<long>(
                        "SELECT COUNT(*) FROM promises WHERE workspace = @w AND ((closed_at >= @s AND closed_at < @e) OR (due_at >= @s AND due_at < @e) OR (breached_due >= @s AND breached_due < @e))",
                        new { w = workspace, s = week.Start.ToUnixTimeMilliseconds(), e = week.End.ToUnixTimeMilliseconds() });
                    var inMonth = c.ExecuteScalar<long>(
                        "SELECT COUNT(*) FROM promises WHERE workspace = @w AND ((closed_at >= @s AND closed_at < @e) OR (due_at >= @s AND due_at < @e) OR (breached_due >= @s AND breached_due < @e))",
                        new { w = workspace, s = month.Start.ToUnixTimeMilliseconds(), e = month.End.ToUnixTimeMilliseconds() });
                    var all = c.ExecuteScalar<long>("SELECT COUNT(*) FROM promises WHERE workspace = @w", new { w = workspace });
                    Console.WriteLine($"workspace {workspace}: {all} promises, {inWeek} in the week {week.Label}, {inMonth} in {month.Label}");
                }

                await Time($"weekly report, no charts{label}", 200, () => Report(plain, workspace, week));
                await Time($"weekly report with charts{label}", 200, () => Report(drawn, workspace, week));
                await Time($"monthly report, no charts{label}", 500, () => Report(plain, workspace, month));
                await Time($"monthly report with charts{label}", 500, () => Report(drawn, workspace, month));
            }

            // One chart, warm: the weekly trend of workspace T00001's real figures.
            var entries = await store.ListPeriodAsync(new WorkspaceId(Workspace(1)), ReportHistory.ReadFrom(week), week.End, filter, ct);
            var points = ReportHistory.TrendPeriods(week).Select(t => ReportHistory.Point(FulfilmentCalculator.Calculate(t, entries, [], now))).ToList();
            var bars = FulfilmentCalculator.Calculate(week, entries, [], now).ByCategory
                .Where(g => g.Tally.Judged > 0).Take(ReportService.ChartBars).Select(g => new OutcomeBar("#" + g.Key, g.Tally.OnTime, g.Tally.Late, g.Tally.Broken)).ToList();
            await Time("one chart render, trend (warm)", 150, () =>
            {
                var file = charts.Trend("On time, week by week", "trend.png", points);
                return Task.FromResult($"; {file.Content.Length / 1024.0:F1} KB");
            });
            await Time("one chart render, outcomes (warm)", 150, () =>
            {
                var file = charts.Outcomes("Outcomes by category", "outcomes.png", bars);
                return Task.FromResult($"; {file.Content.Length / 1024.0:F1} KB");
            });

            // Where a chart's time goes: the palette re-encode PalettePng does (decode, quantize, encode) repeated on
            // the chart's own PNG with PalettePng's settings (octree), then with Wu's quantizer at the best compression
            // (the settings before a754a94). An approximation of that step (its real input is ScottPlot's RGBA PNG).
            var chartPng = charts.Trend("On time, week by week", "trend.png", points).Content;
            foreach (var (label, quantizer, level, rowFilter) in new (string, IQuantizer, PngCompressionLevel, PngFilterMethod?)[]
            {
                ("octree, PalettePng's settings", new OctreeQuantizer(new QuantizerOptions { MaxColors = 256, Dither = null }), PngCompressionLevel.DefaultCompression, PngFilterMethod.None),
                ("Wu, best compression", new WuQuantizer(new QuantizerOptions { MaxColors = 256, Dither = null }), PngCompressionLevel.BestCompression, null),
            })
            {
                var encoder = new PngEncoder
                {
                    ColorType = PngColorType.Palette,
                    BitDepth = PngBitDepth.Bit8,
                    CompressionLevel = level,
                    Quantizer = quantizer,
                    ChunkFilter = PngChunkFilter.ExcludeAll,
                    FilterMethod = rowFilter,
                };
                var times = new double[Runs];
                var size = 0;
                for (var i = -2; i < Runs; i++)
                {
                    var watch = Stopwatch.StartNew();
                    using var image = Image.Load<Rgba32>(chartPng);
                    using var output = new MemoryStream();
                    image.SaveAsPng(output, encoder);
                    size = (int)output.Length;
                    if (i >= 0)
                    {
                        times[i] = watch.Elapsed.TotalMilliseconds;
                    }
                }

                Array.Sort(times);
                Console.WriteLine($"chart palette re-encode alone, {label} (approximation): median {times[Runs / 2]:F1} ms; {size / 1024.0:F1} KB");
            }

            // The export of T00000's last 365 days: the two queries and the CSV, as ExportService does it.
            await Time("CSV export", 1000, async () =>
            {
                var rows = await store.ListExportAsync(new WorkspaceId(Workspace(0)), year.Start, year.End, filter, ct);
                var csv = PromiseCsv.Write(rows, Zone, now);
                return $"; {rows.Count} rows, {rows.Sum(r => r.Events.Count)} events, {csv.Length / 1048576.0:F1} MB CSV";
            });

            var rss = Rss();
            Console.WriteLine($"peak RSS (VmHWM): {rss} MB (target < 300 MB, {(rss < 300 ? "met" : "MISSED")})");
            var missed = results.Count(r => r.Ms >= r.Target) + (rss < 300 ? 0 : 1);
            Console.WriteLine($"targets: {results.Count + 1 - missed} of {results.Count + 1} met");
            if (failed)
            {
                Console.WriteLine("FAILED: a report or export query plan scans promises or promise_events in full (see the plan lines above)");
                return 1;
            }

            return 0;
        }

        // The period's three ranges with the workspace inside each, so SQLite can seek each range in its own index
        // (a MULTI-INDEX OR) instead of reading the whole workspace. Proposed for SqlReportStore.InPeriod, which now has it.
        private const string InPeriodRewritten = """
            ((p.workspace = @Workspace AND p.closed_at >= @Start AND p.closed_at < @End)
              OR (p.workspace = @Workspace AND p.due_at >= @Start AND p.due_at < @End)
              OR (p.workspace = @Workspace AND p.breached_due >= @Start AND p.breached_due < @End))
            """;

        /// <summary>
        /// The store's queries as they are, then with <see cref="ProposedIndexes"/> created in the bench database and
        /// <see cref="InPeriodRewritten"/> in place of the store's period condition: plans and times before and after,
        /// on the weekly and monthly reads of the big workspace. Touches only the bench file.
        /// </summary>
        private static int ProposeIndexes(SqliteDatabase database, ReportPeriod week, ReportPeriod month)
        {
            var inPeriod = StoreSql("InPeriod");
            var queries = new (string Label, string Sql)[]
            {
                ("report period", StoreSql("PeriodSql")),
                ("export promises", StoreSql("ExportHead") + StoreSql("ExportTail")),
                ("export events", StoreSql("ExportEventsHead") + StoreSql("ExportEventsTail")),
            };
            using var c = database.Open();
            foreach (var (stage, rewrite) in new[] { ("before", false), ("after", true) })
            {
                if (rewrite)
                {
                    var watch = Stopwatch.StartNew();
                    c.Execute(ProposedIndexes);
                    Console.WriteLine($"proposed indexes created in the bench database: {watch.Elapsed.TotalSeconds:F1} s");
                }

                foreach (var (label, storeSql) in queries)
                {
                    var sql = rewrite ? storeSql.Replace(inPeriod, InPeriodRewritten, StringComparison.Ordinal) : storeSql;
                    foreach (var (name, period) in new[] { ("weekly read", week), ("monthly read", month) })
                    {
                        var parameters = new DynamicParameters();
                        parameters.Add("Workspace", Workspace(0));
                        var start = label == "report period" ? ReportHistory.ReadFrom(period) : period.Start;
                        parameters.Add("Start", start.ToUnixTimeMilliseconds());
                        parameters.Add("End", period.End.ToUnixTimeMilliseconds());
                        for (var i = 0; i < ExportEvent.Kinds.Count; i++)
                        {
                            parameters.Add("Kind" + i.ToString(CultureInfo.InvariantCulture), ExportEvent.Kinds[i].ToString());
                        }

                        if (name == "weekly read")
                        {
                            PrintPlan(c, $"{stage} {label}", sql, parameters);
                        }

                        var rows = c.Query(sql, parameters).Count();
                        var times = new double[5];
                        for (var i = 0; i < times.Length; i++)
                        {
                            var watch = Stopwatch.StartNew();
                            c.Query(sql, parameters).AsList();
                            times[i] = watch.Elapsed.TotalMilliseconds;
                        }

                        Array.Sort(times);
                        Console.WriteLine($"{stage} {label}, {name} of {Workspace(0)}: median {times[2]:F1} ms, {rows} rows");
                    }
                }
            }

            return 0;
        }

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
        private static string StoreSql(string name) =>
            (string)typeof(SqlReportStore).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;

        // False when the plan reads promises or promise_events in full: a SCAN of the table (or of an alias of it),
        // with or without a covering index. A SCAN of a co-routine or materialised subquery is not one.
        private static bool PrintPlan(SqliteConnection connection, string label, string sql, object parameters)
        {
            var plan = connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters).ToList();
            var derived = plan.Select(r => DerivedName().Match(r.Detail)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
            var ok = true;
            foreach (var row in plan)
            {
                var scan = ScanName().Match(row.Detail);
                var full = scan.Success && !derived.Contains(scan.Groups[1].Value)
                    && scan.Groups[1].Value is "promises" or "promise_events" or "p" or "e";
                Console.WriteLine($"plan {label}: {row.Detail}{(full ? "   <-- FULL SCAN" : "")}");
                ok &= !full;
            }

            return ok;
        }

        [GeneratedRegex(@"^SCAN (\w+)")]
        private static partial Regex ScanName();

        [GeneratedRegex(@"^(?:CO-ROUTINE|MATERIALIZE) (\w+)")]
        private static partial Regex DerivedName();

        private static string Workspace(int w) => "T" + w.ToString("D5", CultureInfo.InvariantCulture);

        private static string Channel(int w, int c) => "C" + w.ToString("D5", CultureInfo.InvariantCulture) + c.ToString("D3", CultureInfo.InvariantCulture);

        private static string User(int w, int u) => "U" + w.ToString("D5", CultureInfo.InvariantCulture) + u.ToString("D3", CultureInfo.InvariantCulture);

        private static long Rss()
        {
            var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
    }

    internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
