using Dapper;
using NodaTime;
using PromiseBot.Core.Feedback;
using PromiseBot.Core.Promises;

namespace PromiseBot.Storage.Feedback;

/// <summary>
/// Customer feedback in SQLite (<c>customer_feedback</c>, one row per promise), its history events in
/// <c>promise_events</c>. Every statement filters on the workspace. Recording claims the request's delivery key in
/// <c>processed_deliveries</c> in the same transaction, so a click delivered twice is stored once.
/// </summary>
public sealed class SqlCustomerFeedbackStore(IDatabase database, IDbWriter writer) : ICustomerFeedbackStore
{
    private const string GetSql = """
        SELECT f.score, f.comment, f.recorded_by AS RecordedBy, f.recorded_at AS RecordedAt
        FROM customer_feedback f
        JOIN promises p ON p.id = f.promise_id AND p.workspace = f.workspace
        WHERE p.workspace = @Workspace AND p.number = @Number
        """;

    private const string PromiseSql = "SELECT id, status FROM promises WHERE workspace = @Workspace AND number = @Number";

    private const string ClaimDeliverySql = """
        INSERT INTO processed_deliveries (workspace, delivery_key, processed_at)
        VALUES (@Workspace, @Key, @At)
        ON CONFLICT DO NOTHING
        """;

    private const string UpsertSql = """
        INSERT INTO customer_feedback (workspace, promise_id, score, comment, recorded_by, recorded_at)
        VALUES (@Workspace, @PromiseId, @Score, @Comment, @RecordedBy, @RecordedAt)
        ON CONFLICT (workspace, promise_id) DO UPDATE
        SET score = excluded.score, comment = excluded.comment, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
        """;

    public async Task<CustomerFeedback?> GetAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<FeedbackRow>(new CommandDefinition(
            GetSql, new { Workspace = workspace.Value, Number = number.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null
            ? null
            : new CustomerFeedback(workspace, number, row.Score, row.Comment, new UserId(row.RecordedBy), Instant.FromUnixTimeMilliseconds(row.RecordedAt));
    }

    public Task<FeedbackWrite> RecordAsync(CustomerFeedback feedback, PromiseEvent change, string? deliveryKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(change);
        return writer.ExecuteAsync(unit =>
        {
            var workspace = feedback.Workspace.Value;
            var promise = unit.QuerySingleOrDefault<PromiseStateRow>(PromiseSql, new { Workspace = workspace, Number = feedback.Number.Value });
            if (promise is null)
            {
                return FeedbackWrite.NotFound;
            }

            // Done (2) or cancelled (3): a promise reopened since it was read takes no feedback.
            if (promise.Status is not (2 or 3))
            {
                return FeedbackWrite.NotClosed;
            }

            // The claim comes first: a second delivery of the same click stops here and stores nothing.
            if (deliveryKey is not null && unit.Execute(ClaimDeliverySql, new { Workspace = workspace, Key = deliveryKey, At = change.At.ToUnixTimeMilliseconds() }) != 1)
            {
                return FeedbackWrite.Duplicate;
            }

            unit.Execute(UpsertSql, new
            {
                Workspace = workspace,
                PromiseId = promise.Id,
                feedback.Score,
                feedback.Comment,
                RecordedBy = feedback.RecordedBy.Value,
                RecordedAt = feedback.RecordedAt.ToUnixTimeMilliseconds(),
            });
            unit.Execute(SqlPromiseStore.InsertEventSql, SqlPromiseStore.EventRow.From(new WorkspaceId(workspace), promise.Id, change));
            return FeedbackWrite.Recorded;
        }, cancellationToken);
    }

    private sealed class FeedbackRow
    {
        public int Score { get; init; }
        public string? Comment { get; init; }
        public string RecordedBy { get; init; } = "";
        public long RecordedAt { get; init; }
    }

    private sealed class PromiseStateRow
    {
        public long Id { get; init; }
        public int Status { get; init; }
    }
}
