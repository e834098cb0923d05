using Dapper;
using NodaTime;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Promises;

namespace PromiseBot.Storage.Conversations;

/// <summary>
/// Conversation references and unreachable users in SQLite (migration 0004). Every statement filters on the
/// workspace, so one tenant can never read or overwrite another's references. Writes go through the writer
/// (<see cref="IDbWriter"/>).
/// </summary>
public sealed class SqlConversationReferenceStore(IDatabase database, IDbWriter writer) : IConversationReferenceStore
{
    private const string Columns =
        "workspace, conversation_id, conversation_type, service_url, tenant_id, bot_id, user_id, aad_object_id, updated_at";

    // Last writer wins: the newest activity carries the service URL Teams wants us to use now.
    private const string UpsertSql = """
        INSERT INTO conversation_references
            (workspace, conversation_id, conversation_type, service_url, tenant_id, bot_id, user_id, aad_object_id, updated_at)
        VALUES (@Workspace, @ConversationId, @ConversationType, @ServiceUrl, @TenantId, @BotId, @UserId, @AadObjectId, @UpdatedAt)
        ON CONFLICT (workspace, conversation_id) DO UPDATE SET
            conversation_type = excluded.conversation_type, service_url = excluded.service_url,
            tenant_id = excluded.tenant_id, bot_id = excluded.bot_id,
            user_id = COALESCE(excluded.user_id, conversation_references.user_id),
            aad_object_id = COALESCE(excluded.aad_object_id, conversation_references.aad_object_id),
            updated_at = excluded.updated_at
        """;

    private const string FindConversationSql =
        "SELECT " + Columns + " FROM conversation_references WHERE workspace = @Workspace AND conversation_id = @ConversationId";

    // The user's own personal chat first; otherwise the most recently seen conversation of the workspace, whose
    // service URL and bot id are what creating a 1:1 conversation needs.
    private const string FindForUserSql =
        "SELECT " + Columns + """
         FROM conversation_references
        WHERE workspace = @Workspace
        ORDER BY (user_id IS NOT NULL AND user_id = @UserId AND conversation_type = 'personal') DESC, updated_at DESC
        LIMIT 1
        """;

    private const string MarkUnreachableSql = """
        INSERT INTO unreachable_users (workspace, user_id, since) VALUES (@Workspace, @UserId, @At)
        ON CONFLICT (workspace, user_id) DO NOTHING
        """;

    private const string MarkReachableSql = "DELETE FROM unreachable_users WHERE workspace = @Workspace AND user_id = @UserId";

    private const string IsUnreachableSql =
        "SELECT EXISTS (SELECT 1 FROM unreachable_users WHERE workspace = @Workspace AND user_id = @UserId)";

    public Task UpsertAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var row = new
        {
            Workspace = reference.Workspace.Value,
            reference.ConversationId,
            reference.ConversationType,
            reference.ServiceUrl,
            reference.TenantId,
            reference.BotId,
            reference.UserId,
            reference.AadObjectId,
            UpdatedAt = reference.UpdatedAt.ToUnixTimeMilliseconds(),
        };
        return writer.ExecuteAsync(unit => unit.Execute(UpsertSql, row), cancellationToken);
    }

    public async Task<ConversationReference?> FindConversationAsync(WorkspaceId workspace, string conversationId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ReferenceRow>(new CommandDefinition(
            FindConversationSql, new { Workspace = workspace.Value, ConversationId = conversationId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToReference();
    }

    public async Task<ConversationReference?> FindForUserAsync(WorkspaceId workspace, string userId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ReferenceRow>(new CommandDefinition(
            FindForUserSql, new { Workspace = workspace.Value, UserId = userId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToReference();
    }

    public Task SetUserReachableAsync(WorkspaceId workspace, string userId, bool reachable, Instant at, CancellationToken cancellationToken)
    {
        var args = new { Workspace = workspace.Value, UserId = userId, At = at.ToUnixTimeMilliseconds() };
        var sql = reachable ? MarkReachableSql : MarkUnreachableSql;
        return writer.ExecuteAsync(unit => unit.Execute(sql, args), cancellationToken);
    }

    public async Task<bool> IsUserReachableAsync(WorkspaceId workspace, string userId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var unreachable = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            IsUnreachableSql, new { Workspace = workspace.Value, UserId = userId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return !unreachable;
    }

    private sealed class ReferenceRow
    {
        public string Workspace { get; init; } = "";
        public string ConversationId { get; init; } = "";
        public string ConversationType { get; init; } = "";
        public string ServiceUrl { get; init; } = "";
        public string TenantId { get; init; } = "";
        public string BotId { get; init; } = "";
        public string? UserId { get; init; }
        public string? AadObjectId { get; init; }
        public long UpdatedAt { get; init; }

        public ConversationReference ToReference() => new(
            new WorkspaceId(Workspace), ConversationId, ConversationType, ServiceUrl, TenantId, BotId, UserId, AadObjectId,
            Instant.FromUnixTimeMilliseconds(UpdatedAt));
    }
}
