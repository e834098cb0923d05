using System.Text;

namespace PromiseBot.Slack.Commands;

/// <summary>Strict <c>application/x-www-form-urlencoded</c> decoding: bad escapes or bad UTF-8 are errors.</summary>
internal static class FormDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(ReadOnlySpan<byte> encoded, out string value)
    {
        if (encoded.IndexOfAny((byte)'%', (byte)'+') < 0)
        {
            return TryUtf8(encoded, out value);
        }

        var decoded = encoded.Length <= 512 ? stackalloc byte[encoded.Length] : new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == (byte)'+')
            {
                decoded[length++] = (byte)' ';
            }
            else if (b == (byte)'%')
            {
                if (i + 2 >= encoded.Length || !TryHex(encoded[i + 1], out var hi) || !TryHex(encoded[i + 2], out var lo))
                {
                    value = string.Empty;
                    return false;
                }

                decoded[length++] = (byte)((hi << 4) | lo);
                i += 2;
            }
            else
            {
                decoded[length++] = b;
            }
        }

        return TryUtf8(decoded[..length], out value);
    }

    private static bool TryUtf8(ReadOnlySpan<byte> bytes, out string value)
    {
        try
        {
            value = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            value = string.Empty;
            return false;
        }
    }

    private static bool TryHex(byte c, out int digit)
    {
        digit = c switch
        {
            >= (byte)'0' and <= (byte)'9' => c - '0',
            >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
            _ => -1,
        };
        return digit >= 0;
    }
}
