using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PromiseBot.Host.Http;
using PromiseBot.Slack;
using PromiseBot.Slack.Verification;

namespace PromiseBot.Host.Slack;

/// <summary>
/// <c>POST /slack/interactions</c>: buttons (<c>block_actions</c>), shortcuts and modal submissions. The signature is
/// verified over the raw form body before the <c>payload</c> field is read.
/// </summary>
public sealed partial class SlackInteractionHandler(
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackInteractionHandler> logger)
{
    private const int MaxBodyBytes = 256 * 1024;

    private readonly SlackRequestVerifier _verifier = new(options.Value.SigningSecret!, time);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await RequestBody.ReadLimitedAsync(context.Request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var headers = context.Request.Headers;
        var check = _verifier.Verify(body, headers[SlackRequestVerifier.TimestampHeader].ToString(), headers[SlackRequestVerifier.SignatureHeader].ToString());
        if (check != SignatureCheck.Valid)
        {
            LogRejected(logger, check, context.Connection.RemoteIpAddress?.ToString());
            return Results.Text("invalid request signature", statusCode: StatusCodes.Status401Unauthorized);
        }

        JsonDocument document;
        try
        {
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));
            if (!form.TryGetValue("payload", out var payload) || payload.Count != 1 || string.IsNullOrEmpty(payload[0]))
            {
                return Results.Text("missing payload", statusCode: StatusCodes.Status400BadRequest);
            }

            document = JsonDocument.Parse(payload[0]!);
        }
        catch (JsonException)
        {
            return Results.Text("malformed payload", statusCode: StatusCodes.Status400BadRequest);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Results.Text("malformed payload", statusCode: StatusCodes.Status400BadRequest);
            }

            var response = await HandlePayloadAsync(document.RootElement, cancellationToken).ConfigureAwait(false);
            return response is null ? Results.Ok() : Results.Json(response);
        }
    }

    /// <summary>
    /// Acts on one verified interaction payload and returns the body to answer with (e.g. <c>response_action</c> for a
    /// view submission), or null for an empty 200. Shared by HTTP and Socket Mode.
    /// </summary>
    public Task<JsonObject?> HandlePayloadAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        _ = payload;
        _ = cancellationToken;
        return Task.FromResult<JsonObject?>(null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Slack interaction from {Remote}: signature {Check}")]
    private static partial void LogRejected(ILogger logger, SignatureCheck check, string? remote);
}
