using PromiseBot.Storage;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Scheduling;
using PromiseBot.Host.Scheduling;
using Quartz;

namespace PromiseBot.Host.Composition;

/// <summary>Digests, escalations, scheduled reports and the Quartz scheduler that drives them.</summary>
public static class SchedulingRegistration
{
    /// <summary>How often a clustered node says it is alive.</summary>
    public static readonly TimeSpan ClusterCheckinInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long a node may miss its check-in before another takes its triggers (a killed host: within ~20 s).</summary>
    public static readonly TimeSpan ClusterCheckinMisfireThreshold = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Quartz on the app's own database (connection string "PromiseBot"). On PostgreSQL the scheduler is clustered:
    /// every host is a node of one scheduler (same name, generated instance ids), each trigger fires on one node, and a
    /// node that stops checking in for <see cref="ClusterCheckinMisfireThreshold"/> has its triggers recovered by
    /// another. Clustering compares the hosts' clocks, so they must be kept in sync (NTP).
    /// </summary>
    public static IServiceCollection AddPromiseBotScheduling(this IServiceCollection services, SqlDialect provider)
    {
        // Off by default in the Testing environment (tests drive the jobs with a fake clock); configuration wins.
        services.AddOptions<SchedulerOptions>()
            .Configure<IHostEnvironment>((o, env) => o.Enabled = !env.IsEnvironment("Testing"))
            .BindConfiguration(SchedulerOptions.SectionName);

        // Core use cases and their ports (IScheduleStore comes with AddSqliteStorage).
        services.AddSingleton<IUserTimeZones, PlatformUserTimeZones>();
        services.AddSingleton<QuartzSchedulerAccess>();
        services.AddSingleton<IDigestScheduler, QuartzDigestScheduler>();
        services.AddSingleton<DigestService>();
        services.AddSingleton<EscalationService>();
        services.AddSingleton<ScheduleCommandService>();
        services.AddSingleton<PromiseBot.Core.Reports.IReportScheduler, QuartzReportScheduler>();
        services.AddSingleton<PromiseBot.Core.Reports.ReportScheduleService>();
        // Recovery reminders are re-checked by their own rule; every other guarded message by the escalation ladder's.
        services.AddSingleton<EscalationGuardCheck>();
        services.AddSingleton<IDeliveryGuardCheck>(sp => new PromiseBot.Core.Recovery.RecoveryGuardCheck(
            sp.GetRequiredService<EscalationGuardCheck>(),
            sp.GetRequiredService<PromiseBot.Core.Promises.IPromiseStore>(),
            sp.GetRequiredService<PromiseBot.Core.Recovery.IRecoveryNoteStore>()));

        // Jobs are resolved from DI, so a missing dependency fails start-up validation, not the first fire.
        services.AddTransient<DigestJob>();
        services.AddTransient<EscalationScanJob>();
        services.AddTransient<ReportJob>();
        services.AddTransient<ApprovalReminderJob>();
        services.AddTransient<RetentionJob>();

        services.AddQuartz(q =>
        {
            // The same database as the app (connection string "PromiseBot"); the QRTZ_ tables are created on first
            // start from the DDL inside Quartz.dll (on PostgreSQL, hosts racing to create them find the winner's). Every host
            // keeps Quartz's default scheduler name, which makes them nodes of one clustered scheduler.
            q.UsePersistentStore(s =>
            {
                if (provider == SqlDialect.Postgres)
                {
                    s.UsePostgres(o => o.ConnectionStringName = "PromiseBot");
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = ClusterCheckinMisfireThreshold;
                    });
                }
                else
                {
                    s.UseSqlite(o => o.ConnectionStringName = "PromiseBot");
                }

                s.ProvisionSchema();
            });
            // Recovery: a fire that was running on a node that died is fired again on another (both jobs are
            // idempotent: every message they queue has an idempotency key).
            q.AddJob<DigestJob>(j => j.WithIdentity(DigestJob.Key).StoreDurably().RequestRecovery());
            q.AddJob<EscalationScanJob>(j => j.WithIdentity(EscalationScanJob.Key).StoreDurably().RequestRecovery());
            q.AddJob<ReportJob>(j => j.WithIdentity(ReportJob.Key).StoreDurably().RequestRecovery());
            q.AddJob<ApprovalReminderJob>(j => j.WithIdentity(ApprovalReminderJob.Key).StoreDurably().RequestRecovery());
            q.AddJob<RetentionJob>(j => j.WithIdentity(RetentionJob.Key).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t
                .WithIdentity("retention", "promisebot")
                .ForJob(RetentionJob.Key)
                // A day missed while down runs once when the scheduler is back; the next covers whatever is still due.
                .WithCronSchedule(RetentionJob.Cron, b => b.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddTrigger(t => t
                .WithIdentity("approval-reminders", "promisebot")
                .ForJob(ApprovalReminderJob.Key)
                .StartNow()
                // Reminders are due a business day after the request: five minutes late is on time.
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(5)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            q.AddTrigger(t => t
                .WithIdentity("escalation-scan", "promisebot")
                .ForJob(EscalationScanJob.Key)
                .StartNow()
                // A scan missed while down is not replayed minute by minute: the next one covers everything due.
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddSingleton<SchedulerService>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerService>());
        return services;
    }
}
