using PromiseBot.Core;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using PromiseBot.Core.Installations;
using PromiseBot.Core.Promises;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.OAuth;

/// <summary>
/// <see cref="ISlackTokenSource"/> for an app installed in many workspaces: each workspace's own bot token, read from
/// its stored installation (team id first, then the enterprise id of an org-wide install), decrypted with ASP.NET Core
/// Data Protection and kept in memory for <see cref="CacheTtl"/>. A workspace without an installation gets
/// <c>Slack__BotToken</c> when one is set, so a single-workspace setup keeps working. With token rotation, a token that
/// expires within <see cref="RefreshAhead"/> is refreshed through <c>oauth.v2.access</c> first, one refresh per
/// workspace at a time (https://docs.slack.dev/authentication/using-token-rotation).
/// </summary>
public sealed partial class SlackInstallationTokens : ISlackTokenSource, ISlackInstallations
{
    /// <summary>How long a decrypted token (or "not installed") is reused before the store is read again.</summary>
    public static readonly TimeSpan CacheTtl = TimeSpan.FromMinutes(1);

    /// <summary>A rotating token this close to its expiry is refreshed before it is used.</summary>
    public static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    // Versioned: a new purpose string can never decrypt what an older one wrote, and vice versa.
    private const string ProtectionPurpose = "PromiseBot.Slack.InstallationTokens.v1";

    private readonly IInstallationStore _store;
    private readonly SlackOAuthClient _oauth;
    private readonly SlackOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SlackInstallationTokens> _logger;
    private readonly IDataProtector? _protector;
    private readonly string? _botToken;

    private readonly Lock _cacheGate = new();
    private readonly Dictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);
    private readonly IClusterLock _refreshLock;
    private readonly ConcurrentDictionary<string, (string? Enterprise, DateTimeOffset Until)> _enterprises = new(StringComparer.Ordinal);
    private long _generation;

    /// <param name="protection">Null when OAuth install is off: installations can then be removed, but not stored or read.</param>
    public SlackInstallationTokens(
        IInstallationStore store,
        SlackOAuthClient oauth,
        IOptions<SlackOptions> options,
        TimeProvider time,
        ILogger<SlackInstallationTokens> logger,
        IClusterLock refreshLock,
        IDataProtectionProvider? protection = null)
    {
        _refreshLock = refreshLock;
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _oauth = oauth;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _protector = protection?.CreateProtector(ProtectionPurpose);
        _botToken = string.IsNullOrWhiteSpace(_options.BotToken) ? null : _options.BotToken;
    }

    public bool MayHaveTokens => _botToken is not null || (_options.HasOAuthClient && _protector is not null);

    public ValueTask<string?> GetBotTokenAsync(string teamId, CancellationToken cancellationToken) =>
        GetBotTokenAsync(teamId, enterpriseId: null, cancellationToken);

    /// <summary>
    /// The token for a workspace: its own installation, else its enterprise's org-wide installation, else
    /// <c>Slack__BotToken</c> (or null).
    /// </summary>
    public async ValueTask<string?> GetBotTokenAsync(string teamId, string? enterpriseId, CancellationToken cancellationToken)
    {
        if (_protector is not null)
        {
            if (!string.IsNullOrEmpty(teamId) && await TokenForAsync(teamId, cancellationToken).ConfigureAwait(false) is { } own)
            {
                return own;
            }

            if (string.IsNullOrEmpty(enterpriseId) && !string.IsNullOrEmpty(teamId))
            {
                enterpriseId = await EnterpriseOfAsync(teamId, cancellationToken).ConfigureAwait(false);
            }

            if (!string.IsNullOrEmpty(enterpriseId) && await TokenForAsync(enterpriseId, cancellationToken).ConfigureAwait(false) is { } org)
            {
                return org;
            }
        }

        return _botToken;
    }

    public async Task<AppInstallation> SaveAsync(SlackOAuthAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var protector = _protector ?? throw new InvalidOperationException("Installing needs Data Protection (Slack:ClientId and Slack:ClientSecret set).");
        if (string.IsNullOrEmpty(access.InstallationKey) || string.IsNullOrEmpty(access.BotUserId))
        {
            throw new ArgumentException("The install names no workspace or bot user.", nameof(access));
        }

        var now = _time.GetUtcNow();
        var at = Instant.FromDateTimeOffset(now);
        var installation = new AppInstallation(
            new WorkspaceId(access.InstallationKey),
            access.IsEnterpriseInstall ? null : access.TeamId,
            access.TeamName,
            access.EnterpriseId,
            access.EnterpriseName,
            access.IsEnterpriseInstall,
            access.AppId,
            access.BotUserId,
            access.Scope,
            protector.Protect(access.AccessToken),
            access.RefreshToken is { } refresh ? protector.Protect(refresh) : null,
            ExpiryOf(access, now),
            at,
            at);
        await _store.SaveAsync(installation, cancellationToken).ConfigureAwait(false);
        Invalidate(access.InstallationKey);
        LogInstalled(_logger, access.InstallationKey, access.BotUserId, access.RefreshToken is not null);
        return installation;
    }

    public async Task<bool> RemoveAsync(string teamId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(teamId);
        var removed = await _store.RemoveAsync(new WorkspaceId(teamId), cancellationToken).ConfigureAwait(false);
        Forget(teamId);
        if (removed)
        {
            LogRemoved(_logger, teamId);
        }

        return removed;
    }

    public void Forget(string teamId)
    {
        ArgumentException.ThrowIfNullOrEmpty(teamId);
        Invalidate(teamId);
    }

    public async ValueTask NoteEnterpriseAsync(string? teamId, string? enterpriseId, CancellationToken cancellationToken)
    {
        if (_protector is null || string.IsNullOrEmpty(teamId) || string.IsNullOrEmpty(enterpriseId) || teamId == enterpriseId
            || (_enterprises.TryGetValue(teamId, out var known) && known.Enterprise == enterpriseId))
        {
            return;
        }

        await _store.RememberEnterpriseAsync(new WorkspaceId(teamId), enterpriseId, Instant.FromDateTimeOffset(_time.GetUtcNow()), cancellationToken)
            .ConfigureAwait(false);
        _enterprises[teamId] = (enterpriseId, DateTimeOffset.MaxValue);
    }

    // The org a workspace belongs to, as last seen; "none" is remembered for CacheTtl so a workspace without any
    // install costs one read a minute, not one per message.
    private async ValueTask<string?> EnterpriseOfAsync(string teamId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_enterprises.TryGetValue(teamId, out var known) && known.Until > now)
        {
            return known.Enterprise;
        }

        var enterprise = await _store.FindEnterpriseAsync(new WorkspaceId(teamId), cancellationToken).ConfigureAwait(false);
        _enterprises[teamId] = (enterprise, enterprise is null ? now + CacheTtl : DateTimeOffset.MaxValue);
        return enterprise;
    }

    private async ValueTask<string?> TokenForAsync(string key, CancellationToken cancellationToken)
    {
        var tokens = await CachedAsync(key, cancellationToken).ConfigureAwait(false);
        if (tokens is null)
        {
            return null;
        }

        return NeedsRefresh(tokens) ? await RefreshAsync(key, cancellationToken).ConfigureAwait(false) : tokens.AccessToken;
    }

    private bool NeedsRefresh(Tokens tokens) =>
        tokens.RefreshToken is not null && tokens.ExpiresAt is { } expires && expires - _time.GetUtcNow() <= RefreshAhead;

    private async ValueTask<Tokens?> CachedAsync(string key, CancellationToken cancellationToken)
    {
        long generation;
        lock (_cacheGate)
        {
            if (_cache.TryGetValue(key, out var entry) && entry.Until > _time.GetUtcNow())
            {
                return entry.Tokens;
            }

            generation = _generation;
        }

        var tokens = await LoadAsync(key, cancellationToken).ConfigureAwait(false);
        Remember(key, tokens, generation);
        return tokens;
    }

    // Only when nothing was invalidated since the read began: a load that raced an uninstall must not put the deleted
    // token back.
    private void Remember(string key, Tokens? tokens, long generation)
    {
        lock (_cacheGate)
        {
            if (_generation == generation)
            {
                _cache[key] = new CacheEntry(tokens, _time.GetUtcNow() + CacheTtl);
            }
        }
    }

    private void Invalidate(string key)
    {
        lock (_cacheGate)
        {
            _generation++;
            _cache.Remove(key);
        }
    }

    private long Generation()
    {
        lock (_cacheGate)
        {
            return _generation;
        }
    }

    private async Task<Tokens?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        var installation = await _store.FindAsync(new WorkspaceId(key), cancellationToken).ConfigureAwait(false);
        if (installation is null || _protector is null)
        {
            return null;
        }

        try
        {
            return new Tokens(
                installation.ProtectedAccessToken,
                _protector.Unprotect(installation.ProtectedAccessToken),
                installation.ProtectedRefreshToken is { } refresh ? _protector.Unprotect(refresh) : null,
                installation.ExpiresAt?.ToDateTimeOffset());
        }
        catch (CryptographicException)
        {
            // The key ring beside the database was lost or replaced: the stored token is unreadable until the
            // workspace installs again. Treated as "not installed" rather than failing every call.
            LogUnreadable(_logger, key);
            return null;
        }
    }

    private async Task<string?> RefreshAsync(string key, CancellationToken cancellationToken)
    {
        // One refresh per workspace at a time, across every host on the database (a rotating refresh token is spent
        // by its use: two hosts refreshing at once would have one of them store a token pair the other replaced).
        var held = await _refreshLock.AcquireAsync("slack-token-refresh:" + key, cancellationToken).ConfigureAwait(false);
        await using (held.ConfigureAwait(false))
        {
            // Whoever held the gate before us may have refreshed already: decide again on what is stored now.
            var generation = Generation();
            var current = await LoadAsync(key, cancellationToken).ConfigureAwait(false);
            if (current is null || !NeedsRefresh(current))
            {
                Remember(key, current, generation);
                return current?.AccessToken;
            }

            SlackOAuthAccess refreshed;
            try
            {
                refreshed = await _oauth.RefreshAsync(current.RefreshToken!, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (SlackFailures.IsTransient(e, cancellationToken))
            {
                var stillValid = current.ExpiresAt > _time.GetUtcNow();
                LogRefreshFailed(_logger, key, (e as SlackApiException)?.Error ?? e.GetType().Name, stillValid);
                if (stillValid)
                {
                    return current.AccessToken;
                }

                throw;
            }

            var protector = _protector!;
            var now = _time.GetUtcNow();
            var refreshToken = refreshed.RefreshToken ?? current.RefreshToken;
            var expiresAt = ExpiryOf(refreshed, now);
            var stored = await _store.UpdateTokensAsync(
                new WorkspaceId(key),
                current.ProtectedAccessToken,
                protector.Protect(refreshed.AccessToken),
                refreshToken is null ? null : protector.Protect(refreshToken),
                expiresAt,
                Instant.FromDateTimeOffset(now),
                cancellationToken).ConfigureAwait(false);
            Invalidate(key);
            if (!stored)
            {
                // Re-installed or uninstalled while we refreshed: what is stored now wins.
                LogRefreshSuperseded(_logger, key);
                return (await LoadAsync(key, cancellationToken).ConfigureAwait(false))?.AccessToken;
            }

            LogRefreshed(_logger, key, expiresAt?.ToDateTimeOffset());
            return refreshed.AccessToken;
        }
    }

    private static Instant? ExpiryOf(SlackOAuthAccess access, DateTimeOffset now) =>
        access.ExpiresInSeconds is { } seconds ? Instant.FromDateTimeOffset(now.AddSeconds(seconds)) : null;

    // The decrypted tokens of one installation. ProtectedAccessToken identifies the stored version for the
    // compare-and-set after a refresh.
    private sealed record Tokens(string ProtectedAccessToken, string AccessToken, string? RefreshToken, DateTimeOffset? ExpiresAt)
    {
        public override string ToString() => $"Tokens {{ ExpiresAt = {ExpiresAt} }}";
    }

    private sealed record CacheEntry(Tokens? Tokens, DateTimeOffset Until);

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Slack: installed in {Workspace} (bot user {BotUserId}, token rotation {Rotating})")]
    private static partial void LogInstalled(ILogger logger, string workspace, string botUserId, bool rotating);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Slack: forgot the installation and tokens of {Workspace}")]
    private static partial void LogRemoved(ILogger logger, string workspace);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Error, Message = "Slack: the stored token of {Workspace} cannot be decrypted (were the Data Protection keys beside the database lost?); the workspace must install again")]
    private static partial void LogUnreadable(ILogger logger, string workspace);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Slack: refreshed the rotating token of {Workspace}; the new one expires at {ExpiresAt}")]
    private static partial void LogRefreshed(ILogger logger, string workspace, DateTimeOffset? expiresAt);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "Slack: refreshing the token of {Workspace} failed ({Error}); current token still valid: {StillValid}")]
    private static partial void LogRefreshFailed(ILogger logger, string workspace, string error, bool stillValid);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Warning, Message = "Slack: {Workspace} was re-installed or uninstalled during a token refresh; the stored installation wins")]
    private static partial void LogRefreshSuperseded(ILogger logger, string workspace);
}
