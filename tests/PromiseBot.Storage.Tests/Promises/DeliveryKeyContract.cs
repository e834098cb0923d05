using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Promises;

/// <summary>
/// A create's delivery key: the same key stores nothing a second time, and leads back to the promise the first
/// delivery made (how a Slack event run again after a crash is answered), only within its workspace.
/// </summary>
public abstract class DeliveryKeyContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    [Fact]
    public async Task TheSameKeyAgain_StoresNothing_AndLeadsBackToThePromiseItMade()
    {
        var promises = Provider.Promises;
        await promises.CreateAsync(NewPromise(Acme, "Another one"), "ev:0", Ct);
        var made = (await promises.CreateAsync(NewPromise(Acme, "Call Initech back"), "ev:1", Ct))!;

        Assert.Null(await promises.CreateAsync(NewPromise(Acme, "Call Initech back"), "ev:1", Ct));

        var found = await promises.CreatedByAsync(Acme, "ev:1", Ct);
        Assert.Equal(made, found);
        Assert.Equal(2, made.Number.Value);
        Assert.Null(await promises.CreatedByAsync(Acme, "ev:unknown", Ct));
        Assert.Null(await promises.CreatedByAsync(Globex, "ev:1", Ct));
        Assert.Equal(2, (await promises.ListAsync(Acme, new PromiseBot.Core.Promises.PromiseQuery { Now = Now }, Ct)).Items.Count);
    }
}

public sealed class SqliteDeliveryKeyContract : DeliveryKeyContract<SqliteProvider>;
