using NodaTime;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Promises;
using PromiseBot.Storage.Tests.Contract;

namespace PromiseBot.Storage.Tests.Conversations;

/// <summary>Core's <see cref="IConversationReferenceStore"/>, on any provider.</summary>
public abstract class ConversationReferenceStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly WorkspaceId Contoso = new("teams:contoso-tenant");
    private static readonly WorkspaceId Fabrikam = new("teams:fabrikam-tenant");

    private IConversationReferenceStore _store = null!;

    public override Task InitializeAsync()
    {
        _store = Provider.Conversations;
        return Task.CompletedTask;
    }

    private static ConversationReference Personal(WorkspaceId workspace, string conversation, string user, Instant at, string serviceUrl = "https://smba.trafficmanager.net/amer/") =>
        new(workspace, conversation, "personal", serviceUrl, workspace.Value["teams:".Length..], "28:bot-app-id", user, "aad-" + user, at);

    private static ConversationReference Channel(WorkspaceId workspace, string conversation, Instant at) =>
        new(workspace, conversation, "channel", "https://smba.trafficmanager.net/emea/", workspace.Value["teams:".Length..], "28:bot-app-id", null, null, at);

    [Fact]
    public async Task Upsert_ThenFind_RoundTripsEveryField()
    {
        var reference = Personal(Contoso, "a:1on1-ana", "29:ana", StoreFixture.Now);

        await _store.UpsertAsync(reference, default);

        Assert.Equal(reference, await _store.FindConversationAsync(Contoso, "a:1on1-ana", default));
    }

    [Fact]
    public async Task Upsert_IsIdempotentAndTheNewestServiceUrlWins_KeepingKnownUserIds()
    {
        await _store.UpsertAsync(Personal(Contoso, "a:1on1-ana", "29:ana", StoreFixture.Now), default);
        await _store.UpsertAsync(Personal(Contoso, "a:1on1-ana", "29:ana", StoreFixture.Now), default);
        var moved = Personal(Contoso, "a:1on1-ana", "29:ana", StoreFixture.Now + Duration.FromMinutes(5), "https://smba.trafficmanager.net/emea/")
            with { UserId = null, AadObjectId = null };

        await _store.UpsertAsync(moved, default);

        var found = await _store.FindConversationAsync(Contoso, "a:1on1-ana", default);
        Assert.Equal("https://smba.trafficmanager.net/emea/", found!.ServiceUrl);
        Assert.Equal("29:ana", found.UserId);
        Assert.Equal("aad-29:ana", found.AadObjectId);
        Assert.Equal(StoreFixture.Now + Duration.FromMinutes(5), found.UpdatedAt);
    }

    [Fact]
    public async Task Find_IsScopedToTheWorkspace()
    {
        await _store.UpsertAsync(Channel(Contoso, "19:general@thread.tacv2", StoreFixture.Now), default);
        await _store.UpsertAsync(Personal(Contoso, "a:1on1-ana", "29:ana", StoreFixture.Now), default);

        Assert.Null(await _store.FindConversationAsync(Fabrikam, "19:general@thread.tacv2", default));
        Assert.Null(await _store.FindForUserAsync(Fabrikam, "29:ana", default));
    }

    [Fact]
    public async Task FindForUser_PrefersTheUsersPersonalChat_ElseTheNewestConversationOfTheWorkspace()
    {
        await _store.UpsertAsync(Personal(Contoso, "a:1on1-ana", "29:ana", StoreFixture.Now), default);
        await _store.UpsertAsync(Channel(Contoso, "19:general@thread.tacv2", StoreFixture.Now + Duration.FromMinutes(1)), default);

        Assert.Equal("a:1on1-ana", (await _store.FindForUserAsync(Contoso, "29:ana", default))!.ConversationId);
        Assert.Equal("19:general@thread.tacv2", (await _store.FindForUserAsync(Contoso, "29:bob", default))!.ConversationId);
    }

    [Fact]
    public async Task Reachability_DefaultsToReachable_AndIsScopedToTheWorkspace()
    {
        Assert.True(await _store.IsUserReachableAsync(Contoso, "29:ana", default));

        await _store.SetUserReachableAsync(Contoso, "29:ana", reachable: false, StoreFixture.Now, default);
        await _store.SetUserReachableAsync(Contoso, "29:ana", reachable: false, StoreFixture.Now, default);

        Assert.False(await _store.IsUserReachableAsync(Contoso, "29:ana", default));
        Assert.True(await _store.IsUserReachableAsync(Fabrikam, "29:ana", default));

        await _store.SetUserReachableAsync(Contoso, "29:ana", reachable: true, StoreFixture.Now, default);

        Assert.True(await _store.IsUserReachableAsync(Contoso, "29:ana", default));
    }
}

public sealed class SqliteConversationReferenceStoreContract : ConversationReferenceStoreContract<SqliteProvider>;
