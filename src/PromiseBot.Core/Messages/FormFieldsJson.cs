using System.Text.Json;

namespace PromiseBot.Core.Messages;

/// <summary>
/// How a form block stores its inputs inside <see cref="ReplyJson"/>: <c>"values"</c> (each input as typed, missing
/// when empty) and <c>"problems"</c> (by field name). One shape for the new-promise form and the recovery-note form.
/// </summary>
internal static class FormFieldsJson
{
    public static void Write<TField>(Utf8JsonWriter writer, IEnumerable<(string Name, string? Value)> values, IReadOnlyDictionary<TField, string> problems)
        where TField : struct, Enum
    {
        writer.WriteStartObject("values");
        foreach (var (name, value) in values)
        {
            if (value is not null)
            {
                writer.WriteString(name, value);
            }
        }

        writer.WriteEndObject();
        writer.WriteStartObject("problems");
        foreach (var (field, problem) in problems)
        {
            writer.WriteString(field.ToString(), problem);
        }

        writer.WriteEndObject();
    }

    /// <summary>The stored values (a reader by input name) and problems of a form block; a missing problems object is none.</summary>
    public static (Func<string, string?> Value, Dictionary<TField, string> Problems) Read<TField>(JsonElement element)
        where TField : struct, Enum
    {
        var values = element.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Object ? v : throw new JsonException("Missing property 'values'.");
        var problems = new Dictionary<TField, string>();
        if (element.TryGetProperty("problems", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            foreach (var problem in p.EnumerateObject())
            {
                problems[Enum.TryParse<TField>(problem.Name, out var field) ? field : throw new JsonException($"Unknown form field '{problem.Name}'.")] =
                    problem.Value.GetString() ?? string.Empty;
            }
        }

        return (name => values.TryGetProperty(name, out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null, problems);
    }
}
