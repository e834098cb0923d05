using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace PromiseBot.Slack.Interactivity;

/// <summary>
/// The blocks of messages whose "Extend" modal is open, so the row can be refreshed after the submission (a view
/// submission does not carry the message). In memory, one hour: after a restart the change still applies and only
/// the old message is not refreshed.
/// </summary>
public sealed class PendingMessages(TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public string Add(JsonArray blocks, string? text)
    {
        var now = time.GetUtcNow();
        if (_entries.Count >= MaxEntries)
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }

        var id = Guid.NewGuid().ToString("N");
        if (_entries.Count < MaxEntries)
        {
            _entries[id] = new Entry(blocks, text, now + Lifetime);
        }

        return id;
    }

    public (JsonArray Blocks, string? Text)? Take(string? id)
    {
        if (id is null || !_entries.TryRemove(id, out var entry) || entry.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }

        return (entry.Blocks, entry.Text);
    }

    private sealed record Entry(JsonArray Blocks, string? Text, DateTimeOffset ExpiresAt);
}
