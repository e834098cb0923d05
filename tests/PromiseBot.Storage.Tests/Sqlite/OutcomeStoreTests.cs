using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Sqlite;

/// <summary>
/// The recomputation's walk on SQLite (<c>recompute outcomes</c>): it corrects a stored outcome its log disagrees
/// with, audits it, leaves the ones that agree alone, and never reaches into another workspace.
/// </summary>
public sealed class OutcomeStoreTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<Promise> MadeAndDoneOnTimeAsync(SqliteProvider f, WorkspaceId workspace)
    {
        var made = await f.Promises.CreateAsync(NewPromise(workspace), null, Ct);
        var at = Now + Duration.FromHours(1);
        var done = made! with { Status = PromiseStatus.Done, DoneAt = at, ClosedAt = at, Outcome = Outcome.Kept, Version = 2 };
        Assert.Equal(UpdateOutcome.Updated,
            await f.Promises.UpdateAsync(done, 1, new PromiseEvent(PromiseEventKind.Completed, done.Owner, at, "open", "done (on time)", null), null, Ct));
        return done;
    }

    [Fact]
    public async Task Recompute_CorrectsWhatTheLogDisagreesWith_InItsWorkspaceOnly_AndAuditsIt()
    {
        await using var f = new SqliteProvider();
        var acme = await MadeAndDoneOnTimeAsync(f, Acme);
        await MadeAndDoneOnTimeAsync(f, Acme); // #2 agrees with its log
        var globex = await MadeAndDoneOnTimeAsync(f, Globex);
        // A wrong outcome, as a bug or a hand edit might leave it.
        await f.QueryAsync<int>("UPDATE promises SET outcome = 2, late_ms = 60000 WHERE number = 1 RETURNING 1");
        var change = new PromiseEvent(PromiseEventKind.OutcomeRecomputed, new UserId("U-MANAGER"), Now + Duration.FromDays(1), null, null, "recompute outcomes");

        var recount = await f.Get<IOutcomeStore>().RecomputeAsync(Acme, (p, log) => OutcomeRules.Recomputed(p, log, clock: null), change, Ct);

        Assert.Equal(2, recount.Checked);
        Assert.Equal([new OutcomeCorrection(acme.Number, Outcome.Late, Outcome.Kept)], recount.Corrected);
        var fixedUp = await f.Promises.GetAsync(Acme, acme.Number, Ct);
        Assert.Equal(Outcome.Kept, fixedUp!.Outcome);
        Assert.Null(fixedUp.Lateness);
        Assert.Equal(3, fixedUp.Version);
        var last = (await f.Promises.GetHistoryAsync(Acme, acme.Number, Ct))[^1];
        Assert.Equal(change with { OldValue = "late", NewValue = "kept" }, last);
        Assert.Equal(Outcome.Late, (await f.Promises.GetAsync(Globex, globex.Number, Ct))!.Outcome);
        Assert.Equal(2, (await f.Promises.GetHistoryAsync(Globex, globex.Number, Ct)).Count);
    }
}
