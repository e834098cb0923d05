using Dapper;
using NodaTime;

namespace PromiseBot.Storage.Operations;

/// <summary>
/// <see cref="IOperationsStore"/> in SQL (SQLite or PostgreSQL). The counts read <c>ix_outbox_due</c> (status,
/// next_attempt_at) and <c>ix_inbox_due</c>; only "retrying" reads pending rows themselves, and only those.
/// </summary>
public sealed class SqlOperationsStore(IDatabase database, IDbWriter writer) : IOperationsStore
{
    // Across workspaces on purpose (see Workspaces in the README): the operator's view counts every row.
    private const string StatusSql = "SELECT status AS Status, COUNT(*) AS Count FROM outbox GROUP BY status";

    private const string RetryingSql = "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND attempts > 0";

    // A row is late once it is due: a pending row's next_attempt_at is when it is due, a sending row's the end of its
    // claim's lease (past it, its pass died). Rows deferred to a later moment (pacing, a 429 hold) are not late yet.
    private const string OldestDueSql =
        "SELECT MIN(next_attempt_at) FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= @Now";

    private const string InboxSql =
        "SELECT COUNT(*) AS Count, MIN(received_at) AS Oldest FROM inbox WHERE next_attempt_at IS NOT NULL";

    private const string ProbeSql = """
        INSERT INTO health_probe (host, probed_at) VALUES (@Host, @At)
        ON CONFLICT (host) DO UPDATE SET probed_at = excluded.probed_at
        """;

    public async Task<OperationsSnapshot> ReadAsync(Instant now, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var statuses = (await connection.QueryAsync<StatusCount>(new CommandDefinition(StatusSql, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(s => s.Status, s => s.Count, StringComparer.Ordinal);
        var retrying = await connection.ExecuteScalarAsync<long>(new CommandDefinition(RetryingSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var nowMs = now.ToUnixTimeMilliseconds();
        var oldestDue = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(OldestDueSql, new { Now = nowMs }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var inbox = await connection.QuerySingleAsync<InboxCount>(new CommandDefinition(InboxSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new OperationsSnapshot(
            statuses.GetValueOrDefault("pending"),
            statuses.GetValueOrDefault("sending"),
            statuses.GetValueOrDefault("sent"),
            statuses.GetValueOrDefault("failed"),
            statuses.GetValueOrDefault("dropped"),
            retrying,
            Age(oldestDue, nowMs),
            inbox.Count,
            Age(inbox.Oldest, nowMs));
    }

    public Task ProbeWriteAsync(string host, Instant now, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(unit => unit.Execute(ProbeSql, new { Host = host, At = now.ToUnixTimeMilliseconds() }), cancellationToken);

    private static Duration Age(long? since, long nowMs) =>
        since is { } ms && ms < nowMs ? Duration.FromMilliseconds(nowMs - ms) : Duration.Zero;

    private sealed class StatusCount
    {
        public string Status { get; init; } = "";
        public long Count { get; init; }
    }

    private sealed class InboxCount
    {
        public long Count { get; init; }
        public long? Oldest { get; init; }
    }
}
