using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Recovery;

/// <summary>Recovery notes round-trip, a later one replaces the current one, every one is in the history, a redelivery stores nothing, and workspaces stay apart.</summary>
public abstract class RecoveryNoteStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly UserId Maya = new("U-MAYA");

    private IRecoveryNoteStore Store => Provider.Get<IRecoveryNoteStore>();

    private static PromiseEvent Noted(string? old, string cause, string note) => new(PromiseEventKind.RecoveryNoted, Maya, Now, old, cause, note);

    [Fact]
    public async Task ANote_RoundTrips_AndALaterOneReplacesIt_WhileTheHistoryKeepsBoth()
    {
        var promise = (await Provider.Promises.CreateAsync(NewPromise(Acme), null, Ct))!;
        var first = new RecoveryNote(Acme, promise.Number, true, null, RecoveryCause.Other, "the courier lost it", "sent another", null, Maya, Now);
        var second = first with { CustomerTold = false, ApologyGiven = true, Cause = RecoveryCause.Vendor, CauseText = null, Prevention = "two spares", WrittenAt = Now + Duration.FromMinutes(3) };

        Assert.Equal(RecoverySaveOutcome.Saved, await Store.SaveAsync(first, Noted(null, "Other", "cause: other"), "d1", Ct));
        Assert.Equal(first, await Store.GetAsync(Acme, promise.Number, Ct));
        Assert.Equal(RecoverySaveOutcome.Duplicate, await Store.SaveAsync(second, Noted("Other", "Vendor", "cause: vendor"), "d1", Ct));
        Assert.Equal(first, await Store.GetAsync(Acme, promise.Number, Ct));
        Assert.Equal(RecoverySaveOutcome.Saved, await Store.SaveAsync(second, Noted("Other", "Vendor", "cause: vendor"), "d2", Ct));

        Assert.Equal(second, await Store.GetAsync(Acme, promise.Number, Ct));
        var history = await Provider.Promises.GetHistoryAsync(Acme, promise.Number, Ct);
        Assert.Equal(["Created", "RecoveryNoted", "RecoveryNoted"], history.Select(e => e.Kind.ToString()));
        Assert.Equal("Vendor", history[^1].NewValue);
        Assert.Equal("Other", history[^1].OldValue);
    }

    [Fact]
    public async Task ANote_ForAPromiseOfAnotherWorkspace_IsNotStored_NorSeen()
    {
        var promise = (await Provider.Promises.CreateAsync(NewPromise(Acme), null, Ct))!;
        var note = new RecoveryNote(Globex, promise.Number, null, null, RecoveryCause.Capacity, null, null, null, Maya, Now);

        Assert.Equal(RecoverySaveOutcome.NotFound, await Store.SaveAsync(note, Noted(null, "Capacity", "x"), null, Ct));
        Assert.Null(await Store.GetAsync(Globex, promise.Number, Ct));
        Assert.Equal(RecoverySaveOutcome.Saved, await Store.SaveAsync(note with { Workspace = Acme }, Noted(null, "Capacity", "x"), null, Ct));
        Assert.Null(await Store.GetAsync(Globex, promise.Number, Ct));
        Assert.Single(await Provider.Promises.GetHistoryAsync(Acme, promise.Number, Ct), e => e.Kind == PromiseEventKind.RecoveryNoted);
    }
}

public sealed class SqliteRecoveryNoteStoreContract : RecoveryNoteStoreContract<SqliteProvider>;
