using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PromiseBot.Testing.Slack;

/// <summary>
/// Signs a request body the way Slack does (https://docs.slack.dev/authentication/verifying-requests-from-slack),
/// written independently of the production verifier so each checks the other.
/// </summary>
public static class SlackSigner
{
    /// <returns>The <c>X-Slack-Request-Timestamp</c> and <c>X-Slack-Signature</c> header values.</returns>
    public static (string Timestamp, string Signature) Sign(string secret, string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return (timestamp, SignatureFor(secret, timestamp, body));
    }

    /// <summary>The signature for an explicit timestamp header value.</summary>
    public static string SignatureFor(string secret, string timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>Adds both Slack signature headers to a request whose body is <paramref name="body"/>.</summary>
    public static void AddHeaders(HttpRequestMessage request, string secret, string body, DateTimeOffset at)
    {
        var (timestamp, signature) = Sign(secret, body, at);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
    }
}
