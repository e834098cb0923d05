namespace PromiseBot.Slack.SocketMode;

/// <summary>
/// The envelope and event ids seen recently, so a redelivered envelope (a Slack retry, or the same event under a new
/// envelope) is processed once. Bounded in time (<paramref name="ttl"/>) and in size (<paramref name="capacity"/>,
/// oldest forgotten first). Thread-safe.
/// </summary>
public sealed class RecentDeliveries(TimeProvider time, TimeSpan ttl, int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);

    // Insertion order is expiry order (one fixed ttl), so the front is always the next to go.
    private readonly Queue<(string Key, DateTimeOffset Expires)> _order = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                Expire(time.GetUtcNow());
                return _expiry.Count;
            }
        }
    }

    /// <summary>
    /// Records the keys (null ones are skipped) and returns true when none of them was seen within the window: the
    /// delivery is new. Keys not seen before are recorded either way, so any later copy matches.
    /// </summary>
    public bool TryRecord(string key, string? otherKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Expire(now);
            var fresh = Add(key, now);
            if (!string.IsNullOrEmpty(otherKey))
            {
                fresh &= Add(otherKey, now);
            }

            while (_expiry.Count > capacity && _order.TryDequeue(out var oldest))
            {
                if (_expiry.TryGetValue(oldest.Key, out var expires) && expires == oldest.Expires)
                {
                    _expiry.Remove(oldest.Key);
                }
            }

            return fresh;
        }
    }

    /// <summary>Forgets keys, so that a redelivery is processed: used when handing a delivery over failed.</summary>
    public void Forget(string key, string? otherKey = null)
    {
        lock (_gate)
        {
            // Their queue entries stay until they expire; Expire only removes a key whose recorded expiry matches.
            _expiry.Remove(key);
            if (otherKey is not null)
            {
                _expiry.Remove(otherKey);
            }
        }
    }

    private bool Add(string key, DateTimeOffset now)
    {
        if (_expiry.ContainsKey(key))
        {
            return false;
        }

        var expires = now + ttl;
        _expiry[key] = expires;
        _order.Enqueue((key, expires));
        return true;
    }

    private void Expire(DateTimeOffset now)
    {
        while (_order.TryPeek(out var front) && front.Expires <= now)
        {
            _order.Dequeue();
            if (_expiry.TryGetValue(front.Key, out var expires) && expires == front.Expires)
            {
                _expiry.Remove(front.Key);
            }
        }
    }
}
