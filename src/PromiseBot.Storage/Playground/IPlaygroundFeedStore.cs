namespace PromiseBot.Storage.Playground;

/// <summary>
/// The playground's chat history (what the bot "posted" in each channel and DM) and its stored clock offset. Its
/// tables exist only in the playground's own database: <see cref="EnsureCreatedAsync"/> applies the playground's
/// migrations (Migrations/Playground) when the playground starts, never to a production database.
/// </summary>
public interface IPlaygroundFeedStore
{
    /// <summary>Items returned per read; the page asks for newer ones with <c>after</c>.</summary>
    public const int MaxItems = 200;

    /// <summary>Applies the playground's pending migrations (once per process; every other call is free).</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);

    /// <summary>Adds an item and returns its id (ids grow: a later item has a larger id).</summary>
    Task<long> AppendAsync(FeedKind kind, string address, DateTimeOffset at, string? author, FeedSource source, string body, CancellationToken cancellationToken);

    /// <summary>The newest <see cref="MaxItems"/> items of one feed with an id above <paramref name="after"/>, oldest first.</summary>
    Task<IReadOnlyList<FeedItem>> ReadAsync(FeedKind kind, string address, long after, CancellationToken cancellationToken);

    Task SaveOffsetAsync(TimeSpan offset, CancellationToken cancellationToken);

    /// <summary>The stored clock offset; zero when none was saved.</summary>
    Task<TimeSpan> ReadOffsetAsync(CancellationToken cancellationToken);
}
