using System.Diagnostics;
using PromiseBot.Core.Dates;
using PromiseBot.Storage;

namespace PromiseBot.Host.Startup;

/// <summary>Work that must finish before the host accepts requests.</summary>
public sealed partial class StartupTasks(SqliteDatabase database, IDueDateParser dates, TimeProvider time, ILogger<StartupTasks> logger)
{
    public void Run()
    {
        var clock = Stopwatch.StartNew();
        var applied = Migrator.Apply(database, time);
        LogMigrated(logger, database.DataSource, applied.Count, clock.ElapsedMilliseconds);

        clock.Restart();
        // The recognizer builds its regex tables on first use (~250 ms); pay that here, not on a user's command.
        dates.WarmUp();
        LogWarmed(logger, clock.ElapsedMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {DataSource} ready ({Applied} migration(s) applied in {ElapsedMs} ms)")]
    private static partial void LogMigrated(ILogger logger, string dataSource, int applied, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Date recognizer warmed in {ElapsedMs} ms")]
    private static partial void LogWarmed(ILogger logger, long elapsedMs);
}
