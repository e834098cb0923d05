using NodaTime;
using PromiseBot.Core.Installations;
using PromiseBot.Core.Promises;
using PromiseBot.Storage.Tests.Contract;

namespace PromiseBot.Storage.Tests.Installations;

/// <summary>Core's <see cref="IInstallationStore"/> and <see cref="IInstallStateStore"/>, on any provider.</summary>
public abstract class InstallationStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private IInstallationStore _store = null!;
    private IInstallStateStore _states = null!;

    public override Task InitializeAsync()
    {
        _store = Provider.Installations;
        _states = Provider.InstallStates;
        return Task.CompletedTask;
    }

    private static AppInstallation Install(WorkspaceId workspace, string token = "protected-access", Instant? at = null, bool org = false) =>
        new(workspace, org ? null : workspace.Value, "Acme Corp", org ? workspace.Value : "E1", "Acme Holdings", org, "A1", "UBOT",
            "commands,chat:write", token, "protected-refresh", StoreFixture.Now + Duration.FromHours(12),
            at ?? StoreFixture.Now, at ?? StoreFixture.Now);

    [Fact]
    public async Task Save_ThenFind_RoundTripsEveryField()
    {
        var team = Install(StoreFixture.Acme);
        var org = Install(new WorkspaceId("E-ORG"), org: true) with { ProtectedRefreshToken = null, ExpiresAt = null, TeamName = null };

        await _store.SaveAsync(team, default);
        await _store.SaveAsync(org, default);

        Assert.Equal(team, await _store.FindAsync(StoreFixture.Acme, default));
        Assert.Equal(org, await _store.FindAsync(new WorkspaceId("E-ORG"), default));
    }

    [Fact]
    public async Task TheOrgOfAWorkspace_IsRemembered_LastSeenWins_AndScopedToTheWorkspace()
    {
        Assert.Null(await _store.FindEnterpriseAsync(StoreFixture.Acme, CancellationToken.None));

        await _store.RememberEnterpriseAsync(StoreFixture.Acme, "E1", StoreFixture.Now, CancellationToken.None);
        await _store.RememberEnterpriseAsync(StoreFixture.Acme, "E2", StoreFixture.Now, CancellationToken.None);

        Assert.Equal("E2", await _store.FindEnterpriseAsync(StoreFixture.Acme, CancellationToken.None));
        Assert.Null(await _store.FindEnterpriseAsync(StoreFixture.Globex, CancellationToken.None));
    }

    [Fact]
    public async Task Find_IsScopedToTheWorkspace()
    {
        await _store.SaveAsync(Install(StoreFixture.Acme), default);

        Assert.Null(await _store.FindAsync(StoreFixture.Globex, default));
    }

    [Fact]
    public async Task Save_AReinstall_ReplacesTheTokens_ButKeepsWhenItWasFirstInstalled()
    {
        await _store.SaveAsync(Install(StoreFixture.Acme, "first"), default);
        var later = StoreFixture.Now + Duration.FromDays(3);

        await _store.SaveAsync(Install(StoreFixture.Acme, "second", at: later), default);

        var found = await _store.FindAsync(StoreFixture.Acme, default);
        Assert.Equal(("second", StoreFixture.Now, later), (found!.ProtectedAccessToken, found.InstalledAt, found.UpdatedAt));
    }

    [Fact]
    public async Task UpdateTokens_ChangesOnlyThatWorkspace_AndOnlyWhileTheExpectedTokenIsStored()
    {
        await _store.SaveAsync(Install(StoreFixture.Acme, "old"), default);
        await _store.SaveAsync(Install(StoreFixture.Globex, "old"), default);
        var at = StoreFixture.Now + Duration.FromHours(11);

        Assert.True(await _store.UpdateTokensAsync(StoreFixture.Acme, "old", "new", "new-refresh", at + Duration.FromHours(12), at, default));
        Assert.False(await _store.UpdateTokensAsync(StoreFixture.Acme, "old", "stale", null, null, at, default));

        var acme = await _store.FindAsync(StoreFixture.Acme, default);
        Assert.Equal(("new", "new-refresh", at + Duration.FromHours(12), at), (acme!.ProtectedAccessToken, acme.ProtectedRefreshToken, acme.ExpiresAt, acme.UpdatedAt));
        Assert.Equal("old", (await _store.FindAsync(StoreFixture.Globex, default))!.ProtectedAccessToken);
    }

    [Fact]
    public async Task Remove_DeletesOnlyThatWorkspace()
    {
        await _store.SaveAsync(Install(StoreFixture.Acme), default);
        await _store.SaveAsync(Install(StoreFixture.Globex), default);

        Assert.True(await _store.RemoveAsync(StoreFixture.Acme, default));
        Assert.False(await _store.RemoveAsync(StoreFixture.Acme, default));

        Assert.Null(await _store.FindAsync(StoreFixture.Acme, default));
        Assert.NotNull(await _store.FindAsync(StoreFixture.Globex, default));
    }

    [Fact]
    public async Task State_IsValidOnce_ThenAlreadyUsed()
    {
        await _states.AddAsync("hash-1", StoreFixture.Now, StoreFixture.Now + Duration.FromMinutes(10), default);

        Assert.Equal(InstallStateCheck.Valid, await _states.ConsumeAsync("hash-1", StoreFixture.Now + Duration.FromMinutes(9), default));
        Assert.Equal(InstallStateCheck.AlreadyUsed, await _states.ConsumeAsync("hash-1", StoreFixture.Now + Duration.FromMinutes(9), default));
    }

    [Fact]
    public async Task State_PastItsExpiry_IsExpired_AndUnknownStatesAreUnknown()
    {
        await _states.AddAsync("hash-1", StoreFixture.Now, StoreFixture.Now + Duration.FromMinutes(10), default);

        Assert.Equal(InstallStateCheck.Expired, await _states.ConsumeAsync("hash-1", StoreFixture.Now + Duration.FromMinutes(10), default));
        Assert.Equal(InstallStateCheck.Unknown, await _states.ConsumeAsync("hash-2", StoreFixture.Now, default));
    }

    [Fact]
    public async Task AddingAState_ForgetsStatesExpiredMoreThanADayAgo()
    {
        await _states.AddAsync("old", StoreFixture.Now, StoreFixture.Now + Duration.FromMinutes(10), default);
        var muchLater = StoreFixture.Now + Duration.FromDays(2);

        await _states.AddAsync("new", muchLater, muchLater + Duration.FromMinutes(10), default);

        Assert.Equal(InstallStateCheck.Unknown, await _states.ConsumeAsync("old", muchLater, default));
        Assert.Equal(InstallStateCheck.Valid, await _states.ConsumeAsync("new", muchLater, default));
    }
}

public sealed class SqliteInstallationStoreContract : InstallationStoreContract<SqliteProvider>;
