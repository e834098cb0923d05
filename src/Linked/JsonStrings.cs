using System.Text.Json;

namespace PromiseBot.Http;

/// <summary>
/// Whether every string and property name of a JSON text can be read as .NET text. System.Text.Json parses a string
/// holding invalid UTF-8 or a lone surrogate escape (<c>"\ud800"</c>) without complaint and throws
/// <see cref="InvalidOperationException"/> only when it is read; a receiver checks this first, so such a body is a
/// 400 like any other malformed JSON instead of an exception later (found by the fuzz properties).
/// </summary>
internal static class JsonStrings
{
    public static bool AllReadable(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException)
        {
            return false;
        }
    }
}
