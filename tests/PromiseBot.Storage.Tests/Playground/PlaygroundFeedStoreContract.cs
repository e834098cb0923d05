using PromiseBot.Storage.Playground;
using PromiseBot.Storage.Tests.Contract;

namespace PromiseBot.Storage.Tests.Playground;

/// <summary>The playground's <see cref="IPlaygroundFeedStore"/>, on any provider.</summary>
public abstract class PlaygroundFeedStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly DateTimeOffset At = StoreFixture.Now.ToDateTimeOffset();

    private IPlaygroundFeedStore Feed => Provider.Feed;

    [Fact]
    public async Task Append_ThenRead_EachFeedOnItsOwn_OldestFirst_AfterAnId()
    {
        var first = await Feed.AppendAsync(FeedKind.Channel, "C1", At, "U1", FeedSource.Command, "add Send the quote", Ct);
        var second = await Feed.AppendAsync(FeedKind.Channel, "C1", At.AddMinutes(1), null, FeedSource.Reply, "{\"reply\":1}", Ct);
        await Feed.AppendAsync(FeedKind.Direct, "C1", At, null, FeedSource.Outbox, "a DM to a person called C1", Ct);
        await Feed.AppendAsync(FeedKind.Channel, "C2", At, null, FeedSource.Outbox, "another channel", Ct);

        var all = await Feed.ReadAsync(FeedKind.Channel, "C1", 0, Ct);
        var newer = await Feed.ReadAsync(FeedKind.Channel, "C1", first, Ct);

        Assert.True(second > first);
        Assert.Equal(
            [new FeedItem(first, FeedKind.Channel, "C1", At, "U1", FeedSource.Command, "add Send the quote"),
             new FeedItem(second, FeedKind.Channel, "C1", At.AddMinutes(1), null, FeedSource.Reply, "{\"reply\":1}")],
            all);
        Assert.Equal([second], newer.Select(i => i.Id));
    }

    [Fact]
    public async Task Read_ReturnsTheNewestItemsUpToTheLimit()
    {
        for (var i = 0; i < IPlaygroundFeedStore.MaxItems + 5; i++)
        {
            await Feed.AppendAsync(FeedKind.Direct, "U1", At, null, FeedSource.Outbox, "m" + i, Ct);
        }

        var items = await Feed.ReadAsync(FeedKind.Direct, "U1", 0, Ct);

        Assert.Equal(IPlaygroundFeedStore.MaxItems, items.Count);
        Assert.Equal(("m5", "m" + (IPlaygroundFeedStore.MaxItems + 4)), (items[0].Body, items[^1].Body));
    }

    [Fact]
    public async Task ClockOffset_IsZeroUntilSaved_ThenTheLastSavedOne()
    {
        Assert.Equal(TimeSpan.Zero, await Feed.ReadOffsetAsync(Ct));

        await Feed.SaveOffsetAsync(TimeSpan.FromHours(1), Ct);
        await Feed.SaveOffsetAsync(TimeSpan.FromDays(2), Ct);

        Assert.Equal(TimeSpan.FromDays(2), await Feed.ReadOffsetAsync(Ct));
    }
}

public sealed class SqlitePlaygroundFeedStoreContract : PlaygroundFeedStoreContract<SqliteProvider>;
