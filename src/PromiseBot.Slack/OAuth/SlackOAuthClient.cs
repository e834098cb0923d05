using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.OAuth;

/// <summary>
/// <c>oauth.v2.access</c> (https://docs.slack.dev/reference/methods/oauth.v2.access): a form POST authenticated with
/// HTTP Basic <c>client_id:client_secret</c>, used to exchange an install's code for a bot token and, with token
/// rotation, a refresh token for a new pair. Same error contract as <see cref="SlackWebApiClient"/>: <c>ok:false</c>
/// → <see cref="SlackApiException"/>, HTTP 429 → <see cref="SlackRateLimitedException"/>; no retries here.
/// </summary>
public sealed class SlackOAuthClient
{
    private const string Method = "oauth.v2.access";

    private readonly HttpClient _http;
    private readonly SlackOptions _options;

    public SlackOAuthClient(HttpClient http, IOptions<SlackOptions> options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        if (_http.BaseAddress is null)
        {
            var baseUrl = string.IsNullOrWhiteSpace(_options.ApiBaseUrl) ? SlackOptions.DefaultApiBaseUrl : _options.ApiBaseUrl;
            _http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
        }
    }

    /// <summary>Exchanges the <paramref name="code"/> from an install callback. <paramref name="redirectUri"/> must be the
    /// one the authorize URL named (or null when it named none).</summary>
    public Task<SlackOAuthAccess> ExchangeCodeAsync(string code, string? redirectUri, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var form = new List<KeyValuePair<string, string>> { new("code", code) };
        if (!string.IsNullOrWhiteSpace(redirectUri))
        {
            form.Add(new("redirect_uri", redirectUri));
        }

        return PostAsync(form, cancellationToken);
    }

    /// <summary>Token rotation: trades a refresh token for a new access token and refresh token.</summary>
    public Task<SlackOAuthAccess> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        return PostAsync([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken);
    }

    private async Task<SlackOAuthAccess> PostAsync(IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        if (!_options.HasOAuthClient)
        {
            throw new InvalidOperationException("oauth.v2.access needs Slack:ClientId and Slack:ClientSecret.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Method) { Content = new FormUrlEncodedContent(form) };
        var credentials = Encoding.UTF8.GetBytes(_options.ClientId + ":" + _options.ClientSecret);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(credentials));

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        using var document = await SlackResponse.ReadAsync(Method, response, cancellationToken).ConfigureAwait(false);
        return Read(document.RootElement);
    }

    private static SlackOAuthAccess Read(JsonElement root)
    {
        if (String(root, "access_token") is not { Length: > 0 } accessToken)
        {
            throw new SlackApiException(Method, "invalid_response");
        }

        var team = Object(root, "team");
        var enterprise = Object(root, "enterprise");
        return new SlackOAuthAccess(
            accessToken,
            String(root, "token_type"),
            String(root, "scope"),
            String(root, "bot_user_id"),
            String(root, "app_id"),
            team is { } t ? String(t, "id") : null,
            team is { } tn ? String(tn, "name") : null,
            enterprise is { } e ? String(e, "id") : null,
            enterprise is { } en ? String(en, "name") : null,
            root.TryGetProperty("is_enterprise_install", out var org) && org.ValueKind == JsonValueKind.True,
            String(root, "refresh_token") is { Length: > 0 } refresh ? refresh : null,
            root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) && seconds > 0 ? seconds : null);
    }

    private static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
