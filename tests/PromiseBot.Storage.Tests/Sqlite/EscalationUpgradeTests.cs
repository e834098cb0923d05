using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using PromiseBot.Testing;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Sqlite;

/// <summary>
/// Migration 0010 on a database an older release left at version 9: the escalation triggers go, and the migrator's
/// C# step recomputes every open promise's next escalation moment with Core's planner, in the same transaction.
/// </summary>
public sealed class EscalationUpgradeTests : IDisposable
{
    private static readonly long Hour = 3_600_000;

    private readonly TempDatabase _temp = new();
    private readonly FakeTimeProvider _clock = new(Now.ToDateTimeOffset());

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Upgrade_FromVersion9_RecomputesEveryOpenPromisesMoment_PerWorkspaceSettings_AndDropsTheTriggers()
    {
        var database = new SqliteDatabase(new SqliteOptions { ConnectionString = _temp.ConnectionString });
        Assert.Equal(9, Migrator.Apply(database, _clock, upTo: 9).Max());
        var now = Now.ToUnixTimeMilliseconds();
        using (var c = new SqliteConnection(_temp.ConnectionString))
        {
            // As the old release stored them: Acme's reminders 48 h / 2 h before due, Globex on the defaults.
            c.Execute("""
                INSERT INTO workspace_settings (workspace, platform, manager, quiet_start, quiet_end, reminder_ms, at_risk_ms, time_zone, updated_by, updated_at)
                VALUES ('T-ACME', 'Slack', NULL, '20:00', '08:00', @Reminder, @AtRisk, NULL, 'U1', @Now)
                """, new { Reminder = 48 * Hour, AtRisk = 2 * Hour, Now = now });
            const string Insert = """
                INSERT INTO promises (workspace, number, title, owner, due_at, made_by, made_at, channel, status, version)
                VALUES (@Workspace, @Number, 'p', 'U1', @Due, 'U1', @Now, 'C1', @Status, 1)
                """;
            c.Execute(Insert, new { Workspace = "T-ACME", Number = 1, Due = now + 120 * Hour, Now = now, Status = 0 });
            c.Execute(Insert, new { Workspace = "T-ACME", Number = 2, Due = now + 10 * Hour, Now = now, Status = 0 });
            c.Execute(Insert, new { Workspace = "T-ACME", Number = 3, Due = now + 120 * Hour, Now = now, Status = 1 });
            c.Execute(Insert, new { Workspace = "T-ACME", Number = 4, Due = now + 120 * Hour, Now = now, Status = 2 });
            c.Execute(Insert, new { Workspace = "T-GLOBEX", Number = 1, Due = now + 72 * Hour, Now = now, Status = 0 });
            // Acme #2 already had its reminder; and every stored moment is stale (what the rule in SQL said, or worse).
            c.Execute("UPDATE promises SET escalation_step = 1 WHERE workspace = 'T-ACME' AND number = 2");
            c.Execute("UPDATE promises SET next_escalation_at = 42");
        }

        var applied = Migrator.Apply(database, _clock);

        Assert.Contains(10, applied);
        using var check = new SqliteConnection(_temp.ConnectionString);
        long? Moment(string workspace, int number) => check.ExecuteScalar<long?>(
            "SELECT next_escalation_at FROM promises WHERE workspace = @W AND number = @N", new { W = workspace, N = number });
        Assert.Equal(now + 120 * Hour - 48 * Hour, Moment("T-ACME", 1));
        Assert.Equal(now + 10 * Hour - 2 * Hour, Moment("T-ACME", 2));
        Assert.Null(Moment("T-ACME", 3));
        Assert.Null(Moment("T-ACME", 4));
        Assert.Equal(now + 72 * Hour - 24 * Hour, Moment("T-GLOBEX", 1));
        Assert.Equal(0, check.ExecuteScalar<int>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"));
        Assert.Equal("0010_escalation_in_code.sql", check.ExecuteScalar<string>("SELECT name FROM schema_migrations WHERE version = 10"));
        // Once: the step is recorded with its migration and never runs again.
        check.Execute("UPDATE promises SET next_escalation_at = 42");
        Assert.Empty(Migrator.Apply(database, _clock));
        Assert.Equal(42, Moment("T-ACME", 1));
    }

    [Fact]
    public void Upgrade_FromVersion13_GivesABreachNobodyAcknowledgedALook_SoItRepeats()
    {
        var database = new SqliteDatabase(new SqliteOptions { ConnectionString = _temp.ConnectionString });
        Migrator.Apply(database, _clock, upTo: 13);
        var due = Now.ToUnixTimeMilliseconds() - 2 * Hour;
        using (var c = new SqliteConnection(_temp.ConnectionString))
        {
            const string Insert = """
                INSERT INTO promises (workspace, number, title, owner, due_at, made_by, made_at, channel, status, version,
                                      escalation_due_at, escalation_step, acked_step, next_escalation_at)
                VALUES ('T-ACME', @Number, 'p', 'U1', @Due, 'U1', @Due, 'C1', @Status, 1, @Due, 3, @Acked, NULL)
                """;
            c.Execute(Insert, new { Number = 1, Due = due, Status = 0, Acked = 0 }); // breached, nobody acknowledged
            c.Execute(Insert, new { Number = 2, Due = due, Status = 0, Acked = 3 }); // acknowledged
            c.Execute(Insert, new { Number = 3, Due = due, Status = 2, Acked = 0 }); // done
        }

        Assert.Contains(14, Migrator.Apply(database, _clock));
        using var check = new SqliteConnection(_temp.ConnectionString);
        long? Moment(int number) => check.ExecuteScalar<long?>("SELECT next_escalation_at FROM promises WHERE workspace = 'T-ACME' AND number = @N", new { N = number });
        Assert.Equal(due, Moment(1));
        Assert.Null(Moment(2));
        Assert.Null(Moment(3));
    }

    [Fact]
    public void Upgrade_AFailingStep_LeavesVersion10Unapplied()
    {
        var database = new SqliteDatabase(new SqliteOptions { ConnectionString = _temp.ConnectionString });
        Migrator.Apply(database, _clock, upTo: 9);
        using (var c = new SqliteConnection(_temp.ConnectionString))
        {
            // A settings row the step cannot read (not a time): the step throws, and 0010 with it.
            c.Execute("""
                INSERT INTO workspace_settings (workspace, platform, manager, quiet_start, quiet_end, reminder_ms, at_risk_ms, time_zone, updated_by, updated_at)
                VALUES ('T-ACME', 'Slack', NULL, 'late', '08:00', 1, 1, NULL, 'U1', 0)
                """);
            c.Execute("""
                INSERT INTO promises (workspace, number, title, owner, due_at, made_by, made_at, channel, status, version)
                VALUES ('T-ACME', 1, 'p', 'U1', 0, 'U1', 0, 'C1', 0, 1)
                """);
        }

        Assert.ThrowsAny<Exception>(() => Migrator.Apply(database, _clock));

        using var check = new SqliteConnection(_temp.ConnectionString);
        Assert.Equal(0, check.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_migrations WHERE version = 10"));
        Assert.Equal(2, check.ExecuteScalar<int>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"));
    }
}
