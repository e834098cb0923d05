using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Testing;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Sqlite;

/// <summary>
/// Migration 0020 on a database left at version 19: the latest Paused event of each promise paused right now with its
/// business clock stopped is marked as the one that stopped it; every other event stays unmarked.
/// </summary>
public sealed class PauseClockUpgradeTests : IDisposable
{
    private readonly TempDatabase _temp = new();
    private readonly FakeTimeProvider _clock = new(Now.ToDateTimeOffset());

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Upgrade_FromVersion19_MarksThePauseThatStoppedACurrentlyStoppedClock_AndNothingElse()
    {
        var database = new SqliteDatabase(new SqliteOptions { ConnectionString = _temp.ConnectionString });
        Assert.Equal(19, Migrator.Apply(database, _clock, upTo: 19).Max());
        var at = Now.ToUnixTimeMilliseconds();
        using (var c = new SqliteConnection(_temp.ConnectionString))
        {
            const string Insert = """
                INSERT INTO promises (workspace, number, title, owner, due_at, made_by, made_at, channel, status, version, sla_clock_stopped)
                VALUES (@Workspace, @Number, 'p', 'U1', @At, 'U1', @At, 'C1', @Status, 1, @Stopped)
                """;
            const string Event = """
                INSERT INTO promise_events (workspace, promise_id, kind, actor, at, old_value, new_value, note)
                VALUES (@Workspace, (SELECT id FROM promises WHERE workspace = @Workspace AND number = @Number), @Kind, 'U1', @At, NULL, NULL, NULL)
                """;
            // #1 in T-ACME: paused twice, now paused with its clock stopped. #2: paused, clock running. #1 in T-GLOBEX:
            // done (no longer paused) though its clock flag was left set.
            c.Execute(Insert, new { Workspace = "T-ACME", Number = 1, At = at, Status = 1, Stopped = 1 });
            c.Execute(Insert, new { Workspace = "T-ACME", Number = 2, At = at, Status = 1, Stopped = 0 });
            c.Execute(Insert, new { Workspace = "T-GLOBEX", Number = 1, At = at, Status = 2, Stopped = 1 });
            foreach (var (workspace, number, kind) in new[]
            {
                ("T-ACME", 1, "Paused"), ("T-ACME", 1, "Resumed"), ("T-ACME", 1, "Paused"), ("T-ACME", 2, "Paused"),
                ("T-GLOBEX", 1, "Paused"), ("T-GLOBEX", 1, "Completed"),
            })
            {
                c.Execute(Event, new { Workspace = workspace, Number = number, Kind = kind, At = at });
            }
        }

        Migrator.Apply(database, _clock);

        using var read = new SqliteConnection(_temp.ConnectionString);
        var marks = read.Query<long>("SELECT clock_stopped FROM promise_events ORDER BY id").ToList();
        Assert.Equal([0L, 0L, 1L, 0L, 0L, 0L], marks);
    }
}
