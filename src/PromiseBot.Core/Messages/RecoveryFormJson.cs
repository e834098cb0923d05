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
        FormFieldsJson.Write(writer, Values(form.Values), form.Problems);
    }

    public static RecoveryFormBlock Read(JsonElement element)
    {
        var number = element.TryGetProperty("number", out var n) && n.TryGetInt32(out var value) ? value : throw new JsonException("Missing property 'number'.");
        var (text, problems) = FormFieldsJson.Read<RecoveryFormField>(element);
        return new RecoveryFormBlock(
            new PromiseNumber(number),
            new RecoveryFormInput(text("told"), text("apology"), text("cause"), text("cause_text"), text("fix"), text("prevention")),
            problems);
    }

    private static (string Name, string? Value)[] Values(RecoveryFormInput values) =>
    [
        ("told", values.CustomerTold), ("apology", values.ApologyGiven), ("cause", values.Cause), ("cause_text", values.CauseText),
        ("fix", values.Fix), ("prevention", values.Prevention),
    ];
}
