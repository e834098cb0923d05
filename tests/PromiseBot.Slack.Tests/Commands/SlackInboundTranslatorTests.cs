using Microsoft.Extensions.Time.Testing;
using Moq;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Slack.Commands;
using PromiseBot.Slack.Events;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.Tests.Commands;

public sealed class SlackInboundTranslatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    private static SlackInboundTranslator Translator(out Mock<ISlackUserDirectory> users)
    {
        users = new Mock<ISlackUserDirectory>();
        users.Setup(u => u.GetTimeZoneAsync(new WorkspaceId("T1"), new UserId("U1"), It.IsAny<CancellationToken>())).ReturnsAsync("Asia/Tokyo");
        return new SlackInboundTranslator(users.Object, new FakeTimeProvider(Now));
    }

    [Theory]
    [InlineData("D024BE91L", "U1", false, true)]
    [InlineData(null, "U1", false, true)]
    [InlineData("", "U1", false, true)]
    [InlineData("U1", "U1", false, true)]
    [InlineData("C1", "U1", true, true)]
    [InlineData("C1", "U1", false, false)]
    [InlineData("G1", "U1", false, false)]
    public void IsDirectMessage_OneRuleForEveryEntryPoint(string? channel, string user, bool platformSaysDirect, bool expected) =>
        Assert.Equal(expected, SlackInboundTranslator.IsDirectMessage(channel, user, platformSaysDirect));

    [Fact]
    public async Task AClickInTheHomeTab_IsInThePersonsDm_WithTheirZone()
    {
        var translator = Translator(out var users);

        var inbound = await translator.FromInteractionAsync("T1", "U1", channel: null, "slack:action:t1", CancellationToken.None);

        Assert.Equal(new InboundCommand(ChatPlatform.Slack, new WorkspaceId("T1"), "U1", true, new UserId("U1"), string.Empty,
            Instant.FromDateTimeOffset(Now), "slack:action:t1", "Asia/Tokyo"), inbound);
        users.Verify(u => u.GetTimeZoneAsync(new WorkspaceId("T1"), new UserId("U1"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AClickInAChannel_IsInThatChannel()
    {
        var inbound = await Translator(out _).FromInteractionAsync("T1", "U1", "C9", deliveryKey: null, CancellationToken.None);

        Assert.Equal("C9", inbound.Channel);
        Assert.False(inbound.IsDirectMessage);
        Assert.Equal("Asia/Tokyo", inbound.UserTimeZone);
    }

    [Fact]
    public async Task AMention_KeepsItsTextChannelAndKey_AndADmEventIsADm()
    {
        var translator = Translator(out _);

        var mention = await translator.FromMessageAsync(new SlackEvent.Message("T1", "Ev1", "C1", "U1", "done 12", IsDirect: false), "slack:event:Ev1", CancellationToken.None);
        var dm = await translator.FromMessageAsync(new SlackEvent.Message("T1", "Ev2", "D1", "U1", "list", IsDirect: true), "slack:event:Ev2", CancellationToken.None);

        Assert.Equal(("C1", false, "done 12", "slack:event:Ev1", "Asia/Tokyo"), (mention.Channel, mention.IsDirectMessage, mention.Text, mention.DeliveryKey, mention.UserTimeZone));
        Assert.True(dm.IsDirectMessage);
    }
}
