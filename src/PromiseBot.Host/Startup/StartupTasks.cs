using System.Diagnostics;
using PromiseBot.Core.Dates;
using PromiseBot.Storage;

namespace PromiseBot.Host.Startup;

/// <summary>Work that must finish before the host accepts requests, or before it reports healthy.</summary>
public sealed partial class StartupTasks(
    IDatabaseLifecycle database, IDueDateParser dates, IHostApplicationLifetime lifetime, ILogger<StartupTasks> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    /// <summary>Completes when the date recognizer is warm; <c>GET /healthz</c> waits for it.</summary>
    public Task Warmed { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Completes once the database is migrated. Already complete when <see cref="Run"/> returns, unless the database
    /// could not be reached at start: then the host listens anyway, answers <c>/healthz</c> and every request with 503
    /// (never touching the database), and keeps trying, with a log line per try, until the database answers.
    /// </summary>
    public Task Migrated { get; private set; } = Task.CompletedTask;

    /// <summary>Why the database is not ready yet (the last error), while <see cref="Migrated"/> runs.</summary>
    public string? NotReadyReason { get; private set; }

    /// <summary>
    /// Migrates the database (before anything can touch it) while the date recognizer warms on another thread: it
    /// builds its regex tables on first use (~300 ms), which is paid here, alongside migrations and the rest of
    /// start-up, not on a user's command. A command that arrives first simply waits for the same warm-up.
    /// </summary>
    public void Run()
    {
        Warmed = Task.Run(() =>
        {
            var warm = Stopwatch.StartNew();
            try
            {
                dates.WarmUp();
                Check(dates);
            }
            catch (Exception e)
            {
                LogWarmFailed(logger, e);
                throw;
            }

            LogWarmed(logger, warm.ElapsedMilliseconds);
        });

        // The usual case migrates here, before the host listens, as ever. A database that does not answer (PostgreSQL
        // down or not yet up) is waited for in the background rather than crashing the host into a restart loop. A
        // migration that fails for any other reason still stops the start: its transaction left the database as it was.
        if (!TryMigrate())
        {
            Migrated = Task.Run(() => MigrateWhenReachableAsync(lifetime.ApplicationStopping), CancellationToken.None);
        }
    }

    private bool TryMigrate()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var applied = database.Migrate();
            NotReadyReason = null;
            LogMigrated(logger, database.Name, applied.Count, clock.ElapsedMilliseconds);
            return true;
        }
        catch (Exception e) when (PromiseBot.Core.StorageFailures.IsUnreachable(e))
        {
            NotReadyReason = $"the database {database.Name} cannot be reached ({e.Message})";
            return false;
        }
    }

    private async Task MigrateWhenReachableAsync(CancellationToken stopping)
    {
        var wait = FirstRetry;
        while (true)
        {
            LogUnreachable(logger, database.Name, wait.TotalSeconds, NotReadyReason ?? "");
            await Task.Delay(wait, stopping).ConfigureAwait(false);
            if (TryMigrate())
            {
                return;
            }

            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxRetry.Ticks));
        }
    }

    /// <summary>A phrase every working date reader reads the same way, and its answer (the warm-up's proof).</summary>
    public const string KnownPhrase = "by Friday 5pm";

    /// <summary>Mon 5 Jan 2026 12:00 in New York: "by Friday 5pm" is Fri 9 Jan 17:00 EST = 22:00 UTC.</summary>
    private static readonly DateContext KnownContext = new(NodaTime.Instant.FromUtc(2026, 1, 5, 17, 0), NodaTime.DateTimeZoneProviders.Tzdb["America/New_York"]);

    private static readonly NodaTime.Instant KnownAnswer = NodaTime.Instant.FromUtc(2026, 1, 9, 22, 0);

    // Whatever IDueDateParser is registered must read a known phrase right before the host says it is healthy: a reader
    // that silently answers nothing would otherwise refuse every deadline while /healthz said "ok".
    private static void Check(IDueDateParser dates)
    {
        var answer = dates.Parse(KnownPhrase, KnownContext);
        if (answer is not DueDateResult.Ok { Value.Due: var due } || due != KnownAnswer)
        {
            throw new InvalidOperationException($"The date reader read \"{KnownPhrase}\" as {answer}, not {KnownAnswer}.");
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Database {DataSource} ready ({Applied} migration(s) applied in {ElapsedMs} ms)")]
    private static partial void LogMigrated(ILogger logger, string dataSource, int applied, long elapsedMs);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Database {DataSource} is not ready, trying again in {Seconds} s; /healthz answers 503 until then: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string dataSource, double seconds, string reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Critical, Message = "The date recognizer failed to warm up: /healthz reports unhealthy")]
    private static partial void LogWarmFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Date recognizer warmed in {ElapsedMs} ms")]
    private static partial void LogWarmed(ILogger logger, long elapsedMs);
}
