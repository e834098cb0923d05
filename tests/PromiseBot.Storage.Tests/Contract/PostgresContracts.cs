namespace PromiseBot.Storage.Tests.Contract;

// Every store contract, run unchanged on PostgreSQL (the SQLite instances sit beside each contract). The playground's
// feed is the one exception: the playground always keeps its own SQLite file beside the configured database, whatever
// the provider (PlaygroundEndpoints), so its store never runs on PostgreSQL.
public sealed class PostgresSlaTargetStoreContract : PromiseBot.Storage.Tests.Sla.SlaTargetStoreContract<PostgresProvider>;
public sealed class PostgresSlaPromiseStoreContract : PromiseBot.Storage.Tests.Sla.SlaPromiseStoreContract<PostgresProvider>;
public sealed class PostgresScheduleStoreContract : PromiseBot.Storage.Tests.Scheduling.ScheduleStoreContract<PostgresProvider>;
public sealed class PostgresRecoveryNoteStoreContract : PromiseBot.Storage.Tests.Recovery.RecoveryNoteStoreContract<PostgresProvider>;
public sealed class PostgresInstallationStoreContract : PromiseBot.Storage.Tests.Installations.InstallationStoreContract<PostgresProvider>;
public sealed class PostgresConversationReferenceStoreContract : PromiseBot.Storage.Tests.Conversations.ConversationReferenceStoreContract<PostgresProvider>;
public sealed class PostgresCustomerFeedbackStoreContract : PromiseBot.Storage.Tests.Feedback.CustomerFeedbackStoreContract<PostgresProvider>;
public sealed class PostgresCalendarStoreContract : PromiseBot.Storage.Tests.Calendars.CalendarStoreContract<PostgresProvider>;
public sealed class PostgresMaintenanceContract : PromiseBot.Storage.Tests.Maintenance.MaintenanceContract<PostgresProvider>;
public sealed class PostgresOutboxContract : PromiseBot.Storage.Tests.Outbox.OutboxContract<PostgresProvider>;
public sealed class PostgresPromiseStoreContract : PromiseBot.Storage.Tests.Promises.PromiseStoreContract<PostgresProvider>;
public sealed class PostgresInboxContract : PromiseBot.Storage.Tests.Inbox.InboxContract<PostgresProvider>;
public sealed class PostgresPendingRedrawStoreContract : PromiseBot.Storage.Tests.Redraws.PendingRedrawStoreContract<PostgresProvider>;
public sealed class PostgresHeldFileStoreContract : PromiseBot.Storage.Tests.Files.HeldFileStoreContract<PostgresProvider>;
public sealed class PostgresRiskStoreContract : PromiseBot.Storage.Tests.Risk.RiskStoreContract<PostgresProvider>;
public sealed class PostgresReportStoreContract : PromiseBot.Storage.Tests.Reports.ReportStoreContract<PostgresProvider>;
public sealed class PostgresReportScheduleStoreContract : PromiseBot.Storage.Tests.Reports.ReportScheduleStoreContract<PostgresProvider>;
public sealed class PostgresGuaranteeStoreContract : PromiseBot.Storage.Tests.Guarantees.GuaranteeStoreContract<PostgresProvider>;
public sealed class PostgresDataLifecycleStoreContract : PromiseBot.Storage.Tests.Retention.DataLifecycleStoreContract<PostgresProvider>;
public sealed class PostgresDeadLetterContract : PromiseBot.Storage.Tests.Outbox.DeadLetterContract<PostgresProvider>;
public sealed class PostgresDeliveryKeyContract : PromiseBot.Storage.Tests.Promises.DeliveryKeyContract<PostgresProvider>;
