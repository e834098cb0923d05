using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.SocketMode;

/// <summary>
/// <c>apps.connections.open</c> (form POST, app-level token <c>xapp-…</c> with <c>connections:write</c> as
/// <c>Authorization: Bearer</c>): a fresh, single-use WebSocket URL for Socket Mode. Kept apart from
/// <see cref="SlackWebApiClient"/>, which only ever carries bot tokens.
/// https://docs.slack.dev/reference/methods/apps.connections.open
/// </summary>
public sealed class SlackAppConnectionsClient
{
    public const string Method = "apps.connections.open";

    private readonly HttpClient _http;
    private readonly string? _appToken;

    public SlackAppConnectionsClient(HttpClient http, IOptions<SlackOptions> options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _appToken = string.IsNullOrWhiteSpace(options.Value.AppToken) ? null : options.Value.AppToken;
        if (_http.BaseAddress is null)
        {
            var baseUrl = string.IsNullOrWhiteSpace(options.Value.ApiBaseUrl) ? SlackOptions.DefaultApiBaseUrl : options.Value.ApiBaseUrl;
            _http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
        }
    }

    /// <summary>True when <c>Slack__AppToken</c> is set, i.e. Socket Mode is wanted.</summary>
    public bool HasAppToken => _appToken is not null;

    /// <summary>
    /// Asks Slack for a WebSocket URL. Throws <see cref="SlackApiException"/> for <c>ok:false</c> (e.g.
    /// <c>invalid_auth</c>, <c>not_allowed_token_type</c> for a bot token) and HTTP errors,
    /// <see cref="SlackRateLimitedException"/> for 429. The URL carries a ticket: never log it.
    /// </summary>
    public async Task<Uri> OpenAsync(CancellationToken cancellationToken)
    {
        if (_appToken is null)
        {
            throw new SlackApiException(Method, "not_authed");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Method) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _appToken);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        using (var document = await SlackResponse.ReadAsync(Method, response, cancellationToken).ConfigureAwait(false))
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeWss && uri.Scheme != Uri.UriSchemeWs))
            {
                throw new SlackApiException(Method, "invalid_response");
            }

            return uri;
        }
    }
}
