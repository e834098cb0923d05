using Moq;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Installations;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.UseCases;

public sealed class UninstallServiceTests
{
    private static readonly WorkspaceId Team = new("T1");

    private static DigestSubscription Sub(string channel) =>
        new(Team, ChatPlatform.Slack, channel, new LocalTime(9, 0), DigestDays.Weekdays, "UTC", false, new UserId("U1"), TestDates.MondayMorning, DigestZoneSource.Workspace);

    [Fact]
    public async Task Uninstall_StopsEachDigestOfThatWorkspace_ReadingOnlyItsOwn_AndDeletesItsInstallation()
    {
        var store = new Mock<IScheduleStore>(MockBehavior.Strict);
        store.Setup(s => s.ListSubscriptionsAsync(Team, It.IsAny<CancellationToken>())).ReturnsAsync([Sub("C1"), Sub("C2")]);
        store.Setup(s => s.RemoveSubscriptionAsync(Team, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var scheduler = new Mock<IDigestScheduler>();
        var installations = new Mock<IInstallationStore>();
        installations.Setup(i => i.RemoveAsync(Team, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var service = new UninstallService(store.Object, scheduler.Object, installations.Object);

        var done = await service.UninstallAsync(Team, CancellationToken.None);

        Assert.Equal(new Uninstalled(DigestsStopped: 2, InstallationRemoved: true), done);
        store.Verify(s => s.RemoveSubscriptionAsync(Team, "C1", It.IsAny<CancellationToken>()), Times.Once);
        store.Verify(s => s.RemoveSubscriptionAsync(Team, "C2", It.IsAny<CancellationToken>()), Times.Once);
        scheduler.Verify(s => s.UnscheduleAsync(Team, "C1", It.IsAny<CancellationToken>()), Times.Once);
        scheduler.Verify(s => s.UnscheduleAsync(Team, "C2", It.IsAny<CancellationToken>()), Times.Once);
        installations.Verify(i => i.RemoveAsync(Team, It.IsAny<CancellationToken>()), Times.Once);

        // Strict: the store was never asked for every workspace's subscriptions.
        store.Verify(s => s.ListSubscriptionsAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Uninstall_OfAWorkspaceWithoutDigestsOrInstallation_StopsNothing()
    {
        var store = new Mock<IScheduleStore>();
        store.Setup(s => s.ListSubscriptionsAsync(Team, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var scheduler = new Mock<IDigestScheduler>(MockBehavior.Strict);
        var service = new UninstallService(store.Object, scheduler.Object, Mock.Of<IInstallationStore>());

        var done = await service.UninstallAsync(Team, CancellationToken.None);

        Assert.Equal(new Uninstalled(0, false), done);
    }
}
