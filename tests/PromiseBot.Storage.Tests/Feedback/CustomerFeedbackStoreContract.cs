using NodaTime;
using PromiseBot.Core.Feedback;
using PromiseBot.Core.Promises;
using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Feedback;

/// <summary>Core's <see cref="ICustomerFeedbackStore"/>, on any provider.</summary>
public abstract class CustomerFeedbackStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private ICustomerFeedbackStore Feedback => Provider.Get<ICustomerFeedbackStore>();

    private static readonly UserId Sam = new("U-SAM");

    private async Task<Promise> ClosedAsync(WorkspaceId workspace)
    {
        var p = (await Provider.Promises.CreateAsync(NewPromise(workspace), null, Ct))!;
        var done = Assert.IsType<Core.UseCases.PromiseTransitions.Changed>(
            Core.UseCases.PromiseTransitions.Decide(p, new Core.Commands.CompletePromiseCommand(p.Number, null), p.Owner, p.MadeAt + Duration.FromHours(1)));
        Assert.Equal(UpdateOutcome.Updated, await Provider.Promises.UpdateAsync(done.Promise, p.Version, done.Event, null, Ct));
        return done.Promise;
    }

    private static (CustomerFeedback, PromiseEvent) Score(Promise p, int score, string? comment, Instant at, string? old = null) =>
        (new CustomerFeedback(p.Workspace, p.Number, score, comment, Sam, at),
         new PromiseEvent(PromiseEventKind.FeedbackRecorded, Sam, at, old, $"{score}/5", comment));

    [Fact]
    public async Task Record_RoundTrips_AndALaterScoreReplacesIt_WhileTheHistoryKeepsBoth()
    {
        var p = await ClosedAsync(Acme);
        var at = p.MadeAt + Duration.FromHours(2);
        var (first, firstEvent) = Score(p, 2, "slow <b>reply</b>", at);
        var (second, secondEvent) = Score(p, 5, null, at + Duration.FromMinutes(5), "2/5");

        Assert.Equal(FeedbackWrite.Recorded, await Feedback.RecordAsync(first, firstEvent, "k1", Ct));
        Assert.Equal(first, await Feedback.GetAsync(Acme, p.Number, Ct));
        Assert.Equal(FeedbackWrite.Recorded, await Feedback.RecordAsync(second, secondEvent, "k2", Ct));

        Assert.Equal(second, await Feedback.GetAsync(Acme, p.Number, Ct));
        var history = await Provider.Promises.GetHistoryAsync(Acme, p.Number, Ct);
        Assert.Equal([firstEvent, secondEvent], history.Where(e => e.Kind == PromiseEventKind.FeedbackRecorded));
        Assert.Equal(p.Version, (await Provider.Promises.GetAsync(Acme, p.Number, Ct))!.Version);
    }

    [Fact]
    public async Task TheSameDeliveryKeyTwice_RecordsOnce()
    {
        var p = await ClosedAsync(Acme);
        var (feedback, change) = Score(p, 4, null, p.MadeAt + Duration.FromHours(2));

        Assert.Equal(FeedbackWrite.Recorded, await Feedback.RecordAsync(feedback, change, "slack:action:t1", Ct));
        Assert.Equal(FeedbackWrite.Duplicate, await Feedback.RecordAsync(feedback with { Score = 1 }, change, "slack:action:t1", Ct));

        Assert.Equal(4, (await Feedback.GetAsync(Acme, p.Number, Ct))!.Score);
        Assert.Single(await Provider.Promises.GetHistoryAsync(Acme, p.Number, Ct), e => e.Kind == PromiseEventKind.FeedbackRecorded);
    }

    [Fact]
    public async Task AnOpenPromise_OrAnUnknownOne_TakesNothing()
    {
        var open = (await Provider.Promises.CreateAsync(NewPromise(Acme), null, Ct))!;
        var (feedback, change) = Score(open, 4, null, open.MadeAt);

        Assert.Equal(FeedbackWrite.NotClosed, await Feedback.RecordAsync(feedback, change, "k1", Ct));
        Assert.Equal(FeedbackWrite.NotFound, await Feedback.RecordAsync(feedback with { Number = new PromiseNumber(99) }, change, "k2", Ct));

        Assert.Null(await Feedback.GetAsync(Acme, open.Number, Ct));
        Assert.DoesNotContain(await Provider.Promises.GetHistoryAsync(Acme, open.Number, Ct), e => e.Kind == PromiseEventKind.FeedbackRecorded);
    }

    [Fact]
    public async Task AnotherWorkspace_NeverSeesIt()
    {
        var p = await ClosedAsync(Acme);
        var other = await ClosedAsync(Globex);
        var (feedback, change) = Score(p, 3, null, p.MadeAt + Duration.FromHours(2));

        await Feedback.RecordAsync(feedback, change, "k1", Ct);

        Assert.Equal(p.Number, other.Number);
        Assert.Null(await Feedback.GetAsync(Globex, other.Number, Ct));
    }
}

public sealed class SqliteCustomerFeedbackStoreContract : CustomerFeedbackStoreContract<SqliteProvider>;
