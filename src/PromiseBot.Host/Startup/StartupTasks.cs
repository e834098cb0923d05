using System.Diagnostics;
using PromiseBot.Core.Dates;
using PromiseBot.Storage;

namespace PromiseBot.Host.Startup;

/// <summary>Work that must finish before the host accepts requests, or before it reports healthy.</summary>
public sealed partial class StartupTasks(IDatabaseLifecycle database, IDueDateParser dates, ILogger<StartupTasks> logger)
{
    /// <summary>Completes when the date recognizer is warm; <c>GET /healthz</c> waits for it.</summary>
    public Task Warmed { get; private set; } = Task.CompletedTask;

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

        var clock = Stopwatch.StartNew();
        var applied = database.Migrate();
        LogMigrated(logger, database.Name, applied.Count, clock.ElapsedMilliseconds);
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

    [LoggerMessage(EventId = 1101, Level = LogLevel.Critical, Message = "The date recognizer failed to warm up: /healthz reports unhealthy")]
    private static partial void LogWarmFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Date recognizer warmed in {ElapsedMs} ms")]
    private static partial void LogWarmed(ILogger logger, long elapsedMs);
}
