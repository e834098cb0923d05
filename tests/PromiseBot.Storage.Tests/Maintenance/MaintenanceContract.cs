using NodaTime;
using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Maintenance;

/// <summary>The storage ports of the host's start and housekeeping: <see cref="IStorageMaintenance"/>, <see cref="IDatabaseLifecycle"/>, <see cref="IDbWriter"/>.</summary>
public abstract class MaintenanceContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    [Fact]
    public async Task PruneDeliveries_RemovesOnlyOlderKeys()
    {
        await Provider.Promises.CreateAsync(NewPromise(Acme) with { MadeAt = Now - Duration.FromDays(2) }, "old", CancellationToken.None);
        await Provider.Promises.CreateAsync(NewPromise(Acme), "new", CancellationToken.None);

        var removed = await Provider.Maintenance.PruneDeliveriesAsync(Now - Duration.FromDays(1), CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.Null(await Provider.Promises.CreateAsync(NewPromise(Acme), "new", CancellationToken.None));
        Assert.NotNull(await Provider.Promises.CreateAsync(NewPromise(Acme), "old", CancellationToken.None));
    }

    [Fact]
    public async Task PruneOutboxDestinations_ForgetsOnlyRowsWhoseSlotsAndHoldEnded()
    {
        await Provider.Dispatch.TakeSlotsAsync(Channel("old"), 1, Duration.FromSeconds(1), Now - Duration.FromHours(2), CancellationToken.None);
        await Provider.Dispatch.TakeSlotsAsync(Channel("held"), 1, Duration.FromSeconds(1), Now - Duration.FromHours(2), CancellationToken.None);
        await Provider.Dispatch.HoldAsync(Channel("held"), Now, CancellationToken.None);
        await Provider.Dispatch.TakeSlotsAsync(Channel("recent"), 1, Duration.FromSeconds(1), Now, CancellationToken.None);

        var removed = await Provider.Maintenance.PruneOutboxDestinationsAsync(Now - Duration.FromHours(1), CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.Equal(["Slack|Channel|held", "Slack|Channel|recent"],
            await Provider.QueryAsync<string>("SELECT destination FROM outbox_destinations ORDER BY destination"));
    }

    private static Core.Outbox.Destination Channel(string address) =>
        new(Core.Commands.ChatPlatform.Slack, Acme, Core.Outbox.DestinationKind.Channel, address);

    [Fact]
    public void Lifecycle_MigratesOnce_AndNamesTheDatabase()
    {
        _ = Provider.Services; // started: migrated as a host does

        Assert.Empty(Provider.Lifecycle.Migrate());
        Assert.False(string.IsNullOrWhiteSpace(Provider.Lifecycle.Name));
    }

    [Fact]
    public async Task Writer_AFailingUnitIsUndone_AndDoesNotUndoItsNeighbours()
    {
        var good1 = Provider.Promises.CreateAsync(NewPromise(Acme, "a"), null, CancellationToken.None);
        var bad = Provider.Writer.ExecuteAsync<int>(unit =>
        {
            unit.Execute("DELETE FROM promises");
            return unit.Execute("INSERT INTO no_such_table VALUES (1)");
        }, CancellationToken.None);
        var good2 = Provider.Promises.CreateAsync(NewPromise(Acme, "b"), null, CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        Assert.NotNull(await good1);
        Assert.NotNull(await good2);
        Assert.Equal(2, (await Provider.Promises.ListAsync(Acme, new Core.Promises.PromiseQuery { Now = Now }, CancellationToken.None)).TotalCount);
    }

    [Fact]
    public async Task Writer_PreparedCommands_AreReusedWithNewValues_AndAcknowledgedAfterCommit()
    {
        const string Insert = "INSERT INTO processed_deliveries (workspace, delivery_key, processed_at) VALUES (@Workspace, @Key, @At)";
        string[] names = ["@Workspace", "@Key", "@At"];
        foreach (var key in new[] { "k1", "k2" })
        {
            await Provider.Writer.ExecuteAsync(unit =>
            {
                var command = unit.GetCommand(Insert, names);
                command.Parameters[0].Value = Acme.Value;
                command.Parameters[1].Value = key;
                command.Parameters[2].Value = Now.ToUnixTimeMilliseconds();
                return command.ExecuteNonQuery();
            }, CancellationToken.None);
        }

        // Committed when acknowledged: another connection sees both rows at once.
        Assert.Equal(["k1", "k2"], await Provider.QueryAsync<string>(
            "SELECT delivery_key FROM processed_deliveries WHERE workspace = @W ORDER BY delivery_key", new { W = Acme.Value }));
    }
}

public sealed class SqliteMaintenanceContract : MaintenanceContract<SqliteProvider>;
