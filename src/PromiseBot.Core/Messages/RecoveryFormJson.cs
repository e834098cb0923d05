using System.Text.Json;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;

namespace PromiseBot.Core.Messages;

/// <summary>The stored form of a <see cref="RecoveryFormBlock"/> inside <see cref="ReplyJson"/> (type <c>recovery_form</c>).</summary>
internal static class RecoveryFormJson
{
    public const string Type = "recovery_form";

    public static void Write(Utf8JsonWriter writer, RecoveryFormBlock form)
    {
        writer.WriteString("type", Type);
        writer.WriteNumber("number", form.Number.Value);
        writer.WriteStartObject("values");
        foreach (var (name, value) in Values(form.Values))
        {
            if (value is not null)
            {
                writer.WriteString(name, value);
            }
        }

        writer.WriteEndObject();
        writer.WriteStartObject("problems");
        foreach (var (field, problem) in form.Problems)
        {
            writer.WriteString(field.ToString(), problem);
        }

        writer.WriteEndObject();
    }

    public static RecoveryFormBlock Read(JsonElement element)
    {
        var number = element.TryGetProperty("number", out var n) && n.TryGetInt32(out var value) ? value : throw new JsonException("Missing property 'number'.");
        var values = element.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Object ? v : throw new JsonException("Missing property 'values'.");
        string? Value(string name) => values.TryGetProperty(name, out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null;
        var problems = new Dictionary<RecoveryFormField, string>();
        if (element.TryGetProperty("problems", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            foreach (var problem in p.EnumerateObject())
            {
                problems[Enum.TryParse<RecoveryFormField>(problem.Name, out var field) ? field : throw new JsonException($"Unknown form field '{problem.Name}'.")] =
                    problem.Value.GetString() ?? string.Empty;
            }
        }

        return new RecoveryFormBlock(
            new PromiseNumber(number),
            new RecoveryFormInput(Value("told"), Value("apology"), Value("cause"), Value("cause_text"), Value("fix"), Value("prevention")),
            problems);
    }

    private static (string Name, string? Value)[] Values(RecoveryFormInput values) =>
    [
        ("told", values.CustomerTold), ("apology", values.ApologyGiven), ("cause", values.Cause), ("cause_text", values.CauseText),
        ("fix", values.Fix), ("prevention", values.Prevention),
    ];
}
