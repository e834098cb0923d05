using Moq;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.UseCases;

/// <summary>
/// The one action model behind every button: a click applies only to the version of the promise it was drawn at,
/// and otherwise changes nothing and says how the promise stands now.
/// </summary>
public sealed class PromiseActionTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0);
    private static readonly WorkspaceId Ws = new("T1");
    private static readonly UserId Owner = new("U-OWN");
    private static readonly PromiseNumber N = new(5);

    private static Promise AtVersion(int version, PromiseStatus status = PromiseStatus.Open) => new()
    {
        Workspace = Ws, Number = N, Title = "Call back Dana", Owner = Owner, DueAt = Now + Duration.FromDays(1),
        MadeBy = Owner, MadeAt = Now - Duration.FromDays(1), Channel = "C1", Version = version, Status = status,
    };

    private static InboundCommand Click => new(ChatPlatform.Playground, Ws, "C1", false, Owner, string.Empty, Now, "click-1", "America/New_York");

    private static (PromiseCommandService Service, Mock<IPromiseStore> Store) Make(params Promise?[] reads)
    {
        var store = new Mock<IPromiseStore>();
        var sequence = store.SetupSequence(s => s.GetAsync(Ws, N, It.IsAny<CancellationToken>()));
        foreach (var read in reads)
        {
            sequence = sequence.ReturnsAsync(read);
        }

        var service = new PromiseCommandService(new CommandParser(TestDates.Parser), store.Object, new PromiseBotOptions { DefaultTimeZone = "America/New_York" });
        return (service, store);
    }

    private static void NeverUpdated(Mock<IPromiseStore> store) =>
        store.Verify(s => s.UpdateAsync(It.IsAny<Promise>(), It.IsAny<int>(), It.IsAny<PromiseEvent>(), It.IsAny<string?>(), It.IsAny<IReadOnlyList<OutboundMessage>>(), It.IsAny<CancellationToken>()), Times.Never);

    [Fact]
    public async Task AClick_AtTheDrawnVersion_Applies_AndReturnsThePromiseAsItIsNow()
    {
        var (service, store) = Make(AtVersion(2));
        store.Setup(s => s.UpdateAsync(It.IsAny<Promise>(), 2, It.IsAny<PromiseEvent>(), "click-1", It.IsAny<IReadOnlyList<OutboundMessage>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(UpdateOutcome.Updated);

        var outcome = await service.ActAsync(Click, new PromiseAction(N, 2, PromiseVerb.Done), CancellationToken.None);

        Assert.Equal(ActionOutcomeKind.Applied, outcome.Kind);
        Assert.Equal(PromiseStatus.Done, outcome.Current!.Status);
        Assert.Equal(3, outcome.Current.Version);
        Assert.Equal(ReplyTone.Success, outcome.Reply.Tone);
    }

    [Fact]
    public async Task AClick_OnAPromiseThatChangedSince_ChangesNothing_AndSaysHowItStands()
    {
        var (service, store) = Make(AtVersion(3, PromiseStatus.Done));

        var outcome = await service.ActAsync(Click, new PromiseAction(N, 2, PromiseVerb.Done), CancellationToken.None);

        Assert.Equal(ActionOutcomeKind.Stale, outcome.Kind);
        Assert.Equal(3, outcome.Current!.Version);
        Assert.Equal("#5 changed since this was shown (it is done), so I didn't change anything. This is where it stands now.", outcome.Reply.Summary);
        Assert.IsType<PromiseLineBlock>(outcome.Reply.Blocks[^1]);
        NeverUpdated(store);
    }

    [Fact]
    public async Task AChange_BetweenTheReadAndTheWrite_MakesTheClickStale_NotRetried()
    {
        var (service, store) = Make(AtVersion(2), AtVersion(3, PromiseStatus.Cancelled));
        store.Setup(s => s.UpdateAsync(It.IsAny<Promise>(), 2, It.IsAny<PromiseEvent>(), It.IsAny<string?>(), It.IsAny<IReadOnlyList<OutboundMessage>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(UpdateOutcome.Conflict);

        var outcome = await service.ActAsync(Click, new PromiseAction(N, 2, PromiseVerb.Done), CancellationToken.None);

        Assert.Equal(ActionOutcomeKind.Stale, outcome.Kind);
        Assert.Contains("it was cancelled", outcome.Reply.Summary, StringComparison.Ordinal);
        store.Verify(s => s.UpdateAsync(It.IsAny<Promise>(), It.IsAny<int>(), It.IsAny<PromiseEvent>(), It.IsAny<string?>(), It.IsAny<IReadOnlyList<OutboundMessage>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Extend_WithoutADate_AsksForIt_AndChangesNothing()
    {
        var (service, store) = Make(AtVersion(2));
        var outcome = await service.ActAsync(Click, new PromiseAction(N, 2, PromiseVerb.Extend), CancellationToken.None);
        Assert.Equal(ActionOutcomeKind.NeedsInput, outcome.Kind);
        Assert.Equal("Pick the new due date for #5 first.", outcome.Reply.Summary);
        NeverUpdated(store);
    }

    [Fact]
    public async Task Extend_WithADate_OnAStaleButton_ChangesNothing()
    {
        var (service, store) = Make(AtVersion(4));
        var due = new ResolvedDue(Now + Duration.FromDays(3), TimeDefaulted: false, "Thursday");
        var outcome = await service.ActAsync(Click, new PromiseAction(N, 2, PromiseVerb.Extend) { NewDue = due }, CancellationToken.None);
        Assert.Equal(ActionOutcomeKind.Stale, outcome.Kind);
        Assert.StartsWith("#5 changed since this was shown (now due ", outcome.Reply.Summary, StringComparison.Ordinal);
        NeverUpdated(store);
    }

    [Fact]
    public async Task AClick_ThatTheStateRefuses_IsRefused_WithThePromiseAsItIs()
    {
        var (service, store) = Make(AtVersion(2, PromiseStatus.Done));
        var outcome = await service.ActAsync(Click, new PromiseAction(N, 2, PromiseVerb.Done), CancellationToken.None);
        Assert.Equal(ActionOutcomeKind.Refused, outcome.Kind);
        Assert.Equal(2, outcome.Current!.Version);
        NeverUpdated(store);
    }

    [Fact]
    public async Task AClick_OnAPromiseThatIsGone_IsNotFound()
    {
        var (service, _) = Make([null]);
        var outcome = await service.ActAsync(Click, new PromiseAction(N, 1, PromiseVerb.Ack), CancellationToken.None);
        Assert.Equal(ActionOutcomeKind.NotFound, outcome.Kind);
        Assert.Null(outcome.Current);
    }
}
