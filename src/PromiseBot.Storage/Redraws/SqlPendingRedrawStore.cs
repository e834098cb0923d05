using System.Security.Cryptography;
using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Redraws;

namespace PromiseBot.Storage.Redraws;

/// <summary>
/// Copies of clicked messages whose form is open (migrations 0022 on SQLite, 0003 on PostgreSQL). Every statement
/// filters on the workspace: an id from one workspace's form never reaches another's copy. Taking is one
/// <c>DELETE … RETURNING</c>, so on several hosts two submissions of one form cannot both get the copy. Writes go
/// through the writer (<see cref="IDbWriter"/>); there are no plain reads.
/// </summary>
public sealed class SqlPendingRedrawStore(IDbWriter writer) : IPendingRedrawStore
{
    private const string AddSql = """
        INSERT INTO pending_redraws (workspace, id, content, message_text, created_at, expires_at)
        VALUES (@Workspace, @Id, @Content, @Text, @CreatedAt, @ExpiresAt)
        """;

    // An expired copy is not handed out; it stays until PruneSql removes it.
    private const string TakeSql = """
        DELETE FROM pending_redraws
         WHERE workspace = @Workspace AND id = @Id AND expires_at > @Now
        RETURNING content, message_text
        """;

    // Across workspaces, as housekeeping does: each row goes by its own expiry.
    private const string PruneSql = "DELETE FROM pending_redraws WHERE expires_at <= @Now";

    public async Task<string?> AddAsync(WorkspaceId workspace, PendingRedraw redraw, Instant createdAt, Instant expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redraw);
        if (redraw.Content.Length + (redraw.Text?.Length ?? 0) > IPendingRedrawStore.MaxChars)
        {
            return null;
        }

        // 128 random bits: the id travels in the modal's private_metadata, so it must not be guessable.
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var row = new
        {
            Workspace = workspace.Value,
            Id = id,
            redraw.Content,
            redraw.Text,
            CreatedAt = createdAt.ToUnixTimeMilliseconds(),
            ExpiresAt = expiresAt.ToUnixTimeMilliseconds(),
        };
        await writer.ExecuteAsync(unit => unit.Execute(AddSql, row), cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<PendingRedraw?> TakeAsync(WorkspaceId workspace, string id, Instant now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var args = new { Workspace = workspace.Value, Id = id, Now = now.ToUnixTimeMilliseconds() };
        var row = await writer.ExecuteAsync(unit => unit.QuerySingleOrDefault<RedrawRow>(TakeSql, args), cancellationToken).ConfigureAwait(false);
        return row is null ? null : new PendingRedraw(row.Content, row.MessageText);
    }

    public Task<int> PruneAsync(Instant now, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(unit => unit.Execute(PruneSql, new { Now = now.ToUnixTimeMilliseconds() }), cancellationToken);

    private sealed class RedrawRow
    {
        public string Content { get; init; } = "";
        public string? MessageText { get; init; }
    }
}
