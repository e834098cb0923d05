using Microsoft.Extensions.DependencyInjection.Extensions;
using PromiseBot.Core;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.UseCases;
using PromiseBot.Host.Playground;
using PromiseBot.Host.Startup;
using PromiseBot.Slack;
using PromiseBot.Storage;
using PromiseBot.Storage.Postgres;
using PromiseBot.Teams.Hosting;

namespace PromiseBot.Host.Composition;

/// <summary>The composition root: the only place that knows every project.</summary>
public static class PromiseBotHostExtensions
{
    // How long a request waits for a database that is being migrated before it is told to come back.
    private static readonly TimeSpan NotReadyWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan HealthDatabaseTimeout = TimeSpan.FromSeconds(3);

    public static WebApplicationBuilder AddPromiseBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<PromiseBotOptions>()
            .BindConfiguration("PromiseBot")
            .Validate(o => NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(o.DefaultTimeZone) is not null,
                "PromiseBot:DefaultTimeZone must be an IANA time zone id such as America/New_York.")
            .Validate(o => o.DigestLocalTime is not null, "PromiseBot:DigestTime must be a 24-hour time HH:mm such as 09:00.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PromiseBotOptions>>().Value);

        // Core
        services.AddSingleton<RecognizerDueDateParser>();
        services.AddSingleton<IDueDateParser>(sp => sp.GetRequiredService<RecognizerDueDateParser>());
        services.AddSingleton<CommandParser>();
        services.AddSingleton<PromiseBot.Core.Sla.SlaRecounter>();
        services.AddSingleton<CalendarService>();
        services.AddSingleton<PromiseBot.Core.Sla.SlaService>();
        services.AddSingleton<PromiseBot.Core.Sla.SlaClockLoader>();
        services.AddSingleton<PromiseBot.Core.Promises.OutcomeRecomputer>();
        services.AddSingleton<PromiseBot.Core.Recovery.RecoveryService>();
        services.AddSingleton<PromiseBot.Core.Feedback.CustomerFeedbackService>();
        services.AddSingleton<PromiseBot.Core.Guarantees.GuaranteeService>();
        services.AddSingleton<PromiseBot.Core.Reports.ReportService>();
        // Reports draw their charts with ScottPlot (PromiseBot.Charts, its own font shipped beside the assemblies).
        PromiseBot.Charts.ChartsServiceCollectionExtensions.AddPromiseBotCharts(services);
        services.AddSingleton<PromiseBot.Core.Reports.ExportService>();
        services.AddSingleton<PromiseBot.Core.Risk.RiskService>();
        services.AddSingleton<PromiseBot.Core.Approvals.ApprovalService>();
        services.AddSingleton<PromiseBot.Core.Retention.DataLifecycleService>();
        services.AddSingleton<PromiseCommandService>();

        // Storage: the database, its writer and every store behind its port, on the provider the configuration names
        // (StorageProviders); the playground always runs on its own SQLite file. The connection string is read at
        // resolve time, so configuration added by tests or later providers is seen (the playground swaps it for its own file).
        var provider = PlaygroundMode.From(builder.Configuration).Enabled
            ? SqlDialect.Sqlite
            : StorageProviders.Choose(builder.Configuration[StorageProviders.ConfigurationKey], builder.Configuration.GetConnectionString("PromiseBot"));
        if (provider == SqlDialect.Postgres)
        {
            services.AddPostgresStorage((sp, storage) =>
                storage.ConnectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("PromiseBot") ?? "");
        }
        else
        {
            services.AddSqliteStorage((sp, storage) =>
                storage.ConnectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("PromiseBot") ?? StorageConnectionStrings.Default);
        }

        services.AddHostedService<MaintenanceService>();
        Operations.OperationsRegistration.AddPromiseBotOperations(services, builder.Configuration);

        // Slack. Data Protection, whose keys live beside the database (or in it, on PostgreSQL), encrypts the tokens of
        // Slack's OAuth install and signs Teams' download links.
        services.AddSlack(builder.Configuration);
        if (PromiseBot.Slack.OAuth.SlackInstallEndpoints.IsConfigured(builder.Configuration)
            || !string.IsNullOrWhiteSpace(builder.Configuration["Teams:PublicUrl"]))
        {
            services.AddPromiseBotDataProtection();
        }

        // Teams: the adapter owns its endpoint, authentication, cards and Bot Connector; its conversation reference
        // store comes from storage.
        services.AddTeams(builder.Configuration, builder.Environment);

        services.AddPromiseBotOutbox();
        services.AddPromiseBotScheduling(provider);
        services.AddPromiseBotBackups();

        services.AddSingleton<StartupTasks>();

        // Last: when it is on, the playground swaps the clock and the database for its own.
        builder.AddPromiseBotPlayground();
        return builder;
    }

    public static WebApplication UsePromiseBot(this WebApplication app)
    {
        // Migrate before Kestrel listens; healthz answers only once the date recognizer is warm, so the first
        // command after a deploy is fast.
        var startup = app.Services.GetRequiredService<StartupTasks>();
        startup.Run();

        // Until the database is migrated (it could not be reached at start), every request but /healthz and /readyz is answered 503
        // after a short wait, without touching the database; Slack and Teams send again.
        app.Use(async (context, next) =>
        {
            if (!startup.Migrated.IsCompletedSuccessfully && context.Request.Path != "/healthz" && context.Request.Path != "/readyz")
            {
                try
                {
                    await startup.Migrated.WaitAsync(NotReadyWait, context.RequestAborted).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    await context.Response.WriteAsync("PromiseBot is starting: its database is not ready yet; try again in a moment.", context.RequestAborted).ConfigureAwait(false);
                    return;
                }
            }

            await next(context).ConfigureAwait(false);
        });

        // Healthy once the bot can answer at full speed: the first probe waits for the warm-up to finish, then the
        // database must answer. The scheduler's state is reported but does not make the host unready (commands work
        // without it).
        app.MapGet("/healthz", async (IDatabaseLifecycle database, Scheduling.SchedulerService scheduler, CancellationToken aborted) =>
        {
            try
            {
                await startup.Warmed.WaitAsync(aborted).ConfigureAwait(false);
            }
            catch (Exception) when (!aborted.IsCancellationRequested)
            {
                return Results.Text("the date recognizer failed to start; see the log", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (!startup.Migrated.IsCompletedSuccessfully)
            {
                return Results.Text($"not ready: {startup.NotReadyReason ?? "migrating"}\nscheduler: {scheduler.State}", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                timeout.CancelAfter(HealthDatabaseTimeout);
                await database.PingAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!aborted.IsCancellationRequested)
            {
                return Results.Text($"not ready: the database {database.Name} does not answer ({e.Message})\nscheduler: {scheduler.State}", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return Results.Text($"ok\ndatabase: {database.Name} answers\nscheduler: {scheduler.State}");
        });
        Operations.OperationsEndpoints.MapOperations(app);
        app.MapSlackEndpoints();
        app.MapTeamsEndpoints();
        app.MapPlayground();
        return app;
    }
}
