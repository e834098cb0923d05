using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PromiseBot.Teams.Connector;

/// <summary>
/// Gets the bot's access token for the Bot Connector with the OAuth client-credentials grant: a form POST of
/// <c>client_id</c> = app id, <c>client_secret</c> = app password and <c>scope=https://api.botframework.com/.default</c>
/// to <see cref="TeamsOptions.ResolvedTokenEndpoint"/>
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication).
/// The token is cached until 5 minutes before it expires (as botbuilder-js does), and concurrent callers share one
/// refresh. Register as a singleton: the cache lives in the instance.
/// </summary>
public sealed class BotFrameworkTokenClient : IBotConnectorCredentials, IDisposable
{
    public const string Scope = "https://api.botframework.com/.default";

    internal const string Operation = "token";

    /// <summary>Refresh this long before expiry, so a token never expires between fetch and use.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http;
    private readonly TeamsOptions _options;
    private readonly TimeProvider _time;
    private readonly Uri _endpoint;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _cached;

    public BotFrameworkTokenClient(HttpClient http, IOptions<TeamsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _http = http;
        _options = options.Value;
        _time = time;
        _endpoint = ConnectorUrls.RequireSecure(_options.ResolvedTokenEndpoint, "Teams:TokenEndpoint");
    }

    /// <summary>A valid access token: the cached one, or a new one when it is within 5 minutes of expiry.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && IsUsable(fresh))
        {
            return fresh.AccessToken;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whoever held the lock before us may have refreshed already: single flight.
            if (_cached is { } refreshed && IsUsable(refreshed))
            {
                return refreshed.AccessToken;
            }

            var token = await FetchAsync(cancellationToken).ConfigureAwait(false);
            _cached = token;
            return token.AccessToken;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forgets the cached token, e.g. after the connector answered 401 with it.</summary>
    public void Invalidate() => _cached = null;

    public void Dispose() => _refresh.Dispose();

    async Task<string?> IBotConnectorCredentials.GetTokenAsync(CancellationToken cancellationToken) =>
        await GetTokenAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Any https service URL (plain http only on loopback, which <see cref="ConnectorUrls"/> already enforces).</summary>
    public bool Accepts(Uri serviceBase) => true;

    private bool IsUsable(CachedToken token) => _time.GetUtcNow() < token.ExpiresAt - RefreshMargin;

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.AppId) || string.IsNullOrEmpty(_options.AppPassword))
        {
            throw new BotConnectorException(Operation, HttpStatusCode.Unauthorized, "missing_credentials");
        }

        var requestedAt = _time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new FormUrlEncodedContent(
            [
                new KeyValuePair<string, string>("grant_type", "client_credentials"),
                new KeyValuePair<string, string>("client_id", _options.AppId),
                new KeyValuePair<string, string>("client_secret", _options.AppPassword),
                new KeyValuePair<string, string>("scope", Scope),
            ]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new BotConnectorException(Operation, response.StatusCode, null, ConnectorUrls.RetryAfter(response), null, e);
        }

        if (!response.IsSuccessStatusCode)
        {
            // Entra answers {"error":"invalid_client","error_description":"AADSTS7000215: ..."}; the description can
            // echo request details, so only the code is kept.
            var code = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? error.GetString()
                : null;
            throw new BotConnectorException(Operation, response.StatusCode, code, ConnectorUrls.RetryAfter(response));
        }

        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("access_token", out var accessToken)
            || accessToken.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(accessToken.GetString()))
        {
            throw new BotConnectorException(Operation, null, "invalid_response");
        }

        // expires_in is a number of seconds (Entra sends a number; some proxies send a string).
        var seconds = 3600L;
        if (root.TryGetProperty("expires_in", out var expiresIn))
        {
            if (expiresIn.ValueKind == JsonValueKind.Number && expiresIn.TryGetInt64(out var n))
            {
                seconds = n;
            }
            else if (expiresIn.ValueKind == JsonValueKind.String && long.TryParse(expiresIn.GetString(), out var s))
            {
                seconds = s;
            }
        }

        // Counted from when we asked, not when the answer arrived: errs on the early side.
        return new CachedToken(accessToken.GetString()!, requestedAt + TimeSpan.FromSeconds(seconds));
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset ExpiresAt);
}
