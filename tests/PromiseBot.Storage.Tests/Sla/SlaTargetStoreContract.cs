using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Sla;
using PromiseBot.Storage.Tests.Contract;

namespace PromiseBot.Storage.Tests.Sla;

/// <summary>Core's <see cref="ISlaTargetStore"/>, on any provider.</summary>
public abstract class SlaTargetStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly Instant At = Instant.FromUtc(2026, 12, 2, 15, 0);
    private static readonly UserId Maya = new("U-MAYA");

    [Fact]
    public async Task ATarget_IsSavedReplacedListedAndRemoved_PerWorkspace()
    {
        var store = Provider.SlaTargets;
        await store.SaveAsync(new SlaTarget(StoreFixture.Acme, "support", new SlaAmount(4, SlaUnit.BusinessHours), "default"), Maya, At, Ct);
        await store.SaveAsync(new SlaTarget(StoreFixture.Acme, "quotes", new SlaAmount(2, SlaUnit.BusinessDays), "uk-support"), Maya, At, Ct);
        await store.SaveAsync(new SlaTarget(StoreFixture.Globex, "support", new SlaAmount(30, SlaUnit.BusinessMinutes), "default"), Maya, At, Ct);

        // Replaced, not added; read back case-insensitively.
        await store.SaveAsync(new SlaTarget(StoreFixture.Acme, "support", new SlaAmount(1, SlaUnit.BusinessHours), "24-7"), Maya, At, Ct);
        Assert.Equal(new SlaTarget(StoreFixture.Acme, "support", new SlaAmount(1, SlaUnit.BusinessHours), "24-7"), await store.GetAsync(StoreFixture.Acme, "SUPPORT", Ct));
        Assert.Equal(["quotes", "support"], (await store.ListAsync(StoreFixture.Acme, Ct)).Select(t => t.Category));
        Assert.Equal(new SlaAmount(30, SlaUnit.BusinessMinutes), (await store.GetAsync(StoreFixture.Globex, "support", Ct))!.Amount);

        Assert.True(await store.RemoveAsync(StoreFixture.Acme, "support", Ct));
        Assert.False(await store.RemoveAsync(StoreFixture.Acme, "support", Ct));
        Assert.Null(await store.GetAsync(StoreFixture.Acme, "support", Ct));
        Assert.NotNull(await store.GetAsync(StoreFixture.Globex, "support", Ct)); // another workspace's stays
    }
}

public sealed class SqliteSlaTargetStoreContract : SlaTargetStoreContract<SqliteProvider>;
