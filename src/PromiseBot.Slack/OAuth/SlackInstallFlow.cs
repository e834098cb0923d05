using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using PromiseBot.Core.Installations;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.OAuth;

/// <summary>
/// The OAuth v2 install ("Add to Slack", https://docs.slack.dev/authentication/installing-with-oauth) without any
/// HTTP types: <see cref="BeginAsync"/> hands out a random single-use state (its SHA-256 stored, valid
/// <see cref="StateLifetime"/>) and the authorize URL; <see cref="CompleteAsync"/> checks the state against the browser's
/// cookie and the store, exchanges the code with <c>oauth.v2.access</c> and stores the installation.
/// </summary>
public sealed partial class SlackInstallFlow(
    IInstallStateStore states,
    SlackOAuthClient oauth,
    ISlackInstallations installations,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackInstallFlow> logger)
{
    /// <summary>How long an install may take from our redirect to Slack's callback (Bolt uses 10 minutes too).</summary>
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    private const int StateBytes = 32;

    public async Task<SlackInstallStart> BeginAsync(CancellationToken cancellationToken)
    {
        var state = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(StateBytes));
        var now = time.GetUtcNow();
        var expiresAt = now + StateLifetime;
        await states.AddAsync(Hash(state), Instant.FromDateTimeOffset(now), Instant.FromDateTimeOffset(expiresAt), cancellationToken)
            .ConfigureAwait(false);
        return new SlackInstallStart(state, AuthorizeUrl(state), expiresAt);
    }

    public async Task<SlackInstallOutcome> CompleteAsync(SlackInstallCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var matchesCookie = !string.IsNullOrEmpty(callback.State) && SameValue(callback.State, callback.CookieState);
        if (!string.IsNullOrEmpty(callback.Error))
        {
            // Slack returns the state with the error: spend it, so this link cannot be completed later.
            if (matchesCookie)
            {
                await ConsumeAsync(callback.State!, cancellationToken).ConfigureAwait(false);
            }

            LogSlackError(logger, Truncate(callback.Error));
            return callback.Error == "access_denied"
                ? new SlackInstallOutcome.Cancelled()
                : new SlackInstallOutcome.SlackFailed(Truncate(callback.Error));
        }

        if (string.IsNullOrEmpty(callback.State))
        {
            return Refuse(SlackInstallRefusal.MissingState);
        }

        if (!matchesCookie)
        {
            return Refuse(SlackInstallRefusal.WrongBrowser);
        }

        switch (await ConsumeAsync(callback.State, cancellationToken).ConfigureAwait(false))
        {
            case InstallStateCheck.Unknown:
                return Refuse(SlackInstallRefusal.UnknownState);
            case InstallStateCheck.Expired:
                return Refuse(SlackInstallRefusal.ExpiredState);
            case InstallStateCheck.AlreadyUsed:
                return Refuse(SlackInstallRefusal.AlreadyUsed);
        }

        if (string.IsNullOrEmpty(callback.Code))
        {
            return Refuse(SlackInstallRefusal.MissingCode);
        }

        SlackOAuthAccess access;
        try
        {
            access = await oauth.ExchangeCodeAsync(callback.Code, options.Value.RedirectUri, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException e)
        {
            LogExchangeFailed(logger, e.Error);
            return new SlackInstallOutcome.SlackFailed(e.Error);
        }
        catch (HttpRequestException e)
        {
            LogUnreachable(logger, e.HttpRequestError.ToString());
            return new SlackInstallOutcome.SlackUnreachable("network");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, "timeout");
            return new SlackInstallOutcome.SlackUnreachable("timeout");
        }

        if (!IsBotInstall(access))
        {
            LogExchangeFailed(logger, "no bot token or workspace in the answer");
            return new SlackInstallOutcome.SlackFailed("invalid_response");
        }

        var installation = await installations.SaveAsync(access, cancellationToken).ConfigureAwait(false);
        return new SlackInstallOutcome.Installed(installation.Workspace.Value, access.DisplayName);
    }

    /// <summary>The Slack page that asks the person to approve the install.</summary>
    public Uri AuthorizeUrl(string state)
    {
        var slack = options.Value;
        var query = new List<KeyValuePair<string, string?>>
        {
            new("client_id", slack.ClientId),
            new("scope", string.Join(',', SlackScopes.Bot)),
        };
        if (!string.IsNullOrWhiteSpace(slack.RedirectUri))
        {
            query.Add(new("redirect_uri", slack.RedirectUri));
        }

        query.Add(new("state", state));
        var page = string.IsNullOrWhiteSpace(slack.AuthorizeUrl) ? SlackOptions.DefaultAuthorizeUrl : slack.AuthorizeUrl;
        return new Uri(QueryHelpers.AddQueryString(page, query), UriKind.Absolute);
    }

    private Task<InstallStateCheck> ConsumeAsync(string state, CancellationToken cancellationToken) =>
        states.ConsumeAsync(Hash(state), Instant.FromDateTimeOffset(time.GetUtcNow()), cancellationToken);

    private SlackInstallOutcome.Refused Refuse(SlackInstallRefusal reason)
    {
        LogRefused(logger, reason);
        return new SlackInstallOutcome.Refused(reason);
    }

    private static bool IsBotInstall(SlackOAuthAccess access) =>
        access.TokenType is null or "bot" && !string.IsNullOrEmpty(access.InstallationKey) && !string.IsNullOrEmpty(access.BotUserId);

    // Only the hash is stored: someone who can read the database cannot complete a pending install with it.
    private static string Hash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    private static bool SameValue(string state, string? cookie) =>
        cookie is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(cookie));

    // The error comes from the query string, so anyone can put anything there: keep it short in logs and pages.
    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64];

    [LoggerMessage(EventId = 2180, Level = LogLevel.Warning, Message = "Slack install refused before contacting Slack: {Reason}")]
    private static partial void LogRefused(ILogger logger, SlackInstallRefusal reason);

    [LoggerMessage(EventId = 2181, Level = LogLevel.Information, Message = "Slack install not completed: Slack sent error {Error}")]
    private static partial void LogSlackError(ILogger logger, string error);

    [LoggerMessage(EventId = 2182, Level = LogLevel.Warning, Message = "Slack install failed: oauth.v2.access answered {Error}")]
    private static partial void LogExchangeFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 2183, Level = LogLevel.Warning, Message = "Slack install failed: could not reach oauth.v2.access ({Reason})")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
