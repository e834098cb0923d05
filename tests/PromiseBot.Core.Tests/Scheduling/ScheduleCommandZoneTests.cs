using Microsoft.Extensions.Time.Testing;
using Moq;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Scheduling;

public sealed class ScheduleCommandZoneTests
{
    private static readonly WorkspaceId Team = new("T1");

    private static DigestSubscription Sub(string channel, string zone, DigestZoneSource source) =>
        new(Team, ChatPlatform.Slack, channel, new LocalTime(9, 0), DigestDays.Weekdays, zone, false, new UserId("U1"), TestDates.MondayMorning, source);

    [Fact]
    public async Task ConfigTimezone_ReschedulesTheTriggersOfTheDigestsOnTheWorkspaceDefault()
    {
        var store = new Mock<IScheduleStore>();
        store.Setup(s => s.GetSettingsAsync(Team, It.IsAny<CancellationToken>())).ReturnsAsync(WorkspaceSettings.Defaults(Team));
        store.Setup(s => s.ListSubscriptionsAsync(Team, It.IsAny<CancellationToken>())).ReturnsAsync(
            [Sub("C1", "UTC", DigestZoneSource.Workspace), Sub("C2", "Europe/London", DigestZoneSource.Subscriber), Sub("C3", "UTC", DigestZoneSource.Explicit)]);
        var scheduler = new Mock<IDigestScheduler>();
        var options = new PromiseBotOptions();
        var digests = new DigestService(store.Object, Mock.Of<IOutbox>(), new FakeTimeProvider(TestDates.MondayMorning.ToDateTimeOffset()), options);
        var service = new ScheduleCommandService(store.Object, scheduler.Object, digests, options);
        var command = new InboundCommand(ChatPlatform.Slack, Team, "C1", false, new UserId("U1"), "config timezone America/Chicago",
            TestDates.MondayMorning, null, null);

        await service.HandleAsync(new SetTimeZoneCommand("America/Chicago"), new ReplyContext(command, DateTimeZone.Utc, "/promise"), CancellationToken.None);

        scheduler.Verify(s => s.ScheduleAsync(It.Is<DigestSubscription>(d => d.Channel == "C1" && d.TimeZone == "America/Chicago"), It.IsAny<CancellationToken>()), Times.Once);
        scheduler.Verify(s => s.ScheduleAsync(It.IsAny<DigestSubscription>(), It.IsAny<CancellationToken>()), Times.Once);
        store.Verify(s => s.SaveSettingsAsync(It.Is<WorkspaceSettings>(w => w.TimeZone == "America/Chicago"), ChatPlatform.Slack, new UserId("U1"),
            TestDates.MondayMorning, It.IsAny<CancellationToken>()), Times.Once);
    }
}
