using Dapper;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;

namespace PromiseBot.Storage.Outbox;

/// <summary>
/// Writes outbox rows inside a caller's write transaction, so a message commits together with the state change
/// that caused it (an escalation step and its DMs, for example). Call it from inside
/// <see cref="IDbWriter.ExecuteAsync{T}"/>.
/// </summary>
public static class OutboxRows
{
    // ON CONFLICT DO NOTHING: the same idempotency key queued twice (a re-fired job, a restarted host) keeps the
    // first row untouched, whatever state it is in.
    internal const string InsertSql = """
        INSERT INTO outbox (workspace, idempotency_key, platform, destination_kind, address, message,
                            guard_number, guard_step, guard_due_at, status, attempts, next_attempt_at)
        VALUES (@Workspace, @Key, @Platform, @Kind, @Address, @Message,
                @GuardNumber, @GuardStep, @GuardDueAt, 'pending', 0, @NextAttemptAt)
        ON CONFLICT (workspace, idempotency_key) DO NOTHING
        """;

    /// <summary>Queues <paramref name="message"/>. Returns true when the row is new, false for a duplicate key.</summary>
    public static bool Insert(IDbUnit unit, OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(message);
        var inserted = unit.Execute(InsertSql, new
        {
            Workspace = message.To.Workspace.Value,
            Key = message.IdempotencyKey,
            Platform = message.To.Platform.ToString(),
            Kind = message.To.Kind.ToString(),
            message.To.Address,
            Message = ReplyJson.Serialize(message.Message),
            GuardNumber = message.Guard?.Number.Value,
            GuardStep = message.Guard?.Step,
            GuardDueAt = message.Guard?.DueAt.ToUnixTimeMilliseconds(),
            NextAttemptAt = message.NotBefore.ToUnixTimeMilliseconds(),
        });
        return inserted == 1;
    }
}
