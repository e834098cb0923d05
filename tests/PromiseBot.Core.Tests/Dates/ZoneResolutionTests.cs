using Moq;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Dates;

/// <summary>One fallback order for every zone: the person's, else the workspace's, else the bot default, else UTC.</summary>
public sealed class ZoneResolutionTests
{
    [Theory]
    [InlineData("Asia/Tokyo", "Europe/Berlin", "America/New_York", "Asia/Tokyo")]
    [InlineData(null, "Europe/Berlin", "America/New_York", "Europe/Berlin")]
    [InlineData("Not/AZone", "europe/berlin", "America/New_York", "Europe/Berlin")]
    [InlineData(null, null, "America/New_York", "America/New_York")]
    [InlineData("", " ", "nonsense", "UTC")]
    public void ThePersonThenTheWorkspaceThenTheBotDefault(string? person, string? workspace, string? botDefault, string expected) =>
        Assert.Equal(expected, Zones.For(person, workspace, botDefault).Id);

    [Fact]
    public async Task SomeoneWithoutAKnownZone_HasTheirDatesReadInTheWorkspacesZone()
    {
        var ws = new WorkspaceId("T1");
        var now = Instant.FromUtc(2026, 11, 23, 15, 0);
        NewPromise? stored = null;
        var store = new Mock<IPromiseStore>();
        store.Setup(s => s.CreateAsync(It.IsAny<NewPromise>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback((NewPromise p, string? _, CancellationToken _) => stored = p)
            .ReturnsAsync((NewPromise p, string? _, CancellationToken _) => new Promise
            {
                Workspace = p.Workspace, Number = new PromiseNumber(1), Title = p.Title, Owner = p.Owner, DueAt = p.DueAt, MadeBy = p.MadeBy, MadeAt = p.MadeAt, Channel = p.Channel,
            });
        var settings = new Mock<IScheduleStore>();
        settings.Setup(s => s.GetSettingsAsync(ws, It.IsAny<CancellationToken>())).ReturnsAsync(WorkspaceSettings.Defaults(ws) with { TimeZone = "Europe/Berlin" });
        var service = new PromiseCommandService(
            new CommandParser(TestDates.Parser), store.Object, new PromiseBotOptions { DefaultTimeZone = "America/New_York" }, schedules: null, settings.Object);

        await service.HandleAsync(new InboundCommand(ChatPlatform.Teams, ws, "19:c", false, new UserId("U1"), "add Send the quote tomorrow 5pm", now, "k1", UserTimeZone: null), CancellationToken.None);

        Assert.Equal(Instant.FromUtc(2026, 11, 24, 16, 0), stored!.DueAt);
    }
}
