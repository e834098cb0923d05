using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PromiseBot.Slack.WebApi;

/// <summary>
/// Reads a Slack Web API answer the same way for every method (https://docs.slack.dev/apis/web-api/#responses): HTTP
/// 429 or <c>ratelimited</c> → <see cref="SlackRateLimitedException"/> with <c>Retry-After</c>; another HTTP error, a
/// body that is not JSON or has no boolean <c>ok</c> → <see cref="SlackApiException"/>; <c>ok:false</c> →
/// <see cref="SlackApiException"/> with Slack's error code. Otherwise the caller gets the parsed body (and disposes it).
/// </summary>
public static class SlackResponse
{
    // When Slack sends 429 without a usable Retry-After, wait at least this long (python-slack-sdk uses 1 s too).
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    public static async Task<JsonDocument> ReadAsync(string method, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new SlackRateLimitedException(method, RetryAfter(response));
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException(method, "http_" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), response.StatusCode);
        }

        JsonDocument document;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException e)
        {
            throw new SlackApiException(method, "invalid_response", response.StatusCode, e);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("ok", out var ok)
            || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            document.Dispose();
            throw new SlackApiException(method, "invalid_response");
        }

        if (ok.ValueKind == JsonValueKind.False)
        {
            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() ?? "unknown_error" : "unknown_error";
            document.Dispose();
            if (error == "ratelimited")
            {
                throw new SlackRateLimitedException(method, RetryAfter(response));
            }

            throw new SlackApiException(method, error);
        }

        return document;
    }

    /// <summary>How long a 429 asks to wait: <c>Retry-After</c> as seconds or a date, else 1 s.</summary>
    public static TimeSpan RetryAfterOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return RetryAfter(response);
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta && delta > TimeSpan.Zero)
        {
            return delta;
        }

        if (header?.Date is { } date && response.Headers.Date is { } now && date > now)
        {
            return date - now;
        }

        return DefaultRetryAfter;
    }
}
