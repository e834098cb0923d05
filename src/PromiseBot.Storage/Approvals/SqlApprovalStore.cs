using Dapper;
using NodaTime;
using PromiseBot.Core.Approvals;
using PromiseBot.Core.Guarantees;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Storage.Guarantees;
using PromiseBot.Storage.Outbox;

namespace PromiseBot.Storage.Approvals;

/// <summary>
/// Authority limits (<c>authority_limits</c>) and approval requests (<c>approval_requests</c>), on either provider.
/// Every statement filters on the workspace except the reminder scan's. Each write runs in one unit of work with the
/// request's history event (<c>promise_events</c>) and its messages (the outbox): a decision is a conditional update
/// of a pending row, so of two clicks at once exactly one decides; an approval also stores the change it applies in
/// the same transaction (<see cref="SqlPromiseStore.Update"/>), and is undone with it if the promise moved on.
/// </summary>
public sealed class SqlApprovalStore(IDatabase database, IDbWriter writer) : IApprovalStore
{
    private const string Columns = """
        workspace, id, promise_number AS PromiseNumber, promise_version AS PromiseVersion, kind, what, new_due_at AS NewDueAt,
        reason, requested_by AS RequestedBy, manager, requested_at AS RequestedAt, state, decided_by AS DecidedBy,
        decided_at AS DecidedAt, decision_note AS DecisionNote, reminded_at AS RemindedAt, credit_minor AS CreditMinor,
        credit_currency AS CreditCurrency
        """;

    private const string GetLimitsSql = """
        SELECT extend_days AS ExtendDays, extend_business AS ExtendBusiness, credit_minor AS CreditMinor, credit_currency AS CreditCurrency
        FROM authority_limits WHERE workspace = @Workspace
        """;

    private const string SaveLimitsSql = """
        INSERT INTO authority_limits (workspace, extend_days, extend_business, credit_minor, credit_currency)
        VALUES (@Workspace, @ExtendDays, @ExtendBusiness, @CreditMinor, @CreditCurrency)
        ON CONFLICT (workspace) DO UPDATE
        SET extend_days = excluded.extend_days, extend_business = excluded.extend_business,
            credit_minor = excluded.credit_minor, credit_currency = excluded.credit_currency
        """;

    private const string ClaimDeliverySql = """
        INSERT INTO processed_deliveries (workspace, delivery_key, processed_at)
        VALUES (@Workspace, @Key, @At)
        ON CONFLICT DO NOTHING
        """;

    private const string NextIdSql = """
        INSERT INTO approval_counters (workspace, next_id) VALUES (@Workspace, 2)
        ON CONFLICT (workspace) DO UPDATE SET next_id = approval_counters.next_id + 1
        RETURNING next_id - 1
        """;

    private const string InsertSql = """
        INSERT INTO approval_requests (workspace, id, promise_number, promise_version, kind, what, new_due_at, reason,
                                       requested_by, manager, requested_at, state, credit_minor, credit_currency)
        VALUES (@Workspace, @Id, @PromiseNumber, @PromiseVersion, @Kind, @What, @NewDueAt, @Reason,
                @RequestedBy, @Manager, @RequestedAt, 'Pending', @CreditMinor, @CreditCurrency)
        """;

    private const string GetSql = "SELECT " + Columns + " FROM approval_requests WHERE workspace = @Workspace AND id = @Id";

    private const string PendingSql = "SELECT " + Columns + """
         FROM approval_requests
        WHERE workspace = @Workspace AND state = 'Pending' AND (@RequestedBy IS NULL OR requested_by = @RequestedBy)
        ORDER BY requested_at, id
        LIMIT @Limit
        """;

    // Across workspaces, for the reminder scan only (each row is then acted on under its own workspace).
    private const string DueRemindersSql = "SELECT " + Columns + """
         FROM approval_requests
        WHERE state = 'Pending' AND reminded_at IS NULL AND requested_at <= @Before
        ORDER BY requested_at
        LIMIT @Limit
        """;

    private const string DecideSql = """
        UPDATE approval_requests
        SET state = @State, decided_by = @DecidedBy, decided_at = @DecidedAt, decision_note = @DecisionNote
        WHERE workspace = @Workspace AND id = @Id AND state = 'Pending'
        """;

    private const string RemindSql = """
        UPDATE approval_requests SET reminded_at = @At
        WHERE workspace = @Workspace AND id = @Id AND state = 'Pending' AND reminded_at IS NULL
        """;

    private const string PromiseIdSql = "SELECT id FROM promises WHERE workspace = @Workspace AND number = @Number";

    public async Task<AuthorityLimits> GetLimitsAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<LimitsRow>(new CommandDefinition(
            GetLimitsSql, new { Workspace = workspace.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null
            ? AuthorityLimits.None
            : new AuthorityLimits(
                row.ExtendDays is { } days ? new ExtensionLimit((int)days, row.ExtendBusiness != 0) : null,
                row.CreditMinor is { } minor && row.CreditCurrency is { } currency ? new CreditLimit(minor, currency) : null);
    }

    public Task SaveLimitsAsync(WorkspaceId workspace, AuthorityLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return writer.ExecuteAsync(unit => unit.Execute(SaveLimitsSql, new
        {
            Workspace = workspace.Value,
            ExtendDays = (long?)limits.Extend?.Amount,
            ExtendBusiness = limits.Extend is { BusinessDays: false } ? 0 : 1,
            CreditMinor = limits.Credit?.Minor,
            CreditCurrency = limits.Credit?.Currency,
        }), cancellationToken);
    }

    public Task<ApprovalRequest?> CreateAsync(
        ApprovalRequest request, Func<ApprovalRequest, (PromiseEvent Requested, IReadOnlyList<OutboundMessage> Messages)> written, string? deliveryKey,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(written);
        return writer.ExecuteAsync<ApprovalRequest?>(unit =>
        {
            var workspace = request.Workspace.Value;
            // The claim comes first: a redelivered command stops here and stores nothing.
            if (deliveryKey is not null && unit.Execute(ClaimDeliverySql, new { Workspace = workspace, Key = deliveryKey, At = request.RequestedAt.ToUnixTimeMilliseconds() }) != 1)
            {
                return null;
            }

            var id = unit.QuerySingle<long>(NextIdSql, new { Workspace = workspace });
            var stored = request with { Id = id, State = ApprovalState.Pending, DecidedBy = null, DecidedAt = null, DecisionNote = null, RemindedAt = null };
            unit.Execute(InsertSql, new
            {
                Workspace = workspace,
                Id = id,
                PromiseNumber = (long)stored.Promise.Value,
                PromiseVersion = (long)stored.PromiseVersion,
                Kind = stored.Kind.ToString(),
                stored.What,
                NewDueAt = stored.NewDue?.ToUnixTimeMilliseconds(),
                stored.Reason,
                RequestedBy = stored.RequestedBy.Value,
                Manager = stored.Manager.Value,
                RequestedAt = stored.RequestedAt.ToUnixTimeMilliseconds(),
                CreditMinor = stored.Credit?.Minor,
                CreditCurrency = stored.Credit?.Currency,
            });
            var (requested, messages) = written(stored);
            InsertEvent(unit, stored, requested);
            foreach (var message in messages)
            {
                OutboxRows.Insert(unit, message);
            }

            return stored;
        }, cancellationToken);
    }

    public async Task<ApprovalRequest?> GetAsync(WorkspaceId workspace, long id, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RequestRow>(new CommandDefinition(
            GetSql, new { Workspace = workspace.Value, Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRequest();
    }

    public async Task<IReadOnlyList<ApprovalRequest>> ListPendingAsync(WorkspaceId workspace, UserId? requestedBy, int limit, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<RequestRow>(new CommandDefinition(
            PendingSql, new { Workspace = workspace.Value, RequestedBy = requestedBy?.Value, Limit = (long)limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRequest())];
    }

    public Task<bool> DecideAsync(ApprovalRequest decided, PromiseEvent decision, IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(messages);
        return writer.ExecuteAsync(unit =>
        {
            if (!Decide(unit, decided))
            {
                return false;
            }

            InsertEvent(unit, decided, decision);
            foreach (var message in messages)
            {
                OutboxRows.Insert(unit, message);
            }

            return true;
        }, cancellationToken);
    }

    public async Task<UpdateOutcome> ApproveAsync(
        ApprovalRequest decided, ApprovedChange change, PromiseEvent decision, IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(messages);
        try
        {
            return await writer.ExecuteAsync(unit =>
            {
                // The request first: a second click stops here, with nothing written.
                if (!Decide(unit, decided))
                {
                    return UpdateOutcome.Duplicate;
                }

                var updated = SqlPromiseStore.Update(unit, change.Updated, change.ExpectedVersion, change.Change, change.DeliveryKey, change.Messages);
                if (updated != UpdateOutcome.Updated)
                {
                    // Undoes the decision with it: the unit fails as a whole (IDbWriter).
                    throw new ChangeNotApplied(updated);
                }

                InsertEvent(unit, decided, decision);
                foreach (var message in messages)
                {
                    OutboxRows.Insert(unit, message);
                }

                return UpdateOutcome.Updated;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ChangeNotApplied notApplied)
        {
            return notApplied.Outcome;
        }
    }

    public async Task<CreditDecision> ApproveCreditAsync(
        ApprovalRequest decided, PromiseEvent decision, PromiseEvent issued, IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(messages);
        try
        {
            return await writer.ExecuteAsync(unit =>
            {
                // The request first: a second click stops here, with nothing written.
                if (!Decide(unit, decided))
                {
                    return CreditDecision.Duplicate;
                }

                // The decision's own delivery key: however often it is clicked, the credit is issued once.
                var credit = SqlGuaranteeStore.Decide(unit, decided.Workspace, decided.Promise, CreditState.Issued, null, issued, $"approval:{decided.Id}:credit");
                if (credit != CreditDecision.Decided)
                {
                    // Undoes the decision with it: the unit fails as a whole (IDbWriter).
                    throw new CreditNotIssued(credit);
                }

                InsertEvent(unit, decided, decision);
                foreach (var message in messages)
                {
                    OutboxRows.Insert(unit, message);
                }

                return CreditDecision.Decided;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (CreditNotIssued notIssued)
        {
            return notIssued.Outcome;
        }
    }

    public async Task<IReadOnlyList<ApprovalRequest>> ListDueRemindersAsync(Instant askedBefore, int limit, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<RequestRow>(new CommandDefinition(
            DueRemindersSql, new { Before = askedBefore.ToUnixTimeMilliseconds(), Limit = (long)limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRequest())];
    }

    public Task<bool> MarkRemindedAsync(ApprovalRequest request, Instant at, OutboundMessage reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reminder);
        return writer.ExecuteAsync(unit =>
        {
            // Conditional, and the outbox key is unique: two hosts scanning at once queue one reminder.
            if (unit.Execute(RemindSql, new { Workspace = request.Workspace.Value, request.Id, At = at.ToUnixTimeMilliseconds() }) != 1)
            {
                return false;
            }

            return OutboxRows.Insert(unit, reminder);
        }, cancellationToken);
    }

    private static bool Decide(IDbUnit unit, ApprovalRequest decided) =>
        unit.Execute(DecideSql, new
        {
            Workspace = decided.Workspace.Value,
            decided.Id,
            State = decided.State.ToString(),
            DecidedBy = decided.DecidedBy?.Value,
            DecidedAt = decided.DecidedAt?.ToUnixTimeMilliseconds(),
            decided.DecisionNote,
        }) == 1;

    private static void InsertEvent(IDbUnit unit, ApprovalRequest request, PromiseEvent e)
    {
        var promiseId = unit.QuerySingleOrDefault<long?>(PromiseIdSql, new { Workspace = request.Workspace.Value, Number = request.Promise.Value });
        if (promiseId is { } id)
        {
            unit.Execute(SqlPromiseStore.InsertEventSql, SqlPromiseStore.EventRow.From(request.Workspace, id, e));
        }
    }

    /// <summary>Carries the promise update's outcome out of a unit of work that must be undone.</summary>
    private sealed class ChangeNotApplied(UpdateOutcome outcome) : Exception("The approved change was not applied: " + outcome)
    {
        public UpdateOutcome Outcome { get; } = outcome;
    }

    /// <summary>Carries the credit decision's outcome out of a unit of work that must be undone.</summary>
    private sealed class CreditNotIssued(CreditDecision outcome) : Exception("The approved credit was not issued: " + outcome)
    {
        public CreditDecision Outcome { get; } = outcome;
    }

    private sealed class LimitsRow
    {
        public long? ExtendDays { get; init; }
        public long ExtendBusiness { get; init; }
        public long? CreditMinor { get; init; }
        public string? CreditCurrency { get; init; }
    }

    private sealed class RequestRow
    {
        public string Workspace { get; init; } = "";
        public long Id { get; init; }
        public long PromiseNumber { get; init; }
        public long PromiseVersion { get; init; }
        public string Kind { get; init; } = "";
        public string What { get; init; } = "";
        public long? NewDueAt { get; init; }
        public string? Reason { get; init; }
        public string RequestedBy { get; init; } = "";
        public string Manager { get; init; } = "";
        public long RequestedAt { get; init; }
        public string State { get; init; } = "";
        public string? DecidedBy { get; init; }
        public long? DecidedAt { get; init; }
        public string? DecisionNote { get; init; }
        public long? RemindedAt { get; init; }
        public long? CreditMinor { get; init; }
        public string? CreditCurrency { get; init; }

        public ApprovalRequest ToRequest() => new(
            new WorkspaceId(Workspace),
            Id,
            new PromiseNumber((int)PromiseNumber),
            (int)PromiseVersion,
            new UserId(RequestedBy),
            new UserId(Manager),
            What,
            Instant.FromUnixTimeMilliseconds(RequestedAt),
            Enum.Parse<ApprovalState>(State),
            DecidedBy is null ? null : new UserId(DecidedBy),
            DecidedAt is { } decidedAt ? Instant.FromUnixTimeMilliseconds(decidedAt) : null)
        {
            Kind = Enum.Parse<ApprovalKind>(Kind),
            NewDue = NewDueAt is { } due ? Instant.FromUnixTimeMilliseconds(due) : null,
            Reason = Reason,
            DecisionNote = DecisionNote,
            RemindedAt = RemindedAt is { } reminded ? Instant.FromUnixTimeMilliseconds(reminded) : null,
            Credit = CreditMinor is { } minor && CreditCurrency is { } currency ? new Core.Guarantees.Money(minor, currency) : null,
        };
    }
}
