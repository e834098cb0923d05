using System.Text.Json;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>The stored form of an <see cref="ApprovalPromptBlock"/> inside <see cref="ReplyJson"/> (type <c>approval_prompt</c>).</summary>
internal static class ApprovalPromptJson
{
    public const string Type = "approval_prompt";

    public static void Write(Utf8JsonWriter writer, ApprovalPromptBlock block)
    {
        writer.WriteString("type", Type);
        writer.WriteNumber("request", block.RequestId);
        writer.WriteNumber("number", block.Number.Value);
    }

    public static ApprovalPromptBlock Read(JsonElement element) =>
        element.TryGetProperty("request", out var r) && r.TryGetInt64(out var request)
        && element.TryGetProperty("number", out var n) && n.TryGetInt32(out var number)
            ? new ApprovalPromptBlock(request, new PromiseNumber(number))
            : throw new JsonException("An approval prompt needs 'request' and 'number'.");
}
