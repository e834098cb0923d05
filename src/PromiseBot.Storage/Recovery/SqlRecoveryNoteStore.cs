using Dapper;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;

namespace PromiseBot.Storage.Recovery;

/// <summary><see cref="IRecoveryNoteStore"/> in SQLite (migration 0018). Reads on their own connection; writes through <see cref="IDbWriter"/>.</summary>
public sealed class SqlRecoveryNoteStore(IDatabase database, IDbWriter writer) : IRecoveryNoteStore
{
    private const string GetSql = """
        SELECT customer_told AS CustomerTold, apology_given AS ApologyGiven, cause AS Cause, cause_text AS CauseText,
               fix AS Fix, prevention AS Prevention, written_by AS WrittenBy, written_at AS WrittenAt
          FROM recovery_notes WHERE workspace = @Workspace AND number = @Number
        """;

    private const string ClaimDeliverySql = """
        INSERT INTO processed_deliveries (workspace, delivery_key, processed_at)
        VALUES (@Workspace, @Key, @At)
        ON CONFLICT DO NOTHING
        """;

    private const string PromiseIdSql = "SELECT id FROM promises WHERE workspace = @Workspace AND number = @Number";

    private const string UpsertSql = """
        INSERT INTO recovery_notes (workspace, number, customer_told, apology_given, cause, cause_text, fix, prevention, written_by, written_at)
        VALUES (@Workspace, @Number, @CustomerTold, @ApologyGiven, @Cause, @CauseText, @Fix, @Prevention, @WrittenBy, @WrittenAt)
        ON CONFLICT (workspace, number) DO UPDATE SET
            customer_told = excluded.customer_told, apology_given = excluded.apology_given, cause = excluded.cause,
            cause_text = excluded.cause_text, fix = excluded.fix, prevention = excluded.prevention,
            written_by = excluded.written_by, written_at = excluded.written_at
        """;

    public async Task<RecoveryNote?> GetAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            GetSql, new { Workspace = workspace.Value, Number = number.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToNote(workspace, number);
    }

    public Task<RecoverySaveOutcome> SaveAsync(RecoveryNote note, PromiseEvent change, string? deliveryKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(change);
        var key = new { Workspace = note.Workspace.Value, Number = note.Number.Value };
        return writer.ExecuteAsync(unit =>
        {
            var promiseId = unit.QuerySingleOrDefault<long?>(PromiseIdSql, key);
            if (promiseId is not { } id)
            {
                return RecoverySaveOutcome.NotFound;
            }

            // The platform's delivery id, claimed in the same transaction: a redelivered message stores nothing again.
            if (deliveryKey is not null
                && unit.Execute(ClaimDeliverySql, new { key.Workspace, Key = deliveryKey, At = note.WrittenAt.ToUnixTimeMilliseconds() }) != 1)
            {
                return RecoverySaveOutcome.Duplicate;
            }

            unit.Execute(UpsertSql, new
            {
                key.Workspace,
                key.Number,
                CustomerTold = Flag(note.CustomerTold),
                ApologyGiven = Flag(note.ApologyGiven),
                Cause = note.Cause.ToString(),
                note.CauseText,
                note.Fix,
                note.Prevention,
                WrittenBy = note.WrittenBy.Value,
                WrittenAt = note.WrittenAt.ToUnixTimeMilliseconds(),
            });
            unit.Execute(SqlPromiseStore.InsertEventSql, SqlPromiseStore.EventRow.From(note.Workspace, id, change));
            return RecoverySaveOutcome.Saved;
        }, cancellationToken);
    }

    private static int? Flag(bool? value) => value is { } v ? (v ? 1 : 0) : null;

    // SQLite integers are 64-bit; Dapper maps by exact constructor signature, so read into this and convert.
    private sealed record Row(long? CustomerTold, long? ApologyGiven, string Cause, string? CauseText, string? Fix, string? Prevention, string WrittenBy, long WrittenAt)
    {
        public RecoveryNote ToNote(WorkspaceId workspace, PromiseNumber number) => new(
            workspace,
            number,
            CustomerTold is { } told ? told != 0 : null,
            ApologyGiven is { } apology ? apology != 0 : null,
            Enum.TryParse<RecoveryCause>(Cause, out var cause) ? cause : RecoveryCause.Other,
            CauseText,
            Fix,
            Prevention,
            new UserId(WrittenBy),
            Instant.FromUnixTimeMilliseconds(WrittenAt));
    }
}
