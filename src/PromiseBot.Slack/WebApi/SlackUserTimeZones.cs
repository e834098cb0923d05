using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Slack.WebApi;

/// <summary>
/// <see cref="ISlackUserDirectory"/> over <c>users.info</c>, cached in memory. It sits on the slash-command path,
/// which must answer within Slack's 3 s, so each lookup is capped at <see cref="LookupTimeout"/> and a failure is
/// remembered (as "unknown") for <see cref="FailureTtl"/>: a slow or down Slack API costs one command at most
/// 1.5 s, not every command.
/// </summary>
public sealed partial class SlackUserTimeZones(
    SlackWebApiClient client,
    TimeProvider timeProvider,
    ILogger<SlackUserTimeZones> logger) : ISlackUserDirectory
{
    /// <summary>People rarely change zone; a day-old answer is fine and keeps us far below Tier 4 limits.</summary>
    public static readonly TimeSpan SuccessTtl = TimeSpan.FromHours(24);

    public static readonly TimeSpan FailureTtl = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(1.5);

    private readonly ConcurrentDictionary<(WorkspaceId Workspace, UserId User), Entry> _cache = new();

    public async Task<string?> GetTimeZoneAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken)
    {
        if (!client.HasBotToken)
        {
            // Slack is set up without a bot token (e.g. local dev): the default zone is the expected answer.
            return null;
        }

        var key = (workspace, user);
        var now = timeProvider.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.ExpiresAt > now)
        {
            return cached.TimeZone;
        }

        using var timeout = new CancellationTokenSource(LookupTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string? zone;
        TimeSpan ttl;
        try
        {
            var info = await client.GetUserInfoAsync(workspace.Value, user.Value, linked.Token).ConfigureAwait(false);
            zone = Validate(info?.TimeZone);
            ttl = SuccessTtl;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (SlackFailures.IsTransient(e, cancellationToken))
        {
            LogLookupFailed(logger, workspace.Value, user.Value, e.GetType().Name, (e as SlackApiException)?.Error);
            zone = null;
            ttl = FailureTtl;
        }

        _cache[key] = new Entry(zone, timeProvider.GetUtcNow() + ttl);
        return zone;
    }

    // Slack sends IANA ids, but a zone our tz database does not know would break every date computation later.
    private static string? Validate(string? zone) =>
        zone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null ? zone : null;

    [LoggerMessage(EventId = 2340, Level = LogLevel.Warning,
        Message = "Slack users.info failed for {Workspace}/{User} ({ExceptionType}, {SlackError}); using the default time zone for 5 minutes")]
    private static partial void LogLookupFailed(ILogger logger, string workspace, string user, string exceptionType, string? slackError);

    private sealed record Entry(string? TimeZone, DateTimeOffset ExpiresAt);
}
