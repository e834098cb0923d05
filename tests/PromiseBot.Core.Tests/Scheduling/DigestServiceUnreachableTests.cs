using Microsoft.Extensions.Time.Testing;
using Moq;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Core.Tests.Scheduling;

public sealed class DigestServiceUnreachableTests
{
    private static readonly WorkspaceId Tenant = new("teams:tenant-1");

    private static TrackedPromise Owned(int number, string owner)
    {
        var promise = new Promise
        {
            Workspace = Tenant,
            Number = new PromiseNumber(number),
            Title = "Promise " + number,
            Owner = new UserId(owner),
            DueAt = TestDates.MondayMorning + Duration.FromHours(number),
            MadeBy = new UserId(owner),
            MadeAt = TestDates.MondayMorning - Duration.FromDays(1),
            Channel = "19:general@thread.tacv2",
        };
        return new TrackedPromise(promise, new EscalationState(promise.DueAt, EscalationStep.None, EscalationStep.None));
    }

    private static async Task<Reply?> BuildAsync(ChatPlatform platform, InMemoryConversationReferences references)
    {
        var store = new Mock<IScheduleStore>();
        store.Setup(s => s.GetSettingsAsync(Tenant, It.IsAny<CancellationToken>())).ReturnsAsync(WorkspaceSettings.Defaults(Tenant));
        store.Setup(s => s.GetDigestAsync(Tenant, "19:general@thread.tacv2", It.IsAny<Instant>(), It.IsAny<Duration>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DigestData([Owned(1, "29:ana"), Owned(2, "29:bo"), Owned(3, "29:ana")], 3, 0));
        var service = new DigestService(
            store.Object, Mock.Of<IOutbox>(), new FakeTimeProvider(TestDates.MondayMorning.ToDateTimeOffset()), new PromiseBotOptions(), references);
        return await service.BuildAsync(Tenant, "19:general@thread.tacv2", platform, TestDates.NewYork, quiet: false, TestDates.MondayMorning, CancellationToken.None);
    }

    private static List<string> Notes(Reply reply) =>
        [.. reply.Blocks.OfType<ContextBlock>()
            .Where(c => c.Runs.OfType<PlainRun>().Any(r => r.Text == DigestBuilder.UnreachableNote))
            .Select(c => ((MentionRun)c.Runs[0]).User.Value)];

    [Fact]
    public async Task TeamsDigest_NamesOnlyTheOwnersMarkedUnreachable()
    {
        var references = new InMemoryConversationReferences();
        await references.SetUserReachableAsync(Tenant, "29:ana", false, TestDates.MondayMorning, CancellationToken.None);

        var reply = await BuildAsync(ChatPlatform.Teams, references);

        Assert.Equal(["29:ana"], Notes(reply!));
    }

    [Fact]
    public async Task SlackDigest_NeverAsks()
    {
        var references = new InMemoryConversationReferences();
        await references.SetUserReachableAsync(Tenant, "29:ana", false, TestDates.MondayMorning, CancellationToken.None);

        var reply = await BuildAsync(ChatPlatform.Slack, references);

        Assert.Empty(Notes(reply!));
    }
}
