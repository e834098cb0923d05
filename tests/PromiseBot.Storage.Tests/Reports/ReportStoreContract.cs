using NodaTime;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Core.Reports;
using PromiseBot.Storage.Tests.Contract;
using PromiseBot.Storage;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Reports;

/// <summary>A report's reads: the period's promises (closed in it, due in it, broken in it) with their recovery-note flag, the open ones for the load table, the filters, and one workspace only.</summary>
public abstract class ReportStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly Instant WeekStart = Now;
    private static readonly Instant WeekEnd = Now + Duration.FromDays(7);

    private IReportStore Store => Provider.Get<IReportStore>();

    [Fact]
    public async Task ThePeriod_HoldsWhatClosedInIt_WasDueInIt_OrBrokeInIt_AndNothingOfAnotherWorkspace()
    {
        var dueIn = await CreateAsync(Acme, "due in the week", Duration.FromDays(1));
        var later = await CreateAsync(Acme, "due later", Duration.FromDays(20));
        var closedIn = await CreateAsync(Acme, "due before, closed in the week", Duration.FromDays(-3));
        await CloseAsync(closedIn, Now + Duration.FromHours(2), Outcome.Late);
        var otherWorkspace = await CreateAsync(Globex, "theirs", Duration.FromDays(1));

        var entries = await Store.ListPeriodAsync(Acme, WeekStart, WeekEnd, new ReportFilter(), Ct);

        Assert.Equal(["due before, closed in the week", "due in the week"], entries.Select(e => e.Promise.Title).Order(StringComparer.Ordinal));
        var closed = Assert.Single(entries, e => e.Promise.Title == closedIn.Title).Promise;
        Assert.Equal(Outcome.Late, closed.Outcome);
        Assert.Equal(Now + Duration.FromHours(2), closed.ClosedAt);
        Assert.DoesNotContain(entries, e => e.Promise.Workspace != Acme);
        Assert.DoesNotContain(entries, e => e.Promise.Number == later.Number);
        Assert.Equal("theirs", Assert.Single(await Store.ListPeriodAsync(Globex, WeekStart, WeekEnd, new ReportFilter(), Ct)).Promise.Title);
        Assert.Equal(otherWorkspace.Number, (await Store.ListPeriodAsync(Globex, WeekStart, WeekEnd, new ReportFilter(), Ct))[0].Promise.Number);
    }

    [Fact]
    public async Task ARecoveryNote_IsFlagged_OnlyOnItsOwnPromise()
    {
        var noted = await CreateAsync(Acme, "noted", Duration.FromDays(1));
        var bare = await CreateAsync(Acme, "bare", Duration.FromDays(2));
        var note = new RecoveryNote(Acme, noted.Number, true, true, RecoveryCause.Vendor, null, "sent a spare", null, noted.Owner, Now);
        Assert.Equal(RecoverySaveOutcome.Saved, await Provider.Get<IRecoveryNoteStore>().SaveAsync(
            note, new PromiseEvent(PromiseEventKind.RecoveryNoted, noted.Owner, Now, null, "Vendor", "cause: vendor"), null, Ct));

        var entries = await Store.ListPeriodAsync(Acme, WeekStart, WeekEnd, new ReportFilter(), Ct);

        Assert.True(Assert.Single(entries, e => e.Promise.Number == noted.Number).HasRecoveryNote);
        Assert.False(Assert.Single(entries, e => e.Promise.Number == bare.Number).HasRecoveryNote);
    }

    [Fact]
    public async Task Filters_ByCategoryOwnerAndCustomer()
    {
        await CreateAsync(Acme, "ana's quote", Duration.FromDays(1), owner: "U-ANA");
        await CreateAsync(Acme, "ben's quote", Duration.FromDays(1), owner: "U-BEN");

        Assert.Equal(2, (await Store.ListPeriodAsync(Acme, WeekStart, WeekEnd, new ReportFilter(Category: "quotes"), Ct)).Count);
        Assert.Empty(await Store.ListPeriodAsync(Acme, WeekStart, WeekEnd, new ReportFilter(Category: "refunds"), Ct));
        Assert.Equal("ana's quote", Assert.Single(await Store.ListPeriodAsync(Acme, WeekStart, WeekEnd, new ReportFilter(Owner: new UserId("U-ANA")), Ct)).Promise.Title);
        Assert.Equal(2, (await Store.ListPeriodAsync(Acme, WeekStart, WeekEnd, new ReportFilter(Customer: "ACME"), Ct)).Count);
        Assert.Empty(await Store.ListPeriodAsync(Acme, WeekStart, WeekEnd, new ReportFilter(Customer: "Acme Corp"), Ct));
    }

    [Fact]
    public async Task TheLoadTable_ReadsOpenPromisesDueBeforeTheLimit_OverdueIncluded()
    {
        var overdue = await CreateAsync(Acme, "overdue", Duration.FromDays(-1));
        var soon = await CreateAsync(Acme, "soon", Duration.FromDays(8));
        await CreateAsync(Acme, "far", Duration.FromDays(40));
        var done = await CreateAsync(Acme, "done", Duration.FromDays(2));
        await CloseAsync(done, Now, Outcome.Kept);
        await CreateAsync(Globex, "theirs", Duration.FromDays(2));

        var open = await Store.ListOpenDueBeforeAsync(Acme, Now + Duration.FromDays(14), new ReportFilter(), Ct);

        Assert.Equal([overdue.Number, soon.Number], open.Select(p => p.Number).OrderBy(n => n.Value));
    }

    [Fact]
    public async Task TheExport_HoldsThePeriodsPromises_WithTheirNoteFeedbackAndEvents_ByNumber_AndNothingOfAnotherWorkspace()
    {
        var noted = await CreateAsync(Acme, "noted, extended and paused", Duration.FromDays(1));
        var bare = await CreateAsync(Acme, "bare", Duration.FromDays(2));
        await CreateAsync(Acme, "due later", Duration.FromDays(20));
        var theirs = await CreateAsync(Globex, "theirs", Duration.FromDays(1));

        // Extended, paused and resumed, then done: four events the export reads, and the Created one it does not.
        var current = noted;
        foreach (var (kind, at) in new[] { (PromiseEventKind.Extended, Now + Duration.FromHours(1)), (PromiseEventKind.Paused, Now + Duration.FromHours(2)), (PromiseEventKind.Resumed, Now + Duration.FromHours(5)) })
        {
            var next = current with { Version = current.Version + 1 };
            Assert.Equal(UpdateOutcome.Updated, await Provider.Promises.UpdateAsync(next, current.Version, new PromiseEvent(kind, current.Owner, at, null, null, null), null, Ct));
            current = next;
        }

        await CloseAsync(current, Now + Duration.FromHours(6), Outcome.Kept);
        var note = new RecoveryNote(Acme, noted.Number, true, null, RecoveryCause.Other, "the courier lost it", "sent a spare", "track parcels", noted.Owner, Now);
        Assert.Equal(RecoverySaveOutcome.Saved, await Provider.Get<IRecoveryNoteStore>().SaveAsync(
            note, new PromiseEvent(PromiseEventKind.RecoveryNoted, noted.Owner, Now, null, "Other", "cause: other"), null, Ct));
        var feedback = new PromiseBot.Core.Feedback.CustomerFeedback(Acme, noted.Number, 4, "quick", new UserId("U2"), Now + Duration.FromHours(7));
        Assert.Equal(PromiseBot.Core.Feedback.FeedbackWrite.Recorded, await Provider.Get<PromiseBot.Core.Feedback.ICustomerFeedbackStore>().RecordAsync(
            feedback, new PromiseEvent(PromiseEventKind.FeedbackRecorded, new UserId("U2"), Now + Duration.FromHours(7), null, "4/5", "quick"), null, Ct));
        // The other workspace's promise has a note and events of its own, which must not leak into Acme's rows.
        var theirNote = note with { Workspace = Globex, Number = theirs.Number, CauseText = "theirs" };
        await Provider.Get<IRecoveryNoteStore>().SaveAsync(theirNote, new PromiseEvent(PromiseEventKind.RecoveryNoted, theirs.Owner, Now, null, "Other", null), null, Ct);
        await Provider.Promises.UpdateAsync(theirs with { Version = 2 }, 1, new PromiseEvent(PromiseEventKind.Extended, theirs.Owner, Now, null, null, null), null, Ct);

        var entries = await Store.ListExportAsync(Acme, WeekStart, WeekEnd, new ReportFilter(), Ct);

        Assert.Equal([noted.Number, bare.Number], entries.Select(e => e.Promise.Number));
        var first = entries[0];
        Assert.Equal(Outcome.Kept, first.Promise.Outcome);
        Assert.Equal(note, first.Recovery);
        Assert.Equal(feedback, first.Feedback);
        Assert.Equal(
            [(PromiseEventKind.Extended, Now + Duration.FromHours(1)), (PromiseEventKind.Paused, Now + Duration.FromHours(2)),
             (PromiseEventKind.Resumed, Now + Duration.FromHours(5)), (PromiseEventKind.Completed, Now + Duration.FromHours(6))],
            first.Events.Select(e => (e.Kind, e.At)));
        Assert.Null(entries[1].Recovery);
        Assert.Null(entries[1].Feedback);
        Assert.Empty(entries[1].Events);

        var globex = Assert.Single(await Store.ListExportAsync(Globex, WeekStart, WeekEnd, new ReportFilter(), Ct));
        Assert.Equal("theirs", globex.Recovery!.CauseText);
        Assert.Equal([PromiseEventKind.Extended], globex.Events.Select(e => e.Kind));
    }

    [Fact]
    public async Task TheExport_FiltersByCategory_TheEventsToo()
    {
        var quote = await CreateAsync(Acme, "a quote", Duration.FromDays(1));
        await Provider.Promises.UpdateAsync(quote with { Version = 2 }, 1, new PromiseEvent(PromiseEventKind.Extended, quote.Owner, Now, null, null, null), null, Ct);

        Assert.Empty(await Store.ListExportAsync(Acme, WeekStart, WeekEnd, new ReportFilter(Category: "refunds"), Ct));
        var entry = Assert.Single(await Store.ListExportAsync(Acme, WeekStart, WeekEnd, new ReportFilter(Category: "quotes"), Ct));
        Assert.Single(entry.Events);
    }

    [Fact]
    public async Task TheExport_ReadsFiftyThousandPromisesAndTheirEvents_InBulk()
    {
        // Inserted in two statements (a counting CTE both providers run), then read back by the export's two queries.
        const string Promises = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
            INSERT INTO promises (workspace, number, title, owner, due_at, made_by, made_at, channel, status, version)
            SELECT @Workspace, i, 'Promise', 'U1', @Due, 'U1', @Made, 'C1', 0, 1 FROM n
            """;
        const string Events = """
            INSERT INTO promise_events (workspace, promise_id, kind, actor, at)
            SELECT workspace, id, 'Extended', 'U1', @Made FROM promises WHERE workspace = @Workspace
            """;
        var parameters = new { Workspace = Acme.Value, Due = (Now + Duration.FromDays(1)).ToUnixTimeMilliseconds(), Made = Now.ToUnixTimeMilliseconds() };
        await Provider.Writer.ExecuteAloneAsync(unit => unit.Execute(Promises, parameters) + unit.Execute(Events, parameters), Ct);

        var entries = await Store.ListExportAsync(Acme, WeekStart, WeekEnd, new ReportFilter(), Ct);

        Assert.Equal(50_000, entries.Count);
        Assert.All(entries, e => Assert.Equal(1, ExportFigures.Extensions(e)));
        Assert.Equal(50_000, entries[^1].Promise.Number.Value);
        var csv = PromiseCsv.Write(entries, DateTimeZone.Utc, Now);
        Assert.Equal(50_001, System.Text.Encoding.UTF8.GetString(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private async Task<Promise> CreateAsync(WorkspaceId workspace, string title, Duration dueIn, string owner = "U1") =>
        (await Provider.Promises.CreateAsync(NewPromise(workspace, title, dueIn, owner: owner), null, Ct))!;

    private async Task CloseAsync(Promise promise, Instant at, Outcome outcome)
    {
        var closed = promise with { Status = PromiseStatus.Done, DoneAt = at, ClosedAt = at, Outcome = outcome, Version = promise.Version + 1 };
        Assert.Equal(UpdateOutcome.Updated, await Provider.Promises.UpdateAsync(
            closed, promise.Version, new PromiseEvent(PromiseEventKind.Completed, promise.Owner, at, null, null, null), null, Ct));
    }
}

public sealed class SqliteReportStoreContract : ReportStoreContract<SqliteProvider>;
