using System.Text.Json;
using System.Text.Json.Serialization;
using PromiseBot.Core.Outbox;

namespace PromiseBot.Storage.Outbox;

/// <summary>
/// The stored form of a <see cref="DeliveryProgress"/> (column <c>outbox.delivery_progress</c>):
/// <c>{"message_id":"…","conversation":"…","files":[{"id":"F…","step":"completing"}]}</c>. Step names are stable text,
/// so a row written by one release is read by the next.
/// </summary>
internal static class DeliveryProgressJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static string? Serialize(DeliveryProgress? progress) =>
        progress is null ? null : JsonSerializer.Serialize(
            new Stored(progress.MessageId, progress.Conversation, [.. progress.Files.Select(f => new StoredFile(f.FileId, f.Step))]), Options);

    public static DeliveryProgress? Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize<Stored>(json, Options) ?? throw new JsonException("null delivery progress");
        return new DeliveryProgress(stored.MessageId, stored.Conversation, [.. (stored.Files ?? []).Select(f => new FileProgress(f.Id, f.Step))]);
    }

    private sealed record Stored(string? MessageId, string? Conversation, IReadOnlyList<StoredFile>? Files);

    private sealed record StoredFile(string Id, FileStep Step);
}
