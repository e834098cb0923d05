using System.Security.Cryptography;
using Dapper;
using NodaTime;
using PromiseBot.Core.Files;
using PromiseBot.Core.Promises;

namespace PromiseBot.Storage.Files;

/// <summary>
/// Held files (migrations 0026 on SQLite, 0007 on PostgreSQL). Every statement but the prune filters on the
/// workspace. Writes go through the writer (<see cref="IDbWriter"/>); the read is a plain one.
/// </summary>
public sealed class SqlHeldFileStore(IDatabase database, IDbWriter writer) : IHeldFileStore
{
    private const string AddSql = """
        INSERT INTO held_files (workspace, id, file_name, media_type, content, created_at, expires_at)
        VALUES (@Workspace, @Id, @FileName, @MediaType, @Content, @CreatedAt, @ExpiresAt)
        """;

    // An expired file is not handed out; it stays until PruneSql removes it.
    private const string GetSql = """
        SELECT file_name AS FileName, media_type AS MediaType, content AS Content
          FROM held_files
         WHERE workspace = @Workspace AND id = @Id AND expires_at > @Now
        """;

    private const string ForgetSql = "DELETE FROM held_files WHERE workspace = @Workspace AND id = @Id";

    private const string PruneSql = "DELETE FROM held_files WHERE expires_at <= @Now";

    public async Task<string> AddAsync(WorkspaceId workspace, HeldFile file, Instant createdAt, Instant expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Content.Length > IHeldFileStore.MaxBytes)
        {
            throw new ArgumentException($"A held file is at most {IHeldFileStore.MaxBytes} bytes.", nameof(file));
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var row = new
        {
            Workspace = workspace.Value,
            Id = id,
            file.FileName,
            file.MediaType,
            file.Content,
            CreatedAt = createdAt.ToUnixTimeMilliseconds(),
            ExpiresAt = expiresAt.ToUnixTimeMilliseconds(),
        };
        await writer.ExecuteAsync(unit => unit.Execute(AddSql, row), cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<HeldFile?> GetAsync(WorkspaceId workspace, string id, Instant now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<FileRow>(new CommandDefinition(
            GetSql, new { Workspace = workspace.Value, Id = id, Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : new HeldFile(row.FileName, row.MediaType, row.Content);
    }

    public async Task<bool> ForgetAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var removed = await writer.ExecuteAsync(unit => unit.Execute(ForgetSql, new { Workspace = workspace.Value, Id = id }), cancellationToken).ConfigureAwait(false);
        return removed > 0;
    }

    public Task<int> PruneAsync(Instant now, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(unit => unit.Execute(PruneSql, new { Now = now.ToUnixTimeMilliseconds() }), cancellationToken);

    private sealed class FileRow
    {
        public string FileName { get; init; } = "";
        public string MediaType { get; init; } = "";
        public byte[] Content { get; init; } = [];
    }
}
