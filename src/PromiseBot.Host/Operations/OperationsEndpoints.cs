using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Prometheus;
using PromiseBot.Host.Scheduling;
using PromiseBot.Host.Startup;
using PromiseBot.Storage.Operations;

namespace PromiseBot.Host.Operations;

/// <summary>
/// <c>GET /readyz</c> (readiness: the database takes a write, the scheduler runs, the outbox is not falling behind) and,
/// when <c>PromiseBot:Metrics:Enabled</c>, <c>GET /metrics</c>. <c>/healthz</c> (liveness) stays where it was.
/// </summary>
public static class OperationsEndpoints
{
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(3);

    public static WebApplication MapOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/readyz", ReadyAsync);
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            app.MapGet("/metrics", async (HttpContext context, PromiseBotMetrics metrics, CancellationToken aborted) =>
            {
                context.Response.ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;
                await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, aborted).ConfigureAwait(false);
            });
        }

        return app;
    }

    private static async Task<IResult> ReadyAsync(
        StartupTasks startup, SchedulerService scheduler, IOperationsStore store, TimeProvider time, IOptions<ReadinessOptions> options, CancellationToken aborted)
    {
        var checks = new JsonObject();
        var failed = new JsonArray();
        var now = NodaTime.Instant.FromDateTimeOffset(time.GetUtcNow());
        if (!startup.Migrated.IsCompletedSuccessfully)
        {
            checks["database"] = $"not ready: {startup.NotReadyReason ?? "migrating"}";
            failed.Add("database");
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                timeout.CancelAfter(DatabaseTimeout);
                await store.ProbeWriteAsync(Environment.MachineName, now, timeout.Token).ConfigureAwait(false);
                checks["database"] = "writable";
            }
            catch (Exception e) when (!aborted.IsCancellationRequested)
            {
                checks["database"] = $"not writable ({e.GetType().Name})";
                failed.Add("database");
            }
        }

        // Off by configuration is a choice, not a fault; starting, waiting or failed is not ready.
        var state = scheduler.State;
        checks["scheduler"] = state;
        if (!state.StartsWith("running", StringComparison.Ordinal) && state != "off")
        {
            failed.Add("scheduler");
        }

        if (failed.Count == 0 || !failed.Any(f => (string?)f == "database"))
        {
            try
            {
                var snapshot = await store.ReadAsync(now, aborted).ConfigureAwait(false);
                var oldest = snapshot.OldestPendingAge.ToTimeSpan();
                var limit = options.Value.OutboxMaxPendingAge;
                checks["outbox"] = new JsonObject
                {
                    ["oldestPendingAgeSeconds"] = (long)oldest.TotalSeconds,
                    ["limitSeconds"] = (long)limit.TotalSeconds,
                    ["failed"] = snapshot.Failed,
                };
                if (oldest > limit)
                {
                    failed.Add("outbox");
                }
            }
            catch (Exception e) when (!aborted.IsCancellationRequested)
            {
                checks["outbox"] = $"unreadable ({e.GetType().Name})";
                failed.Add("outbox");
            }
        }

        var ready = failed.Count == 0;
        var body = new JsonObject { ["status"] = ready ? "ready" : "not ready", ["checks"] = checks };
        if (!ready)
        {
            body["failed"] = failed;
        }

        return Results.Json(body, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
