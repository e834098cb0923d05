using Moq;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Feedback;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Feedback;

/// <summary>The DM the owner gets when someone else marked their promise done offers the feedback scores; the channel line doesn't.</summary>
public sealed class DoneNoticeOfferTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0);
    private static readonly WorkspaceId Ws = new("T1");
    private static readonly UserId Owner = new("U-OWN");
    private static readonly PromiseNumber N = new(5);

    private static async Task<IReadOnlyList<OutboundMessage>> QueuedAsync(string text)
    {
        var current = new Promise
        {
            Workspace = Ws, Number = N, Title = "Call back Dana", Owner = Owner, DueAt = Now + Duration.FromDays(1),
            MadeBy = Owner, MadeAt = Now - Duration.FromDays(1), Channel = "C-PROMISE",
        };
        IReadOnlyList<OutboundMessage> queued = [];
        var store = new Mock<IPromiseStore>();
        store.Setup(s => s.GetAsync(Ws, N, It.IsAny<CancellationToken>())).ReturnsAsync(current);
        store.Setup(s => s.UpdateAsync(It.IsAny<Promise>(), 1, It.IsAny<PromiseEvent>(), It.IsAny<string?>(), It.IsAny<IReadOnlyList<OutboundMessage>>(), It.IsAny<CancellationToken>()))
            .Callback((Promise _, int _, PromiseEvent _, string? _, IReadOnlyList<OutboundMessage> m, CancellationToken _) => queued = m)
            .ReturnsAsync(UpdateOutcome.Updated);
        var settings = new Mock<IScheduleStore>();
        settings.Setup(s => s.GetSettingsAsync(Ws, It.IsAny<CancellationToken>())).ReturnsAsync(WorkspaceSettings.Defaults(Ws));
        var options = new PromiseBotOptions { DefaultTimeZone = "America/New_York" };
        var service = new PromiseCommandService(
            new CommandParser(TestDates.Parser), store.Object, options, settings: settings.Object,
            feedback: new CustomerFeedbackService(store.Object, Mock.Of<ICustomerFeedbackStore>(), options));
        await service.HandleAsync(new InboundCommand(ChatPlatform.Slack, Ws, "C-ELSEWHERE", false, new UserId("U-OTHER"), text, Now, "k", null), CancellationToken.None);
        return queued;
    }

    [Fact]
    public async Task DoneBySomeoneElse_TheOwnersDmOffersTheScores()
    {
        var queued = await QueuedAsync("done 5");

        var dm = queued.Single(m => m.To.Kind == DestinationKind.User).Message;
        Assert.Equal(new PromiseOfferBlock(N, PromiseOffer.CustomerFeedback), Assert.Single(dm.Blocks.OfType<PromiseOfferBlock>()));
        Assert.Empty(queued.Single(m => m.To.Kind == DestinationKind.Channel).Message.Blocks.OfType<PromiseOfferBlock>());
        // It survives the outbox's JSON.
        Assert.Single(ReplyJson.Deserialize(ReplyJson.Serialize(dm)).Blocks.OfType<PromiseOfferBlock>());
    }

    [Fact]
    public async Task AnotherChangeBySomeoneElse_OffersNothing() =>
        Assert.All(await QueuedAsync("extend 5 to Friday 5pm"), m => Assert.Empty(m.Message.Blocks.OfType<PromiseOfferBlock>()));
}
