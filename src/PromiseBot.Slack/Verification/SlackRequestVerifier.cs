using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PromiseBot.Slack.Verification;

/// <summary>
/// Checks Slack's v0 request signature: HMAC-SHA256 over <c>v0:{timestamp}:{raw body}</c>, keyed with the
/// signing secret as UTF-8 text, hex-encoded lowercase, prefixed <c>v0=</c>.
/// Implements https://docs.slack.dev/authentication/verifying-requests-from-slack.
/// Pure and thread-safe; runs on every inbound request, so it avoids per-call heap allocations.
/// </summary>
public sealed class SlackRequestVerifier
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    /// <summary>Slack's replay window. Applied in both directions, so a clock far ahead is rejected too.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(300);

    private const string VersionPrefix = "v0=";
    private const int HexLength = HMACSHA256.HashSizeInBytes * 2;

    // A Unix-seconds timestamp has 10 digits today; anything much longer is junk, and bounding it keeps the
    // stack buffer for the base-string prefix small.
    private const int MaxTimestampLength = 19;

    // Bodies up to this size are hashed from a stack buffer; larger ones use a pooled array.
    private const int StackBufferLimit = 1024;

    private readonly byte[]? _key;
    private readonly TimeProvider _timeProvider;

    /// <param name="signingSecret">The app's signing secret. Blank or null when the host runs on Socket Mode only
    /// (whose traffic is not signed): the handlers can then still be built, but this verifier rejects every request
    /// with <see cref="SignatureCheck.NotConfigured"/>, so an HTTP request can never pass unverified.</param>
    public SlackRequestVerifier(string? signingSecret, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _key = string.IsNullOrWhiteSpace(signingSecret) ? null : Encoding.UTF8.GetBytes(signingSecret);
        _timeProvider = timeProvider;
    }

    /// <summary>Verifies the raw body bytes exactly as received, before any form or JSON parsing.</summary>
    public SignatureCheck Verify(ReadOnlySpan<byte> rawBody, string? timestampHeader, string? signatureHeader)
    {
        if (_key is null)
        {
            return SignatureCheck.NotConfigured;
        }

        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return SignatureCheck.Missing;
        }

        if (timestampHeader.Length > MaxTimestampLength
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return SignatureCheck.Malformed;
        }

        // Only v0 exists; an unknown version must not be treated as "no signature to check".
        if (!signatureHeader.StartsWith(VersionPrefix, StringComparison.Ordinal))
        {
            return SignatureCheck.Malformed;
        }

        // Check the window before hashing so replays cost no HMAC. No overflow: timestamp >= 0, now > 0.
        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - timestamp) > (long)MaxClockSkew.TotalSeconds)
        {
            return SignatureCheck.Stale;
        }

        var presentedHex = signatureHeader.AsSpan(VersionPrefix.Length);
        if (presentedHex.Length != HexLength)
        {
            return SignatureCheck.Mismatch;
        }

        Span<byte> presented = stackalloc byte[HexLength];
        if (System.Text.Ascii.FromUtf16(presentedHex, presented, out _) != OperationStatus.Done)
        {
            return SignatureCheck.Malformed;
        }

        Span<byte> expected = stackalloc byte[HexLength];
        ComputeSignatureHex(rawBody, timestampHeader, expected);

        return CryptographicOperations.FixedTimeEquals(expected, presented)
            ? SignatureCheck.Valid
            : SignatureCheck.Mismatch;
    }

    private void ComputeSignatureHex(ReadOnlySpan<byte> rawBody, string timestamp, Span<byte> hexDestination)
    {
        var key = _key!;
        // "v0:" + timestamp + ":" — the timestamp is ASCII digits (checked by the caller), so one byte per char.
        var prefixLength = 3 + timestamp.Length + 1;
        var totalLength = prefixLength + rawBody.Length;

        byte[]? rented = null;
        Span<byte> buffer = totalLength <= StackBufferLimit
            ? stackalloc byte[StackBufferLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(totalLength));
        try
        {
            var baseString = buffer[..totalLength];
            "v0:"u8.CopyTo(baseString);
            for (var i = 0; i < timestamp.Length; i++)
            {
                baseString[3 + i] = (byte)timestamp[i];
            }

            baseString[prefixLength - 1] = (byte)':';
            rawBody.CopyTo(baseString[prefixLength..]);

            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, baseString, mac);
            WriteLowerHex(mac, hexDestination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void WriteLowerHex(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        ReadOnlySpan<byte> digits = "0123456789abcdef"u8;
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = digits[bytes[i] >> 4];
            destination[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }
    }
}
