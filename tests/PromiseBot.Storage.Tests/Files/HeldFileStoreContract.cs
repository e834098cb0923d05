using NodaTime;
using PromiseBot.Core.Files;
using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Files;

/// <summary>Core's <see cref="IHeldFileStore"/>, on any provider.</summary>
public abstract class HeldFileStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly Duration Day = Duration.FromHours(24);

    private IHeldFileStore Store => Provider.Get<IHeldFileStore>();

    private static HeldFile Csv() => new("promises-2026-11-23-to-2026-11-29.csv", "text/csv", [0xEF, 0xBB, 0xBF, .. "Number,Title\r\n1,“Quote” for Acme\r\n"u8.ToArray(), 0x00, 0xFF]);

    [Fact]
    public async Task Add_ThenGet_ReturnsEveryByte_AsOftenAsAsked_UntilItExpires()
    {
        var id = await Store.AddAsync(Acme, Csv(), Now, Now + Day, Ct);

        Assert.Matches("^[0-9a-f]{32}$", id);
        for (var i = 0; i < 2; i++)
        {
            var file = await Store.GetAsync(Acme, id, Now + Duration.FromHours(23), Ct);
            Assert.NotNull(file);
            Assert.Equal(Csv().FileName, file.FileName);
            Assert.Equal("text/csv", file.MediaType);
            Assert.Equal(Csv().Content, file.Content);
        }

        Assert.Null(await Store.GetAsync(Acme, id, Now + Day, Ct));
    }

    [Fact]
    public async Task Get_FromAnotherWorkspace_GivesNothing_AndForgetThereLeavesTheFile()
    {
        var id = await Store.AddAsync(Acme, Csv(), Now, Now + Day, Ct);

        Assert.Null(await Store.GetAsync(Globex, id, Now, Ct));
        Assert.False(await Store.ForgetAsync(Globex, id, Ct));
        Assert.NotNull(await Store.GetAsync(Acme, id, Now, Ct));
    }

    [Fact]
    public async Task Forget_RemovesTheFile_Once()
    {
        var id = await Store.AddAsync(Acme, Csv(), Now, Now + Day, Ct);

        Assert.True(await Store.ForgetAsync(Acme, id, Ct));
        Assert.False(await Store.ForgetAsync(Acme, id, Ct));
        Assert.Null(await Store.GetAsync(Acme, id, Now, Ct));
    }

    [Fact]
    public async Task Add_GivesEachFileItsOwnId_AndRefusesAFileOverTheLimit()
    {
        var first = await Store.AddAsync(Acme, Csv(), Now, Now + Day, Ct);
        var second = await Store.AddAsync(Acme, Csv(), Now, Now + Day, Ct);

        Assert.NotEqual(first, second);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync(Acme, Csv() with { Content = new byte[IHeldFileStore.MaxBytes + 1] }, Now, Now + Day, Ct));
        Assert.Equal(2L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM held_files"));
    }

    [Fact]
    public async Task Prune_RemovesOnlyExpiredFiles_OfEveryWorkspace()
    {
        await Store.AddAsync(Acme, Csv(), Now - Day, Now, Ct);
        await Store.AddAsync(Globex, Csv(), Now - Day, Now - Duration.FromMinutes(1), Ct);
        var fresh = await Store.AddAsync(Globex, Csv(), Now, Now + Day, Ct);

        Assert.Equal(2, await Store.PruneAsync(Now, Ct));
        Assert.Equal(0, await Store.PruneAsync(Now, Ct));
        Assert.NotNull(await Store.GetAsync(Globex, fresh, Now, Ct));
    }

    [Fact]
    public async Task Get_OnAnotherHost_ReadsTheFileTheFirstKept()
    {
        var id = await Store.AddAsync(Acme, Csv(), Now, Now + Day, Ct);
        var other = (IHeldFileStore)Provider.AnotherHost().GetService(typeof(IHeldFileStore))!;

        Assert.Equal(Csv().Content, (await other.GetAsync(Acme, id, Now, Ct))!.Content);
    }
}

public sealed class SqliteHeldFileStoreContract : HeldFileStoreContract<SqliteProvider>;
