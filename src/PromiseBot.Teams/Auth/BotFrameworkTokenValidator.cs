using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace PromiseBot.Teams.Auth;

/// <summary>
/// Validates the Bearer JWT the Bot Framework channel sends with every activity, following
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication:
/// RS256/384/512 signature by a key from the OpenID metadata's key set (matched by <c>kid</c>), issuer
/// <c>https://api.botframework.com</c>, audience = our app id, lifetime with 5 minutes of clock skew. Keys are cached
/// (refreshed daily); a token naming an unknown <c>kid</c> triggers a fresh fetch at most once an hour, so a key
/// rotation is picked up without letting junk tokens hammer the metadata endpoint.
/// </summary>
public sealed class BotFrameworkTokenValidator
{
    public const string Issuer = "https://api.botframework.com";

    public const string ServiceUrlClaim = "serviceurl";

    /// <summary>The doc's allowance for clocks that disagree.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan KeyRefreshInterval = TimeSpan.FromHours(24);

    /// <summary>The shortest gap between two forced re-fetches caused by an unknown key id.</summary>
    public static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromHours(1);

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly string _metadataUrl;
    private readonly string _appId;
    private readonly HttpClient _httpClient;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    // The Bot Framework sends the same token with every activity for about an hour. A token string whose signature,
    // issuer and audience were verified is remembered for a few minutes (never past its expiry), so the RSA check
    // is not repeated for every message. Only the exact same string hits; the per-activity checks (endorsement,
    // serviceurl) still run every time in InboundToken.Authorize.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (InboundToken Token, DateTimeOffset Until)> _verified =
        new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private ConfigurationManager<BotFrameworkSigningKeys> _keys;
    private DateTimeOffset? _lastForcedRefresh;

    public BotFrameworkTokenValidator(string metadataUrl, string appId, HttpClient httpClient, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metadataUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        if (!TeamsUrls.IsAllowedEndpoint(metadataUrl))
        {
            throw new ArgumentException("The OpenID metadata URL must be https (plain http only for loopback hosts).", nameof(metadataUrl));
        }

        _metadataUrl = metadataUrl;
        _appId = appId;
        _httpClient = httpClient;
        _time = time;
        _keys = CreateManager();
    }

    /// <summary>Validates the <c>Authorization</c> header value. Never throws for a bad token.</summary>
    public async Task<InboundToken> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(authorization)
            || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || authorization.Length <= "Bearer ".Length)
        {
            return InboundToken.Refused(TeamsAuthFailure.MissingToken);
        }

        var token = authorization["Bearer ".Length..].Trim();
        if (!_handler.CanReadToken(token))
        {
            return InboundToken.Refused(TeamsAuthFailure.Malformed);
        }

        var now = _time.GetUtcNow();
        if (_verified.TryGetValue(token, out var known) && now < known.Until)
        {
            return known.Token;
        }

        var first = await ValidateWithCurrentKeysAsync(token, cancellationToken).ConfigureAwait(false);
        if (first.Failure != TeamsAuthFailure.UnknownKey || !TryStartForcedRefresh())
        {
            return Remember(token, first, now);
        }

        return Remember(token, await ValidateWithCurrentKeysAsync(token, cancellationToken).ConfigureAwait(false), now);
    }

    /// <summary>Fetches the signing keys ahead of the first activity; never throws.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            ConfigurationManager<BotFrameworkSigningKeys> manager;
            lock (_gate)
            {
                manager = _keys;
            }

            await manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (TeamsTransientFailure.IsKeyFetch(ex, cancellationToken) || ex is OperationCanceledException)
        {
            // The first activity tries again and reports MetadataUnavailable if it still fails (stopping mid-fetch is fine too).
        }
    }

    /// <summary>How long a verified token string is trusted without checking its signature again.</summary>
    public static readonly TimeSpan VerifiedTokenCacheTime = TimeSpan.FromMinutes(5);

    private const int MaxVerifiedTokens = 10_000;

    private InboundToken Remember(string token, InboundToken result, DateTimeOffset now)
    {
        if (!result.IsValid || result.ValidUntil is not { } expires)
        {
            return result;
        }

        if (_verified.Count >= MaxVerifiedTokens)
        {
            _verified.Clear();
        }

        var until = now + VerifiedTokenCacheTime;
        _verified[token] = (result, until < expires ? until : expires);
        return result;
    }

    private async Task<InboundToken> ValidateWithCurrentKeysAsync(string token, CancellationToken cancellationToken)
    {
        BotFrameworkSigningKeys keys;
        try
        {
            ConfigurationManager<BotFrameworkSigningKeys> manager;
            lock (_gate)
            {
                manager = _keys;
            }

            keys = await manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (TeamsTransientFailure.IsKeyFetch(ex, cancellationToken))
        {
            return InboundToken.Refused(TeamsAuthFailure.MetadataUnavailable);
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = _appId,
            IssuerSigningKeys = keys.Keys,
            ValidAlgorithms = Algorithms,
            // Only the key the token names may verify it: trying every key would blur "unknown key" and "forged".
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            // Lifetime is checked below against the injected clock.
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ClockSkew = ClockSkew,
        };

        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return InboundToken.Refused(Classify(result.Exception));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var lifetime = CheckLifetime(jwt);
        if (lifetime != TeamsAuthFailure.None)
        {
            return InboundToken.Refused(lifetime);
        }

        jwt.TryGetPayloadValue<string>(ServiceUrlClaim, out var serviceUrl);
        var keyId = jwt.Kid;
        return new InboundToken(TeamsAuthFailure.None, keyId, keys.EndorsementsOf(keyId), serviceUrl)
        {
            ValidUntil = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + ClockSkew,
        };
    }

    private TeamsAuthFailure CheckLifetime(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<long>("exp", out _))
        {
            return TeamsAuthFailure.Lifetime;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (now > jwt.ValidTo + ClockSkew)
        {
            return TeamsAuthFailure.Lifetime;
        }

        return jwt.TryGetPayloadValue<long>("nbf", out _) && now < jwt.ValidFrom - ClockSkew
            ? TeamsAuthFailure.Lifetime
            : TeamsAuthFailure.None;
    }

    private static TeamsAuthFailure Classify(Exception? exception) => exception switch
    {
        SecurityTokenSignatureKeyNotFoundException => TeamsAuthFailure.UnknownKey,
        SecurityTokenInvalidSignatureException => TeamsAuthFailure.BadSignature,
        SecurityTokenInvalidAlgorithmException => TeamsAuthFailure.BadSignature,
        SecurityTokenInvalidIssuerException => TeamsAuthFailure.WrongIssuer,
        SecurityTokenInvalidAudienceException => TeamsAuthFailure.WrongAudience,
        SecurityTokenMalformedException => TeamsAuthFailure.Malformed,
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNoExpirationException => TeamsAuthFailure.Lifetime,
        _ => TeamsAuthFailure.BadSignature,
    };

    // A fresh manager fetches on first use; replacing it (rather than asking the old one to refresh) makes the retry
    // see the new keys at once. Throttled on our own clock so it is at most hourly whatever the tokens say.
    private bool TryStartForcedRefresh()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_lastForcedRefresh is { } last && now - last < UnknownKeyRefreshInterval)
            {
                return false;
            }

            _lastForcedRefresh = now;
            _keys = CreateManager();
            return true;
        }
    }

    private ConfigurationManager<BotFrameworkSigningKeys> CreateManager()
    {
        var loopback = TeamsUrls.IsLoopback(new Uri(_metadataUrl));
        var documents = new HttpDocumentRetriever(_httpClient) { RequireHttps = !loopback };
        return new ConfigurationManager<BotFrameworkSigningKeys>(_metadataUrl, new BotFrameworkSigningKeysRetriever(), documents)
        {
            AutomaticRefreshInterval = KeyRefreshInterval,
            RefreshInterval = UnknownKeyRefreshInterval,
        };
    }
}
