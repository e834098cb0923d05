using Dapper;
using NodaTime;
using PromiseBot.Core.Installations;
using PromiseBot.Core.Promises;

namespace PromiseBot.Storage.Installations;

/// <summary>
/// Slack installations and OAuth states in SQLite (migration 0005). Every installation statement filters on the
/// workspace key. The tokens arrive already encrypted; this class never sees a raw token. Writes go through the
/// writer (<see cref="IDbWriter"/>), which also makes "check the state, then mark it used" atomic.
/// </summary>
public sealed class SqlInstallationStore(IDatabase database, IDbWriter writer) : IInstallationStore, IInstallStateStore
{
    // States this much past their expiry are deleted when a new one is added: long enough to still tell "expired"
    // from "unknown" to someone who comes back late, short enough that the table stays tiny.
    private static readonly Duration StateRetention = Duration.FromDays(1);

    private const string Columns = """
        workspace, team_id, team_name, enterprise_id, enterprise_name, is_enterprise_install, app_id, bot_user_id,
        scopes, access_token_protected, refresh_token_protected, expires_at, installed_at, updated_at
        """;

    // A re-install replaces everything but when the workspace first installed.
    private const string UpsertSql = """
        INSERT INTO slack_installations
            (workspace, team_id, team_name, enterprise_id, enterprise_name, is_enterprise_install, app_id, bot_user_id,
             scopes, access_token_protected, refresh_token_protected, expires_at, installed_at, updated_at)
        VALUES (@Workspace, @TeamId, @TeamName, @EnterpriseId, @EnterpriseName, @IsEnterpriseInstall, @AppId, @BotUserId,
             @Scopes, @AccessTokenProtected, @RefreshTokenProtected, @ExpiresAt, @InstalledAt, @UpdatedAt)
        ON CONFLICT (workspace) DO UPDATE SET
            team_id = excluded.team_id, team_name = excluded.team_name, enterprise_id = excluded.enterprise_id,
            enterprise_name = excluded.enterprise_name, is_enterprise_install = excluded.is_enterprise_install,
            app_id = excluded.app_id, bot_user_id = excluded.bot_user_id, scopes = excluded.scopes,
            access_token_protected = excluded.access_token_protected,
            refresh_token_protected = excluded.refresh_token_protected, expires_at = excluded.expires_at,
            updated_at = excluded.updated_at
        """;

    private const string FindSql = "SELECT " + Columns + " FROM slack_installations WHERE workspace = @Workspace";

    private const string UpdateTokensSql = """
        UPDATE slack_installations
           SET access_token_protected = @AccessTokenProtected, refresh_token_protected = @RefreshTokenProtected,
               expires_at = @ExpiresAt, updated_at = @UpdatedAt
         WHERE workspace = @Workspace AND access_token_protected = @Expected
        """;

    private const string RemoveSql = "DELETE FROM slack_installations WHERE workspace = @Workspace";

    private const string RememberEnterpriseSql = """
        INSERT INTO slack_team_enterprises (workspace, enterprise_id, seen_at) VALUES (@Workspace, @EnterpriseId, @SeenAt)
        ON CONFLICT (workspace) DO UPDATE SET enterprise_id = excluded.enterprise_id, seen_at = excluded.seen_at
        """;

    private const string FindEnterpriseSql = "SELECT enterprise_id FROM slack_team_enterprises WHERE workspace = @Workspace";

    private const string AddStateSql = """
        INSERT INTO slack_oauth_states (state_hash, created_at, expires_at) VALUES (@StateHash, @CreatedAt, @ExpiresAt)
        """;

    private const string PruneStatesSql = "DELETE FROM slack_oauth_states WHERE expires_at < @Before";

    private const string FindStateSql = "SELECT expires_at, used_at FROM slack_oauth_states WHERE state_hash = @StateHash";

    private const string UseStateSql = "UPDATE slack_oauth_states SET used_at = @Now WHERE state_hash = @StateHash AND used_at IS NULL";

    public Task SaveAsync(AppInstallation installation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var row = new
        {
            Workspace = installation.Workspace.Value,
            installation.TeamId,
            installation.TeamName,
            installation.EnterpriseId,
            installation.EnterpriseName,
            IsEnterpriseInstall = installation.IsEnterpriseInstall ? 1 : 0,
            installation.AppId,
            installation.BotUserId,
            installation.Scopes,
            AccessTokenProtected = installation.ProtectedAccessToken,
            RefreshTokenProtected = installation.ProtectedRefreshToken,
            ExpiresAt = installation.ExpiresAt?.ToUnixTimeMilliseconds(),
            InstalledAt = installation.InstalledAt.ToUnixTimeMilliseconds(),
            UpdatedAt = installation.UpdatedAt.ToUnixTimeMilliseconds(),
        };
        return writer.ExecuteAsync(unit => unit.Execute(UpsertSql, row), cancellationToken);
    }

    public async Task<AppInstallation?> FindAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<InstallationRow>(new CommandDefinition(
            FindSql, new { Workspace = workspace.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToInstallation();
    }

    public async Task<bool> UpdateTokensAsync(
        WorkspaceId workspace,
        string expectedProtectedAccessToken,
        string protectedAccessToken,
        string? protectedRefreshToken,
        Instant? expiresAt,
        Instant updatedAt,
        CancellationToken cancellationToken)
    {
        var args = new
        {
            Workspace = workspace.Value,
            Expected = expectedProtectedAccessToken,
            AccessTokenProtected = protectedAccessToken,
            RefreshTokenProtected = protectedRefreshToken,
            ExpiresAt = expiresAt?.ToUnixTimeMilliseconds(),
            UpdatedAt = updatedAt.ToUnixTimeMilliseconds(),
        };
        var changed = await writer.ExecuteAsync(unit => unit.Execute(UpdateTokensSql, args), cancellationToken)
            .ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<bool> RemoveAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var removed = await writer.ExecuteAsync(
            unit => unit.Execute(RemoveSql, new { Workspace = workspace.Value }), cancellationToken)
            .ConfigureAwait(false);
        return removed > 0;
    }

    public Task RememberEnterpriseAsync(WorkspaceId workspace, string enterpriseId, Instant seenAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(enterpriseId);
        var row = new { Workspace = workspace.Value, EnterpriseId = enterpriseId, SeenAt = seenAt.ToUnixTimeMilliseconds() };
        return writer.ExecuteAsync(unit => unit.Execute(RememberEnterpriseSql, row), cancellationToken);
    }

    public async Task<string?> FindEnterpriseAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                FindEnterpriseSql, new { Workspace = workspace.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    public Task AddAsync(string stateHash, Instant createdAt, Instant expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateHash);
        var row = new { StateHash = stateHash, CreatedAt = createdAt.ToUnixTimeMilliseconds(), ExpiresAt = expiresAt.ToUnixTimeMilliseconds() };
        var before = (createdAt - StateRetention).ToUnixTimeMilliseconds();
        return writer.ExecuteAsync(
            unit =>
            {
                unit.Execute(PruneStatesSql, new { Before = before });
                return unit.Execute(AddStateSql, row);
            },
            cancellationToken);
    }

    public Task<InstallStateCheck> ConsumeAsync(string stateHash, Instant now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateHash);
        var nowMs = now.ToUnixTimeMilliseconds();
        // Read and mark in one write transaction of the writer: two callbacks racing with the same state
        // cannot both see it unused.
        return writer.ExecuteAsync(
            unit =>
            {
                var state = unit.QuerySingleOrDefault<StateRow>(FindStateSql, new { StateHash = stateHash });
                if (state is null)
                {
                    return InstallStateCheck.Unknown;
                }

                if (state.UsedAt is not null)
                {
                    return InstallStateCheck.AlreadyUsed;
                }

                if (state.ExpiresAt <= nowMs)
                {
                    return InstallStateCheck.Expired;
                }

                // The UPDATE only marks an unused state, so even a writer that does not serialise (another provider)
                // lets exactly one callback through.
                return unit.Execute(UseStateSql, new { StateHash = stateHash, Now = nowMs }) == 1
                    ? InstallStateCheck.Valid
                    : InstallStateCheck.AlreadyUsed;
            },
            cancellationToken);
    }

    private sealed class StateRow
    {
        public long ExpiresAt { get; init; }
        public long? UsedAt { get; init; }
    }

    private sealed class InstallationRow
    {
        public string Workspace { get; init; } = "";
        public string? TeamId { get; init; }
        public string? TeamName { get; init; }
        public string? EnterpriseId { get; init; }
        public string? EnterpriseName { get; init; }
        public bool IsEnterpriseInstall { get; init; }
        public string? AppId { get; init; }
        public string BotUserId { get; init; } = "";
        public string? Scopes { get; init; }
        public string AccessTokenProtected { get; init; } = "";
        public string? RefreshTokenProtected { get; init; }
        public long? ExpiresAt { get; init; }
        public long InstalledAt { get; init; }
        public long UpdatedAt { get; init; }

        public AppInstallation ToInstallation() => new(
            new WorkspaceId(Workspace), TeamId, TeamName, EnterpriseId, EnterpriseName, IsEnterpriseInstall, AppId, BotUserId,
            Scopes, AccessTokenProtected, RefreshTokenProtected,
            ExpiresAt is { } expires ? Instant.FromUnixTimeMilliseconds(expires) : null,
            Instant.FromUnixTimeMilliseconds(InstalledAt),
            Instant.FromUnixTimeMilliseconds(UpdatedAt));
    }
}
