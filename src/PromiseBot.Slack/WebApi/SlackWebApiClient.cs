using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace PromiseBot.Slack.WebApi;

/// <summary>
/// A typed <see cref="HttpClient"/> over the Slack Web API (https://docs.slack.dev/apis/web-api/): bot token as
/// <c>Authorization: Bearer</c>, <c>ok</c> always checked, <c>ok:false</c> → <see cref="SlackApiException"/>,
/// HTTP 429 → <see cref="SlackRateLimitedException"/> carrying <c>Retry-After</c>. It does not retry: the caller
/// (outbox dispatcher, tz cache) owns the retry policy.
/// </summary>
public sealed class SlackWebApiClient
{
    private readonly HttpClient _http;
    private readonly SlackOptions _options;
    private readonly ISlackTokenSource _tokens;

    public SlackWebApiClient(HttpClient http, IOptions<SlackOptions> options, ISlackTokenSource? tokens = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _tokens = tokens ?? new ConfiguredSlackToken(options);
        if (_http.BaseAddress is null)
        {
            var baseUrl = string.IsNullOrWhiteSpace(_options.ApiBaseUrl) ? SlackOptions.DefaultApiBaseUrl : _options.ApiBaseUrl;
            // Without the trailing slash, relative method names would replace the "api" segment.
            _http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
        }
    }

    /// <summary>False when no bot token can exist (none configured, no installs): every call would fail with <c>not_authed</c>.</summary>
    public bool HasBotToken => _tokens.MayHaveTokens;

    /// <summary>
    /// <c>users.info</c> (GET, scope <c>users:read</c>). Returns null for <c>user_not_found</c>; other failures throw.
    /// https://docs.slack.dev/reference/methods/users.info
    /// </summary>
    public async Task<SlackUserInfo?> GetUserInfoAsync(string teamId, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        const string method = "users.info";
        using var request = new HttpRequestMessage(HttpMethod.Get, method + "?user=" + Uri.EscapeDataString(userId));
        try
        {
            using var document = await SendAsync(teamId, method, request, cancellationToken).ConfigureAwait(false);
            if (!document.RootElement.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.Object)
            {
                throw new SlackApiException(method, "invalid_response");
            }

            return new SlackUserInfo(
                GetString(user, "id") ?? userId,
                NullIfEmpty(GetString(user, "tz")),
                GetString(user, "tz_label"),
                user.TryGetProperty("tz_offset", out var offset) && offset.TryGetInt32(out var seconds) ? seconds : null,
                GetBool(user, "is_bot"),
                GetBool(user, "deleted"));
        }
        catch (SlackApiException e) when (e.Error == "user_not_found")
        {
            return null;
        }
    }

    /// <summary>
    /// <c>auth.test</c> (form POST): validates the token and names the bot user.
    /// https://docs.slack.dev/reference/methods/auth.test
    /// </summary>
    public async Task<SlackAuthInfo> AuthTestAsync(string teamId, CancellationToken cancellationToken)
    {
        const string method = "auth.test";
        using var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Content = new FormUrlEncodedContent([]),
        };
        using var document = await SendAsync(teamId, method, request, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        return new SlackAuthInfo(
            GetString(root, "url"),
            GetString(root, "team"),
            GetString(root, "team_id"),
            GetString(root, "user"),
            GetString(root, "user_id"),
            GetString(root, "bot_id"),
            GetString(root, "enterprise_id"),
            GetBool(root, "is_enterprise_install"),
            GetString(root, "app_id"));
    }

    /// <summary>
    /// <c>chat.postMessage</c> (JSON POST, scope <c>chat:write</c>) with a body from
    /// <see cref="Rendering.BlockKitRenderer.RenderMessage"/>: <c>{channel, text, blocks}</c>. Returns where the message
    /// landed and its <c>ts</c>. https://docs.slack.dev/reference/methods/chat.postMessage
    /// </summary>
    public Task<SlackPostedMessage> PostMessageAsync(string teamId, JsonObject body, CancellationToken cancellationToken) =>
        PostJsonForMessageAsync(teamId, "chat.postMessage", body, cancellationToken);

    /// <summary>
    /// <c>chat.update</c> (JSON POST): <c>{channel, ts, text, blocks}</c>; only messages this bot posted.
    /// https://docs.slack.dev/reference/methods/chat.update
    /// </summary>
    public Task<SlackPostedMessage> UpdateMessageAsync(string teamId, JsonObject body, CancellationToken cancellationToken) =>
        PostJsonForMessageAsync(teamId, "chat.update", body, cancellationToken);

    /// <summary>
    /// <c>conversations.open</c> (form POST, scope <c>im:write</c>) for one user: returns the DM channel id (<c>D...</c>).
    /// https://docs.slack.dev/reference/methods/conversations.open
    /// </summary>
    public async Task<string> OpenDirectMessageAsync(string teamId, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        const string method = "conversations.open";
        using var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("users", userId)]),
        };
        using var document = await SendAsync(teamId, method, request, cancellationToken).ConfigureAwait(false);
        if (!document.RootElement.TryGetProperty("channel", out var channel)
            || channel.ValueKind != JsonValueKind.Object
            || NullIfEmpty(GetString(channel, "id")) is not { } id)
        {
            throw new SlackApiException(method, "invalid_response");
        }

        return id;
    }

    /// <summary>
    /// <c>views.publish</c> (JSON POST): sets <paramref name="userId"/>'s App Home tab to <paramref name="view"/>.
    /// https://docs.slack.dev/reference/methods/views.publish
    /// </summary>
    public async Task PublishHomeAsync(string teamId, string userId, JsonObject view, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(view);
        const string method = "views.publish";
        using var request = JsonRequest(method, new JsonObject { ["user_id"] = userId, ["view"] = view });
        using var document = await SendAsync(teamId, method, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>views.open</c> (JSON POST): opens a modal for the person whose interaction produced
    /// <paramref name="triggerId"/> (valid for 3 s). Returns the view id.
    /// https://docs.slack.dev/reference/methods/views.open
    /// </summary>
    public async Task<string?> OpenViewAsync(string teamId, string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(triggerId);
        ArgumentNullException.ThrowIfNull(view);
        const string method = "views.open";
        using var request = JsonRequest(method, new JsonObject { ["trigger_id"] = triggerId, ["view"] = view });
        using var document = await SendAsync(teamId, method, request, cancellationToken).ConfigureAwait(false);
        return document.RootElement.TryGetProperty("view", out var opened) && opened.ValueKind == JsonValueKind.Object
            ? GetString(opened, "id")
            : null;
    }

    /// <summary>
    /// <c>chat.postEphemeral</c> (JSON POST): a message only <paramref name="userId"/> sees, in
    /// <paramref name="channel"/>. <paramref name="body"/> is a rendered message (<c>{text, blocks}</c>); channel and
    /// user are set here. https://docs.slack.dev/reference/methods/chat.postEphemeral
    /// </summary>
    public async Task<string?> PostEphemeralAsync(string teamId, string channel, string userId, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(body);
        const string method = "chat.postEphemeral";
        body["channel"] = channel;
        body["user"] = userId;
        using var request = JsonRequest(method, body);
        using var document = await SendAsync(teamId, method, request, cancellationToken).ConfigureAwait(false);
        return GetString(document.RootElement, "message_ts");
    }

    /// <summary>
    /// <c>chat.getPermalink</c> (GET): the https link to one message. Null when Slack has none for it.
    /// https://docs.slack.dev/reference/methods/chat.getPermalink
    /// </summary>
    public async Task<string?> GetPermalinkAsync(string teamId, string channel, string messageTs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(messageTs);
        const string method = "chat.getPermalink";
        using var request = new HttpRequestMessage(
            HttpMethod.Get, method + "?channel=" + Uri.EscapeDataString(channel) + "&message_ts=" + Uri.EscapeDataString(messageTs));
        using var document = await SendAsync(teamId, method, request, cancellationToken).ConfigureAwait(false);
        return NullIfEmpty(GetString(document.RootElement, "permalink"));
    }

    /// <summary>
    /// Posts a message to a slash command's <c>response_url</c> (no token: the URL is the credential; valid 30 minutes,
    /// up to 5 uses). Only Slack's own <c>https://hooks.slack.com/</c> URLs are used (or, for tests, URLs on the
    /// configured API host), so a forged URL can never make the bot call somewhere else. False when refused or failed.
    /// https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
    /// </summary>
    public async Task<bool> PostToResponseUrlAsync(string? responseUrl, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!IsSlackResponseUrl(responseUrl, out var target))
        {
            return false;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    /// <summary>
    /// Step 1 of Slack's external upload: <c>files.getUploadURLExternal</c> (form POST, scope <c>files:write</c>) with
    /// the file's name, its length in bytes and, for an image, its alt text (at most 1000 characters). Returns the upload
    /// URL and the file id. https://docs.slack.dev/reference/methods/files.getUploadURLExternal
    /// </summary>
    public async Task<SlackUploadTicket> GetUploadUrlExternalAsync(string teamId, string fileName, int length, string? altText, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        const string method = "files.getUploadURLExternal";
        var fields = new List<KeyValuePair<string, string>>
        {
            new("filename", fileName),
            new("length", length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (!string.IsNullOrWhiteSpace(altText))
        {
            // Slack's documented name is alt_txt (node-slack-sdk sends alt_text, which Slack ignores).
            fields.Add(new("alt_txt", altText.Length <= MaxAltText ? altText : altText[..MaxAltText]));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(fields) };
        using var document = await SendAsync(teamId, method, request, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (NullIfEmpty(GetString(root, "file_id")) is not { } fileId
            || !Uri.TryCreate(GetString(root, "upload_url"), UriKind.Absolute, out var uploadUrl)
            || !IsSlackUploadUrl(uploadUrl))
        {
            throw new SlackApiException(method, "invalid_response");
        }

        return new SlackUploadTicket(uploadUrl, fileId);
    }

    /// <summary>
    /// Step 2: POSTs the raw bytes to the upload URL (no token: the URL is the credential). Slack answers with a status
    /// only: 200 is success; 429 → <see cref="SlackRateLimitedException"/>; any other status →
    /// <see cref="SlackApiException"/> <c>upload_http_{status}</c>, never permanent (a new URL may work).
    /// </summary>
    public async Task UploadToUrlAsync(SlackUploadTicket ticket, byte[] content, string mediaType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(content);
        const string method = "upload_url";
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(string.IsNullOrEmpty(mediaType) ? "application/octet-stream" : mediaType);
        using var request = new HttpRequestMessage(HttpMethod.Post, ticket.UploadUrl) { Content = body };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            throw new SlackRateLimitedException(method, SlackResponse.RetryAfterOf(response));
        }

        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            throw new SlackApiException(method, "upload_http_" + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), response.StatusCode);
        }
    }

    /// <summary>
    /// Step 3: <c>files.completeUploadExternal</c> (form POST, scope <c>files:write</c>) for one file, shared to
    /// <paramref name="channelId"/> (a <c>C…</c>, <c>G…</c> or <c>D…</c> id, never a user id) with its title and an
    /// optional <paramref name="initialComment"/>. Slack allows this call once per file: the caller records that it
    /// started it before calling. https://docs.slack.dev/reference/methods/files.completeUploadExternal
    /// </summary>
    public async Task CompleteUploadExternalAsync(string teamId, string fileId, string title, string channelId, string? initialComment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileId);
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        const string method = "files.completeUploadExternal";
        var files = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = string.IsNullOrWhiteSpace(title) ? fileId : title });
        var fields = new List<KeyValuePair<string, string>> { new("files", files.ToJsonString()), new("channel_id", channelId) };
        if (!string.IsNullOrWhiteSpace(initialComment))
        {
            fields.Add(new("initial_comment", initialComment));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(fields) };
        using var document = await SendAsync(teamId, method, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>files.info</c> (GET, scope <c>files:read</c>): where a file is shared. Null for <c>file_not_found</c> (also
    /// what an upload that was never completed gives: Slack discards it).
    /// https://docs.slack.dev/reference/methods/files.info
    /// </summary>
    public async Task<SlackFileInfo?> GetFileInfoAsync(string teamId, string fileId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileId);
        const string method = "files.info";
        using var request = new HttpRequestMessage(HttpMethod.Get, method + "?file=" + Uri.EscapeDataString(fileId));
        try
        {
            using var document = await SendAsync(teamId, method, request, cancellationToken).ConfigureAwait(false);
            if (!document.RootElement.TryGetProperty("file", out var file) || file.ValueKind != JsonValueKind.Object)
            {
                throw new SlackApiException(method, "invalid_response");
            }

            var shared = new HashSet<string>(StringComparer.Ordinal);
            foreach (var list in (string[])["channels", "groups", "ims"])
            {
                if (file.TryGetProperty(list, out var ids) && ids.ValueKind == JsonValueKind.Array)
                {
                    shared.UnionWith(ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!));
                }
            }

            if (file.TryGetProperty("shares", out var shares) && shares.ValueKind == JsonValueKind.Object)
            {
                foreach (var kind in shares.EnumerateObject().Where(k => k.Value.ValueKind == JsonValueKind.Object))
                {
                    shared.UnionWith(kind.Value.EnumerateObject().Select(c => c.Name));
                }
            }

            return new SlackFileInfo(GetString(file, "id") ?? fileId, shared);
        }
        catch (SlackApiException e) when (e.Error == "file_not_found")
        {
            return null;
        }
    }

    private const int MaxAltText = 1000;

    // Bytes go only to Slack's own https hosts (files.slack.com) or, for tests, the configured API host: an answer
    // that pointed elsewhere is not followed.
    private bool IsSlackUploadUrl(Uri uri)
    {
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var api = _http.BaseAddress!;
        var slack = uri.Scheme == Uri.UriSchemeHttps && (uri.Host == "slack.com" || uri.Host.EndsWith(".slack.com", StringComparison.OrdinalIgnoreCase));
        var configured = api.Host != "slack.com" && uri.Scheme == api.Scheme && uri.Host == api.Host && uri.Port == api.Port;
        return slack || configured;
    }

    private bool IsSlackResponseUrl(string? url, out Uri target)
    {
        target = null!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var api = _http.BaseAddress!;
        var slack = uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort && uri.Host == "hooks.slack.com";
        var configured = api.Host != "slack.com" && uri.Scheme == api.Scheme && uri.Host == api.Host && uri.Port == api.Port;
        target = uri;
        return slack || configured;
    }

    private static HttpRequestMessage JsonRequest(string method, JsonObject body) => new(HttpMethod.Post, method)
    {
        // Slack wants the charset spelled out on JSON bodies, or it answers with a missing_charset warning.
        Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
    };

    private async Task<SlackPostedMessage> PostJsonForMessageAsync(string teamId, string method, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var request = JsonRequest(method, body);
        using var document = await SendAsync(teamId, method, request, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (NullIfEmpty(GetString(root, "ts")) is not { } ts)
        {
            throw new SlackApiException(method, "invalid_response");
        }

        return new SlackPostedMessage(GetString(root, "channel") ?? (string?)body["channel"] ?? string.Empty, ts);
    }

    private async Task<JsonDocument> SendAsync(string teamId, string method, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetBotTokenAsync(teamId, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(token))
        {
            // Same code Slack would return, without a pointless round trip.
            throw new SlackApiException(method, "not_authed");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);

        return await SlackResponse.ReadAsync(method, response, cancellationToken).ConfigureAwait(false);
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool GetBool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
