using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PromiseBot.Http;
using PromiseBot.Slack.Verification;

namespace PromiseBot.Slack.Http;

/// <summary>
/// The front door of every Slack HTTP endpoint: read the raw body (capped), then check Slack's signature over exactly
/// those bytes before anything is parsed. A forged, stale or unsigned request gets 401 and nothing else happens.
/// </summary>
public static partial class SlackHttpRequest
{
    /// <summary>The verified body, or the response that refuses the request (413 too large, 401 bad signature).</summary>
    /// <param name="unsigned">
    /// Bodies answered 200 without a signature (Slack's unsigned <c>ssl_check</c>); null for none. Their content is never
    /// acted on.
    /// </param>
    public static async Task<(byte[]? Body, IResult? Refusal)> ReadVerifiedAsync(
        HttpContext context, int maxBytes, SlackRequestVerifier verifier, ILogger logger, Func<byte[], bool>? unsigned = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(verifier);
        if (context.Request.ContentLength > maxBytes)
        {
            return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        var (body, unreadable) = await RequestBody.ReadOrRefuseAsync(context.Request, maxBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return (null, unreadable!);
        }

        var headers = context.Request.Headers;
        var signature = headers[SlackRequestVerifier.SignatureHeader].ToString();
        if (signature.Length == 0 && unsigned is not null && unsigned(body))
        {
            return (null, Results.Ok());
        }

        var check = verifier.Verify(body, headers[SlackRequestVerifier.TimestampHeader].ToString(), signature);
        if (check != SignatureCheck.Valid)
        {
            LogRejected(logger, context.Request.Path.Value, check, context.Connection.RemoteIpAddress?.ToString());
            return (null, Results.Text("invalid request signature", statusCode: StatusCodes.Status401Unauthorized));
        }

        return (body, null);
    }

    [LoggerMessage(EventId = 2080, Level = LogLevel.Warning, Message = "Rejected a Slack request to {Path} from {Remote}: signature {Check}")]
    private static partial void LogRejected(ILogger logger, string? path, SignatureCheck check, string? remote);
}
