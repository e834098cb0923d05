using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PromiseBot.Teams.Connector;

/// <summary>
/// A typed <see cref="HttpClient"/> over the Bot Connector REST API
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference): send, reply,
/// update and create a 1:1 conversation, each at the conversation's own <c>serviceUrl</c> with the bot's bearer
/// token (none in the local mode, which only talks to loopback; see <see cref="IBotConnectorCredentials"/>). Non-2xx answers throw <see cref="BotConnectorException"/>; network errors surface as
/// <see cref="HttpRequestException"/>. It does not retry: the outbox dispatcher owns the retry policy.
/// </summary>
public sealed class BotConnectorClient(HttpClient http, IBotConnectorCredentials tokens)
{
    private const string CorrelationHeader = "X-Correlating-OperationId";

    /// <summary>Whether <paramref name="serviceUrl"/> is one this client may send to (https, or http on loopback, and
    /// allowed by the credentials: loopback only in the local mode).</summary>
    public bool CanSendTo(string? serviceUrl) =>
        ConnectorUrls.IsUsableServiceUrl(serviceUrl) && tokens.Accepts(ConnectorUrls.ServiceBase(serviceUrl!));

    /// <summary><c>POST {serviceUrl}v3/conversations/{conversationId}/activities</c>; returns the new activity id.</summary>
    public Task<string> SendActivityAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken) =>
        SendAsync("send", HttpMethod.Post, ConnectorUrls.Activities(ConnectorUrls.ServiceBase(serviceUrl), conversationId), activity, cancellationToken);

    /// <summary>
    /// <c>POST {serviceUrl}v3/conversations/{conversationId}/activities/{replyToId}</c>: a reply in the thread of
    /// <paramref name="replyToId"/> (the activity's <c>replyToId</c> is set to it).
    /// </summary>
    public Task<string> ReplyToActivityAsync(
        string serviceUrl, string conversationId, string replyToId, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(replyToId);
        ArgumentNullException.ThrowIfNull(activity);
        activity["replyToId"] = replyToId;
        return SendAsync("reply", HttpMethod.Post,
            ConnectorUrls.Activities(ConnectorUrls.ServiceBase(serviceUrl), conversationId, replyToId), activity, cancellationToken);
    }

    /// <summary>
    /// <c>PUT {serviceUrl}v3/conversations/{conversationId}/activities/{activityId}</c> with the full new activity
    /// (its <c>id</c> is set). Returns the id the connector reports (the same one).
    /// </summary>
    public Task<string> UpdateActivityAsync(
        string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        activity["id"] = activityId;
        return SendAsync("update", HttpMethod.Put,
            ConnectorUrls.Activities(ConnectorUrls.ServiceBase(serviceUrl), conversationId, activityId), activity, cancellationToken, fallbackId: activityId);
    }

    /// <summary>
    /// <c>POST {serviceUrl}v3/conversations</c> for a personal (1:1) chat between the bot and one user; returns the
    /// conversation id (<c>a:...</c>). Works only where the app is installed for that user (personal scope or a team
    /// or chat they are in); otherwise Teams answers 403.
    /// </summary>
    public Task<string> CreatePersonalConversationAsync(
        string serviceUrl, string botId, string userId, string tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(botId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var parameters = new JsonObject
        {
            ["bot"] = new JsonObject { ["id"] = botId },
            ["members"] = new JsonArray(new JsonObject { ["id"] = userId }),
            ["tenantId"] = tenantId,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
            ["isGroup"] = false,
        };
        return SendAsync("createConversation", HttpMethod.Post,
            ConnectorUrls.Conversations(ConnectorUrls.ServiceBase(serviceUrl)), parameters, cancellationToken);
    }

    /// <summary>
    /// <c>PUT {uploadUrl}</c> with the whole file in one range (<c>Content-Range: bytes 0-{n-1}/{n}</c>): the upload
    /// session Teams gave for an accepted file consent. The URL is pre-authorized, so no token goes with it. Sending
    /// the same bytes again overwrites the same file, so a retry is safe.
    /// </summary>
    public async Task UploadFileAsync(string uploadUrl, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!Uri.TryCreate(uploadUrl, UriKind.Absolute, out var url) || !TeamsUrls.IsAllowedEndpoint(url))
        {
            throw new BotConnectorException(UploadOperation, System.Net.HttpStatusCode.BadRequest, "invalid_upload_url");
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentRange = content.Length == 0
            ? new ContentRangeHeaderValue(0)
            : new ContentRangeHeaderValue(0, content.Length - 1, content.Length);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new BotConnectorException(UploadOperation, response.StatusCode, ErrorCode(text), ConnectorUrls.RetryAfter(response));
        }
    }

    /// <summary>The operation name of <see cref="UploadFileAsync"/> in errors.</summary>
    public const string UploadOperation = "upload";

    private async Task<string> SendAsync(
        string operation, HttpMethod method, Uri url, JsonObject body, CancellationToken cancellationToken, string? fallbackId = null)
    {
        if (!tokens.Accepts(url))
        {
            throw new ArgumentException($"Refusing to send to {url.GetLeftPart(UriPartial.Authority)}: not a service URL these credentials may use.", nameof(url));
        }

        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        // The token goes only to the conversation's own serviceUrl (never to a configured base address).
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        var correlation = response.Headers.TryGetValues(CorrelationHeader, out var values) ? values.FirstOrDefault() : null;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);

        if (!response.IsSuccessStatusCode)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                // A stale or revoked token: fetch a new one next time rather than repeating this one.
                tokens.Invalidate();
            }

            throw new BotConnectorException(operation, response.StatusCode, ErrorCode(text), ConnectorUrls.RetryAfter(response), correlation);
        }

        var id = Id(text) ?? fallbackId;
        return id ?? throw new BotConnectorException(operation, null, "invalid_response", null, correlation);
    }

    /// <summary>The id in <c>{"id": "..."}</c> (ResourceResponse / ConversationResourceResponse).</summary>
    private static string? Id(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject { } json && json["id"] is JsonValue value && value.TryGetValue<string>(out var id) && id.Length > 0
                ? id
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The most specific code in an error body <c>{"error":{"code","message","innerHttpError"?}}</c>: Teams puts
    /// <c>MessageWritesBlocked</c> in a <c>subCode</c> on some answers and in <c>code</c> on others.
    /// </summary>
    private static string? ErrorCode(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(text) is not JsonObject root)
            {
                return null;
            }

            var error = root["error"] as JsonObject;
            return String(error?["subCode"]) ?? String(root["subCode"]) ?? String(error?["code"]);
        }
        catch (JsonException)
        {
            return null;
        }

        static string? String(JsonNode? node) =>
            node is JsonValue value && value.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
    }
}
