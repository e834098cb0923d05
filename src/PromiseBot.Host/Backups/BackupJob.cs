using Microsoft.Extensions.Options;
using NodaTime;
using PromiseBot.Storage.Backups;
using Quartz;

namespace PromiseBot.Host.Backups;

/// <summary>
/// Nightly, at <see cref="BackupOptions.Time"/> (UTC): an online backup of the SQLite file through Storage's
/// <see cref="IDatabaseBackup"/>, into <see cref="BackupOptions.Folder"/> (or beside the database), keeping the newest
/// <see cref="BackupOptions.Keep"/>. A night missed while the host was down is made up once when it comes back. On
/// PostgreSQL it does nothing but say so (use pg_dump); clustered there, it fires on one node only.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class BackupJob(IDatabaseBackup backup, IOptions<BackupOptions> options, TimeProvider time, ILogger<BackupJob> logger) : IJob
{
    public static readonly JobKey Key = new("database-backup", "promisebot");

    public static readonly TriggerKey TriggerKey = new("database-backup", "promisebot");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }
    }

    /// <summary>One backup now (tests call it). Null when there was nothing to do: backups off, or not SQLite.</summary>
    public async Task<DatabaseBackupResult?> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return null;
        }

        if (!backup.IsSupported || (string.IsNullOrWhiteSpace(settings.Folder) ? backup.DefaultFolder : settings.Folder) is not { } folder)
        {
            LogNotSqlite(logger);
            return null;
        }

        var result = await backup.BackUpAsync(folder, Instant.FromDateTimeOffset(time.GetUtcNow()), settings.Keep, cancellationToken).ConfigureAwait(false);
        LogBackedUp(logger, result.File, result.Bytes, result.Removed.Count);
        return result;
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Database backed up to {File} ({Bytes} bytes); {Removed} older backup(s) deleted")]
    private static partial void LogBackedUp(ILogger logger, string file, long bytes, int removed);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "Nightly backup skipped: the database is not a SQLite file (PostgreSQL: back it up with pg_dump, e.g. pg_dump -Fc)")]
    private static partial void LogNotSqlite(ILogger logger);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Nightly database backup failed; the next one runs tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
