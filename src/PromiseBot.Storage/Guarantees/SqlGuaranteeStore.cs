using Dapper;
using NodaTime;
using PromiseBot.Core.Guarantees;
using PromiseBot.Core.Promises;

namespace PromiseBot.Storage.Guarantees;

/// <summary>
/// Guarantee tiers (<c>guarantee_tiers</c>), the workspace currency (<c>workspace_currency</c>), promises' guarantees
/// (<c>promise_guarantees</c>, written by <see cref="SqlPromiseStore.CreateAsync"/> through <see cref="InsertGuarantee"/>)
/// and the credit ledger (<c>service_credits</c>, entered by <see cref="SqlPromiseStore"/>'s closing update through
/// <see cref="EnterCredit"/>). Every statement filters on the workspace; money is integer minor units.
/// </summary>
public sealed class SqlGuaranteeStore(IDatabase database, IDbWriter writer) : IGuaranteeStore
{
    private const string ListTiersSql =
        "SELECT name, kind, rate_bp AS RateBp, cap_bp AS CapBp FROM guarantee_tiers WHERE workspace = @Workspace ORDER BY name";

    private const string GetTierSql =
        "SELECT name, kind, rate_bp AS RateBp, cap_bp AS CapBp FROM guarantee_tiers WHERE workspace = @Workspace AND name = @Name";

    private const string SaveTierSql = """
        INSERT INTO guarantee_tiers (workspace, name, kind, rate_bp, cap_bp)
        VALUES (@Workspace, @Name, @Kind, @RateBp, @CapBp)
        ON CONFLICT (workspace, name) DO UPDATE SET kind = excluded.kind, rate_bp = excluded.rate_bp, cap_bp = excluded.cap_bp
        """;

    private const string RemoveTierSql = "DELETE FROM guarantee_tiers WHERE workspace = @Workspace AND name = @Name";

    private const string GetCurrencySql = "SELECT currency FROM workspace_currency WHERE workspace = @Workspace";

    private const string SetCurrencySql = """
        INSERT INTO workspace_currency (workspace, currency) VALUES (@Workspace, @Currency)
        ON CONFLICT (workspace) DO UPDATE SET currency = excluded.currency
        """;

    internal const string InsertGuaranteeSql = """
        INSERT INTO promise_guarantees (workspace, promise_id, tier, kind, rate_bp, cap_bp, value_minor, currency)
        VALUES (@Workspace, @PromiseId, @Tier, @Kind, @RateBp, @CapBp, @ValueMinor, @Currency)
        """;

    private const string GetGuaranteeSql = """
        SELECT g.tier, g.kind, g.rate_bp AS RateBp, g.cap_bp AS CapBp, g.value_minor AS ValueMinor, g.currency
        FROM promise_guarantees g
        JOIN promises p ON p.id = g.promise_id AND p.workspace = g.workspace
        WHERE p.workspace = @Workspace AND p.number = @Number
        """;

    // While pending, a later close recomputes the credit; issued or waived, the row (and the ledger) stays as decided.
    internal const string EnterCreditSql = """
        INSERT INTO service_credits (workspace, promise_id, amount_minor, currency, days_late, broken, state, entered_at)
        VALUES (@Workspace, @PromiseId, @AmountMinor, @Currency, @DaysLate, @Broken, 0, @EnteredAt)
        ON CONFLICT (workspace, promise_id) DO UPDATE
        SET amount_minor = excluded.amount_minor, currency = excluded.currency, days_late = excluded.days_late,
            broken = excluded.broken, entered_at = excluded.entered_at
        WHERE service_credits.state = 0
        """;

    private const string CreditColumns = """
        p.number, p.title, g.tier, c.amount_minor AS AmountMinor, c.currency, g.value_minor AS ValueMinor, g.currency AS ValueCurrency,
        c.days_late AS DaysLate, c.broken, c.state, c.entered_at AS EnteredAt, c.decided_at AS DecidedAt, c.decided_by AS DecidedBy, c.reason
        FROM service_credits c
        JOIN promises p ON p.id = c.promise_id AND p.workspace = c.workspace
        JOIN promise_guarantees g ON g.promise_id = c.promise_id AND g.workspace = c.workspace
        """;

    private const string GetCreditSql = "SELECT " + CreditColumns + " WHERE c.workspace = @Workspace AND p.number = @Number";

    private const string ListCreditsSql = "SELECT " + CreditColumns + """
         WHERE c.workspace = @Workspace AND c.entered_at >= @From AND c.entered_at < @To
        ORDER BY c.entered_at, p.number
        """;

    private const string CreditStateSql = """
        SELECT c.promise_id AS PromiseId, c.state
        FROM service_credits c
        JOIN promises p ON p.id = c.promise_id AND p.workspace = c.workspace
        WHERE p.workspace = @Workspace AND p.number = @Number
        """;

    private const string ClaimDeliverySql = """
        INSERT INTO processed_deliveries (workspace, delivery_key, processed_at)
        VALUES (@Workspace, @Key, @At)
        ON CONFLICT DO NOTHING
        """;

    private const string DecideSql = """
        UPDATE service_credits SET state = @State, decided_at = @At, decided_by = @By, reason = @Reason
        WHERE workspace = @Workspace AND promise_id = @PromiseId AND state = 0
        """;

    private const string ValueClosedSql = """
        SELECT g.currency, CAST(SUM(g.value_minor) AS BIGINT) AS Total, COUNT(*) AS Promises
        FROM promise_guarantees g
        JOIN promises p ON p.id = g.promise_id AND p.workspace = g.workspace
        WHERE g.workspace = @Workspace AND p.closed_at >= @From AND p.closed_at < @To
        GROUP BY g.currency
        ORDER BY g.currency
        """;

    public async Task<IReadOnlyList<GuaranteeTier>> ListTiersAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<TierRow>(new CommandDefinition(
            ListTiersSql, new { Workspace = workspace.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToTier()).ToList();
    }

    public async Task<GuaranteeTier?> GetTierAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<TierRow>(new CommandDefinition(
            GetTierSql, new { Workspace = workspace.Value, Name = name.ToLowerInvariant() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToTier();
    }

    public Task SaveTierAsync(WorkspaceId workspace, GuaranteeTier tier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return writer.ExecuteAsync(unit => unit.Execute(SaveTierSql, new
        {
            Workspace = workspace.Value,
            Name = tier.Name.ToLowerInvariant(),
            Kind = (int)tier.Kind,
            RateBp = tier.RateBasisPoints,
            CapBp = tier.CapBasisPoints,
        }), cancellationToken);
    }

    public async Task<bool> RemoveTierAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken) =>
        await writer.ExecuteAsync(unit => unit.Execute(RemoveTierSql, new { Workspace = workspace.Value, Name = name.ToLowerInvariant() }), cancellationToken)
            .ConfigureAwait(false) > 0;

    public async Task<string?> GetCurrencyAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            GetCurrencySql, new { Workspace = workspace.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task SetCurrencyAsync(WorkspaceId workspace, string code, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(unit => unit.Execute(SetCurrencySql, new { Workspace = workspace.Value, Currency = code }), cancellationToken);

    public async Task<PromiseGuarantee?> GetGuaranteeAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<GuaranteeRow>(new CommandDefinition(
            GetGuaranteeSql, new { Workspace = workspace.Value, Number = number.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null
            ? null
            : new PromiseGuarantee(new GuaranteeTier(row.Tier, (RemedyKind)row.Kind, (int)row.RateBp, (int)row.CapBp), new Money(row.ValueMinor, row.Currency));
    }

    public async Task<ServiceCredit?> GetCreditAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<CreditRow>(new CommandDefinition(
            GetCreditSql, new { Workspace = workspace.Value, Number = number.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToCredit();
    }

    public async Task<IReadOnlyList<ServiceCredit>> ListCreditsAsync(WorkspaceId workspace, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<CreditRow>(new CommandDefinition(
            ListCreditsSql,
            new { Workspace = workspace.Value, From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToCredit()).ToList();
    }

    public async Task<IReadOnlyList<GuaranteedValue>> GuaranteedValueClosedAsync(WorkspaceId workspace, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<ValueRow>(new CommandDefinition(
            ValueClosedSql,
            new { Workspace = workspace.Value, From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new GuaranteedValue(new Money(r.Total, r.Currency), (int)r.Promises)).ToList();
    }

    public Task<CreditDecision> DecideAsync(
        WorkspaceId workspace, PromiseNumber number, CreditState to, string? reason, PromiseEvent change, string? deliveryKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (to == CreditState.Pending)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "A credit is decided as issued or waived.");
        }

        return writer.ExecuteAsync(unit => Decide(unit, workspace, number, to, reason, change, deliveryKey), cancellationToken);
    }

    /// <summary>
    /// Decides the promise's pending credit inside <paramref name="unit"/> (this store's <see cref="DecideAsync"/>, and an
    /// approved credit request's transaction): claims <paramref name="deliveryKey"/>, moves the credit from pending,
    /// and writes <paramref name="change"/> to the history; writes nothing unless the answer is <see cref="CreditDecision.Decided"/>.
    /// </summary>
    internal static CreditDecision Decide(
        IDbUnit unit, WorkspaceId workspace, PromiseNumber number, CreditState to, string? reason, PromiseEvent change, string? deliveryKey)
    {
        var credit = unit.QuerySingleOrDefault<StateRow>(CreditStateSql, new { Workspace = workspace.Value, Number = number.Value });
        if (credit is null)
        {
            return CreditDecision.NoCredit;
        }

        if (credit.State != (int)CreditState.Pending)
        {
            return CreditDecision.AlreadyDecided;
        }

        var at = change.At.ToUnixTimeMilliseconds();
        if (deliveryKey is not null && unit.Execute(ClaimDeliverySql, new { Workspace = workspace.Value, Key = deliveryKey, At = at }) != 1)
        {
            return CreditDecision.Duplicate;
        }

        // Conditional on still pending: two people deciding at once on PostgreSQL, one of them wins.
        if (unit.Execute(DecideSql, new { Workspace = workspace.Value, credit.PromiseId, State = (int)to, At = at, By = change.Actor.Value, Reason = reason }) != 1)
        {
            return CreditDecision.AlreadyDecided;
        }

        unit.Execute(SqlPromiseStore.InsertEventSql, SqlPromiseStore.EventRow.From(workspace, credit.PromiseId, change));
        return CreditDecision.Decided;
    }

    /// <summary>Writes a new promise's guarantee, in <see cref="SqlPromiseStore.CreateAsync"/>'s transaction.</summary>
    internal static void InsertGuarantee(IDbUnit unit, WorkspaceId workspace, long promiseId, PromiseGuarantee guarantee) =>
        unit.Execute(InsertGuaranteeSql, new
        {
            Workspace = workspace.Value,
            PromiseId = promiseId,
            Tier = guarantee.Terms.Name,
            Kind = (int)guarantee.Terms.Kind,
            RateBp = guarantee.Terms.RateBasisPoints,
            CapBp = guarantee.Terms.CapBasisPoints,
            ValueMinor = guarantee.Value.Minor,
            guarantee.Value.Currency,
        });

    /// <summary>
    /// Enters (or, while pending, recomputes) the promise's credit with its event, in the closing update's transaction.
    /// One row per promise: a close repeated after a reopen never enters a second credit.
    /// </summary>
    internal static void EnterCredit(IDbUnit unit, WorkspaceId workspace, long promiseId, CreditEntry credit)
    {
        var entered = unit.Execute(EnterCreditSql, new
        {
            Workspace = workspace.Value,
            PromiseId = promiseId,
            AmountMinor = credit.Amount.Minor,
            credit.Amount.Currency,
            credit.DaysLate,
            Broken = credit.Broken ? 1 : 0,
            EnteredAt = credit.Event.At.ToUnixTimeMilliseconds(),
        });
        if (entered == 1)
        {
            unit.Execute(SqlPromiseStore.InsertEventSql, SqlPromiseStore.EventRow.From(workspace, promiseId, credit.Event));
        }
    }

    private sealed class TierRow
    {
        public string Name { get; init; } = "";
        public long Kind { get; init; }
        public long RateBp { get; init; }
        public long CapBp { get; init; }

        public GuaranteeTier ToTier() => new(Name, (RemedyKind)Kind, (int)RateBp, (int)CapBp);
    }

    private sealed class GuaranteeRow
    {
        public string Tier { get; init; } = "";
        public long Kind { get; init; }
        public long RateBp { get; init; }
        public long CapBp { get; init; }
        public long ValueMinor { get; init; }
        public string Currency { get; init; } = "";
    }

    private sealed class CreditRow
    {
        public long Number { get; init; }
        public string Title { get; init; } = "";
        public string Tier { get; init; } = "";
        public long AmountMinor { get; init; }
        public string Currency { get; init; } = "";
        public long ValueMinor { get; init; }
        public string ValueCurrency { get; init; } = "";
        public long DaysLate { get; init; }
        public long Broken { get; init; }
        public long State { get; init; }
        public long EnteredAt { get; init; }
        public long? DecidedAt { get; init; }
        public string? DecidedBy { get; init; }
        public string? Reason { get; init; }

        public ServiceCredit ToCredit() => new(
            new PromiseNumber((int)Number),
            Tier,
            new Money(AmountMinor, Currency),
            new Money(ValueMinor, ValueCurrency),
            (int)DaysLate,
            Broken != 0,
            (CreditState)State,
            Instant.FromUnixTimeMilliseconds(EnteredAt),
            DecidedBy is null ? null : new UserId(DecidedBy),
            DecidedAt is { } at ? Instant.FromUnixTimeMilliseconds(at) : null,
            Reason)
        {
            Title = Title,
        };
    }

    private sealed class StateRow
    {
        public long PromiseId { get; init; }
        public long State { get; init; }
    }

    private sealed class ValueRow
    {
        public string Currency { get; init; } = "";
        public long Total { get; init; }
        public long Promises { get; init; }
    }
}
