using System.Collections.Concurrent;
using System.Text.Json;
using PromiseBot.Core.Promises;
using PromiseBot.Teams.Activities;

namespace PromiseBot.Teams.Cards;

/// <summary>
/// Names learned from inbound traffic (senders and mention entities). In memory and bounded: after a restart a
/// person's mention shows a neutral label until they speak or are mentioned again; the mention still notifies them,
/// because Teams resolves it by id.
/// </summary>
public sealed class TeamsUserNameCache : ITeamsUserNames
{
    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    public string? NameOf(UserId user) => _names.TryGetValue(user.Value, out var name) ? name : null;

    public void Remember(string? id, string? name)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrWhiteSpace(name) || !id.StartsWith("29:", StringComparison.Ordinal))
        {
            return;
        }

        if (_names.Count >= MaxEntries && !_names.ContainsKey(id))
        {
            // Crude but bounded: a full cache starts over rather than growing without limit.
            _names.Clear();
        }

        _names[id] = name.Trim();
    }

    /// <summary>Learns the sender's and every mentioned person's name from an activity.</summary>
    public void Learn(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Remember(activity.From?.Id, activity.From?.Name);
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.ValueKind == JsonValueKind.Object && entity.TryGetProperty("mentioned", out var mentioned)
                && mentioned.ValueKind == JsonValueKind.Object
                && mentioned.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && mentioned.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            {
                Remember(id.GetString(), name.GetString());
            }
        }
    }
}
