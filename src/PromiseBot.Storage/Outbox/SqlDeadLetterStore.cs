using Dapper;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Operations;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;

namespace PromiseBot.Storage.Outbox;

/// <summary>
/// The failed outbox rows of one workspace (<see cref="IDeadLetterStore"/>): listed for its manager, and put back to
/// pending one at a time. A retry changes only a row that is still failed, so two retries of one row queue it once.
/// </summary>
public sealed class SqlDeadLetterStore(IDatabase database, IDbWriter writer, OutboxSignal signal) : IDeadLetterStore
{
    // A failed row's next_attempt_at is where its last claim left it: the end of that attempt's lease, so within a
    // lease of when it failed. Newest first by id (rows are numbered as queued).
    private const string ListSql = """
        SELECT id, platform, destination_kind, address, idempotency_key, attempts, next_attempt_at, last_error
          FROM outbox
         WHERE workspace = @Workspace AND status = 'failed'
         ORDER BY id DESC
         LIMIT @Limit
        """;

    private const string CountSql = "SELECT COUNT(*) FROM outbox WHERE workspace = @Workspace AND status = 'failed'";

    // Attempts start again from 0, so the dispatcher's retries and backoff apply afresh; the pace slot is gone with
    // the failure. The old error stays until the next outcome replaces it.
    private const string RequeueSql = """
        UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = @Now, pace_slot = NULL
         WHERE workspace = @Workspace AND id = @Id AND status = 'failed'
        """;

    private const string StatusSql = "SELECT status FROM outbox WHERE workspace = @Workspace AND id = @Id";

    public async Task<FailedDeliveries> ListFailedAsync(WorkspaceId workspace, int limit, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<FailedRecord>(new CommandDefinition(
            ListSql, new { Workspace = workspace.Value, Limit = limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            CountSql, new { Workspace = workspace.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new FailedDeliveries([.. rows.Select(r => r.ToDelivery(workspace))], (int)total);
    }

    public async Task<RequeueOutcome> RequeueAsync(WorkspaceId workspace, long id, Instant now, CancellationToken cancellationToken)
    {
        var changed = await writer.ExecuteAsync(
            unit => unit.Execute(RequeueSql, new { Workspace = workspace.Value, Id = id, Now = now.ToUnixTimeMilliseconds() }),
            cancellationToken).ConfigureAwait(false);
        if (changed == 1)
        {
            signal.Notify();
            return new RequeueOutcome(RequeueResult.Requeued);
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            StatusSql, new { Workspace = workspace.Value, Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return status is null ? new RequeueOutcome(RequeueResult.NotFound) : new RequeueOutcome(RequeueResult.NotFailed, status);
    }

    private sealed class FailedRecord
    {
        public long Id { get; init; }
        public string Platform { get; init; } = "";
        public string DestinationKind { get; init; } = "";
        public string Address { get; init; } = "";
        public string IdempotencyKey { get; init; } = "";
        public long Attempts { get; init; }
        public long NextAttemptAt { get; init; }
        public string? LastError { get; init; }

        public FailedDelivery ToDelivery(WorkspaceId workspace) => new(
            Id,
            Instant.FromUnixTimeMilliseconds(NextAttemptAt),
            new Destination(Enum.Parse<ChatPlatform>(Platform), workspace, Enum.Parse<DestinationKind>(DestinationKind), Address),
            IdempotencyKey,
            (int)Attempts,
            LastError);
    }
}
