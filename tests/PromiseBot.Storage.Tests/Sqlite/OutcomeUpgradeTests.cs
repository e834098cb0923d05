using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using PromiseBot.Testing;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Sqlite;

/// <summary>
/// Migration 0016 on a database an older release left at version 14: 0015's SQL guesses the outcome of promises
/// closed before outcomes existed from their last due, and the migrator's C# step after 0016 sets every one again
/// from its event log with Core's OutcomeRules, in the same transaction, auditing each correction.
/// </summary>
public sealed class OutcomeUpgradeTests : IDisposable
{
    private const long Hour = 3_600_000;

    private readonly TempDatabase _temp = new();
    private readonly FakeTimeProvider _clock = new(Now.ToDateTimeOffset());

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Upgrade_FromVersion14_JudgesEachClosedPromiseByItsHistory_AndCountsBusinessLatenessOnItsCalendar()
    {
        var database = new SqliteDatabase(new SqliteOptions { ConnectionString = _temp.ConnectionString });
        Assert.Equal(14, Migrator.Apply(database, _clock, upTo: 14).Max());
        var made = Now.ToUnixTimeMilliseconds(); // Mon 23 Nov 2026 15:00 UTC
        var friday4pm = Instant.FromUtc(2026, 11, 27, 16, 0).ToUnixTimeMilliseconds();
        var monday10am = Instant.FromUtc(2026, 11, 30, 10, 0).ToUnixTimeMilliseconds();
        using (var c = new SqliteConnection(_temp.ConnectionString))
        {
            const string Insert = """
                INSERT INTO promises (workspace, number, title, owner, due_at, made_by, made_at, channel, status, done_at, version,
                                      sla_calendar, sla_start, sla_amount, sla_unit)
                VALUES ('T-ACME', @Number, 'p', 'U1', @Due, 'U1', @Made, 'C1', @Status, @Done, @Version, @Calendar, @Start, @Amount, @Unit)
                """;
            const string Event = """
                INSERT INTO promise_events (workspace, promise_id, kind, actor, at, old_value, new_value, note)
                VALUES ('T-ACME', (SELECT id FROM promises WHERE workspace = 'T-ACME' AND number = @Number), @Kind, 'U1', @At, @Old, @New, NULL)
                """;
            // #1: extended an hour AFTER its deadline had passed, then done before the new due. 0015 says kept; its history says late.
            c.Execute(Insert, new { Number = 1, Due = friday4pm + 5 * Hour, Made = made, Status = 2, Done = friday4pm + 2 * Hour, Version = 3, Calendar = (string?)null, Start = (long?)null, Amount = (int?)null, Unit = (int?)null });
            c.Execute(Event, new { Number = 1, Kind = "Created", At = made, Old = (string?)null, New = (string?)null });
            c.Execute(Event, new { Number = 1, Kind = "Extended", At = friday4pm + Hour, Old = "2026-11-27T16:00:00Z", New = "2026-11-27T21:00:00Z" });
            c.Execute(Event, new { Number = 1, Kind = "Completed", At = friday4pm + 2 * Hour, Old = "open", New = "done (late)" });
            // #2: counted in business time on the default calendar (Mon–Fri 09:00–17:00, UTC here), done Monday 10:00
            // for Friday 16:00: 2 business hours late, not 0015's 66 wall-clock hours.
            c.Execute(Insert, new { Number = 2, Due = friday4pm, Made = made, Status = 2, Done = monday10am, Version = 2, Calendar = "default", Start = made, Amount = 26, Unit = 1 });
            c.Execute(Event, new { Number = 2, Kind = "Created", At = made, Old = (string?)null, New = (string?)null });
            c.Execute(Event, new { Number = 2, Kind = "Completed", At = monday10am, Old = "open", New = "done (late)" });
            // #3: kept on time; 0015 already has it right, so the step leaves it (and its history) alone.
            c.Execute(Insert, new { Number = 3, Due = friday4pm, Made = made, Status = 2, Done = made + Hour, Version = 2, Calendar = (string?)null, Start = (long?)null, Amount = (int?)null, Unit = (int?)null });
            c.Execute(Event, new { Number = 3, Kind = "Created", At = made, Old = (string?)null, New = (string?)null });
            c.Execute(Event, new { Number = 3, Kind = "Completed", At = made + Hour, Old = "open", New = "done (on time)" });
        }

        var applied = Migrator.Apply(database, _clock);

        Assert.Contains(15, applied);
        Assert.Contains(16, applied);
        using var check = new SqliteConnection(_temp.ConnectionString);
        var rows = check.Query<(long Number, long? Outcome, long? LateFrom, long? LateMs, long? BreachedDue, long Version)>(
            "SELECT number, outcome, late_from, late_ms, breached_due, version FROM promises WHERE workspace = 'T-ACME' ORDER BY number").ToList();
        Assert.Equal((1L, (long?)2, (long?)friday4pm, (long?)(2 * Hour), (long?)friday4pm, 4L), rows[0]);
        Assert.Equal((2L, (long?)2, (long?)friday4pm, (long?)(2 * Hour), (long?)null, 3L), rows[1]);
        Assert.Equal((3L, (long?)0, (long?)null, (long?)null, (long?)null, 2L), rows[2]);
        var audit = check.Query<(long Number, string Old, string New)>("""
            SELECT p.number, e.old_value, e.new_value FROM promise_events e JOIN promises p ON p.id = e.promise_id
            WHERE e.kind = 'OutcomeRecomputed' ORDER BY p.number
            """).ToList();
        Assert.Equal([(1L, "kept", "late"), (2L, "late", "late")], audit);
    }
}
