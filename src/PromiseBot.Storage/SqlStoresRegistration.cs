using PromiseBot.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Sla;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Inbox;
using PromiseBot.Core.Installations;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Storage.Calendars;
using PromiseBot.Storage.Sla;
using PromiseBot.Storage.Recovery;
using PromiseBot.Core.Recovery;
using PromiseBot.Core.Redraws;
using PromiseBot.Storage.Conversations;
using PromiseBot.Storage.Inbox;
using PromiseBot.Storage.Installations;
using PromiseBot.Storage.Outbox;
using PromiseBot.Storage.Playground;
using PromiseBot.Storage.Redraws;
using PromiseBot.Storage.Scheduling;

namespace PromiseBot.Storage;

/// <summary>
/// Every store behind its port, for either provider: the stores run the same SQL on SQLite and PostgreSQL through
/// <see cref="IDatabase"/> (reads) and <see cref="IDbWriter"/> (writes), which the provider registers first.
/// </summary>
internal static class SqlStoresRegistration
{
    public static IServiceCollection AddSqlStores(this IServiceCollection services)
    {
        services.TryAddSingleton<IClusterLock, SqlClusterLock>();
        services.TryAddSingleton<DatabaseLifecycle>();
        services.TryAddSingleton<IDatabaseLifecycle>(sp => sp.GetRequiredService<DatabaseLifecycle>());
        services.TryAddSingleton<SqlMaintenance>();
        services.TryAddSingleton<IStorageMaintenance>(sp => sp.GetRequiredService<SqlMaintenance>());
        services.TryAddSingleton<Backups.IDatabaseBackup, Backups.SqlDatabaseBackup>();

        services.TryAddSingleton<SqlPromiseStore>();
        services.TryAddSingleton<IPromiseStore>(sp => sp.GetRequiredService<SqlPromiseStore>());
        services.TryAddSingleton<SqlScheduleStore>();
        services.TryAddSingleton<IScheduleStore>(sp => sp.GetRequiredService<SqlScheduleStore>());
        services.TryAddSingleton<SqlCalendarStore>();
        services.TryAddSingleton<ICalendarStore>(sp => sp.GetRequiredService<SqlCalendarStore>());
        services.TryAddSingleton<SqlSlaTargetStore>();
        services.TryAddSingleton<ISlaTargetStore>(sp => sp.GetRequiredService<SqlSlaTargetStore>());
        services.TryAddSingleton<SqlSlaPromiseStore>();
        services.TryAddSingleton<ISlaPromiseStore>(sp => sp.GetRequiredService<SqlSlaPromiseStore>());
        services.TryAddSingleton<Outcomes.SqlOutcomeStore>();
        services.TryAddSingleton<IOutcomeStore>(sp => sp.GetRequiredService<Outcomes.SqlOutcomeStore>());
        services.TryAddSingleton<PromiseBot.Core.Reports.IReportStore, Reports.SqlReportStore>();
        services.TryAddSingleton<PromiseBot.Core.Reports.IReportScheduleStore, Reports.SqlReportScheduleStore>();
        services.TryAddSingleton<SqlRecoveryNoteStore>();
        services.TryAddSingleton<IRecoveryNoteStore>(sp => sp.GetRequiredService<SqlRecoveryNoteStore>());

        services.TryAddSingleton<Approvals.SqlApprovalStore>();
        services.TryAddSingleton<Core.Approvals.IApprovalStore>(sp => sp.GetRequiredService<Approvals.SqlApprovalStore>());
        services.TryAddSingleton<Feedback.SqlCustomerFeedbackStore>();
        services.TryAddSingleton<Core.Feedback.ICustomerFeedbackStore>(sp => sp.GetRequiredService<Feedback.SqlCustomerFeedbackStore>());

        services.TryAddSingleton<Guarantees.SqlGuaranteeStore>();
        services.TryAddSingleton<Core.Guarantees.IGuaranteeStore>(sp => sp.GetRequiredService<Guarantees.SqlGuaranteeStore>());

        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<SqlOutbox>();
        services.TryAddSingleton<IOutbox>(sp => sp.GetRequiredService<SqlOutbox>());
        services.TryAddSingleton<IOutboxDispatchStore>(sp => sp.GetRequiredService<SqlOutbox>());
        services.TryAddSingleton<SqlDeadLetterStore>();
        services.TryAddSingleton<Core.Operations.IDeadLetterStore>(sp => sp.GetRequiredService<SqlDeadLetterStore>());
        services.TryAddSingleton<Operations.SqlOperationsStore>();
        services.TryAddSingleton<Operations.IOperationsStore>(sp => sp.GetRequiredService<Operations.SqlOperationsStore>());
        services.TryAddSingleton<SqlInbox>();
        services.TryAddSingleton<IInbox>(sp => sp.GetRequiredService<SqlInbox>());

        services.TryAddSingleton<SqlInstallationStore>();
        services.TryAddSingleton<IInstallationStore>(sp => sp.GetRequiredService<SqlInstallationStore>());
        services.TryAddSingleton<IInstallStateStore>(sp => sp.GetRequiredService<SqlInstallationStore>());
        services.TryAddSingleton<SqlConversationReferenceStore>();
        services.TryAddSingleton<IConversationReferenceStore>(sp => sp.GetRequiredService<SqlConversationReferenceStore>());
        services.TryAddSingleton<SqlPendingRedrawStore>();
        services.TryAddSingleton<IPendingRedrawStore>(sp => sp.GetRequiredService<SqlPendingRedrawStore>());
        services.TryAddSingleton<Risk.SqlAwayStore>();
        services.TryAddSingleton<Core.Risk.IAwayStore>(sp => sp.GetRequiredService<Risk.SqlAwayStore>());
        services.TryAddSingleton<Files.SqlHeldFileStore>();
        services.TryAddSingleton<Core.Files.IHeldFileStore>(sp => sp.GetRequiredService<Files.SqlHeldFileStore>());

        services.TryAddSingleton<Retention.SqlDataLifecycleStore>();
        services.TryAddSingleton<Core.Retention.IDataLifecycleStore>(sp => sp.GetRequiredService<Retention.SqlDataLifecycleStore>());

        services.TryAddSingleton<SqlPlaygroundFeedStore>();
        services.TryAddSingleton<IPlaygroundFeedStore>(sp => sp.GetRequiredService<SqlPlaygroundFeedStore>());
        return services;
    }
}
