using PromiseBot.Slack.Events;

namespace PromiseBot.Slack.Tests.Events;

public sealed class SlackEventTests
{
    [Theory]
    [InlineData("<@U0BOT> list mine", "U0BOT", "list mine")]
    [InlineData("  <@U0BOT|promisebot>   done 12", "U0BOT", "done 12")]
    [InlineData("<@U0BOT> list mine", null, "list mine")]
    [InlineData("<@U2> please call back", "U0BOT", "<@U2> please call back")]
    [InlineData("list mine", "U0BOT", "list mine")]
    [InlineData("<@U0BOT", "U0BOT", "<@U0BOT")]
    public void StripLeadingMention_RemovesOnlyTheBotsOwnMention(string text, string? bot, string expected) =>
        Assert.Equal(expected, SlackEvent.StripLeadingMention(text, bot));

    [Fact]
    public void ADirectMessage_WithoutKnowingTheBot_KeepsALeadingMentionOfSomeoneElse()
    {
        var body = """
            {"type":"event_callback","team_id":"T1","event_id":"Ev1",
             "event":{"type":"message","channel_type":"im","user":"U1","channel":"D1","text":"<@U2> owes me a call","ts":"1.2"}}
            """u8;

        var message = Assert.IsType<SlackEvent.Message>(SlackEvent.Parse(body));

        Assert.Equal(("T1", "Ev1", "D1", "U1", "<@U2> owes me a call", true), (message.Team, message.EventId, message.Channel, message.User, message.Text, message.IsDirect));
    }

    [Fact]
    public void AnEvent_CarriesItsIdentity_TsAndEnterprise()
    {
        var body = """
            {"type":"event_callback","team_id":"T1","enterprise_id":"E1","event_id":"Ev9",
             "event":{"type":"app_home_opened","user":"U1","tab":"home"}}
            """u8;
        var message = """
            {"type":"event_callback","team_id":"T1","event_id":"Ev10",
             "event":{"type":"message","channel_type":"im","user":"U1","channel":"D1","text":"list","ts":"1.5"}}
            """u8;

        var home = Assert.IsType<SlackEvent.HomeOpened>(SlackEvent.Parse(body));
        var dm = Assert.IsType<SlackEvent.Message>(SlackEvent.Parse(message));

        Assert.Equal((("T1", "Ev9"), "E1"), (home.Identity, home.Enterprise));
        Assert.Equal((("T1", "Ev10"), (string?)null, "1.5"), (dm.Identity, dm.Enterprise, dm.Ts));
        Assert.Null(SlackEvent.Parse("""{"type":"url_verification","challenge":"c"}"""u8)!.Identity);
    }

    [Theory]
    [InlineData("""{"type":"event_callback","team_id":"T1","event_id":"Ev1","event":{"type":"reaction_added","user":"U1"}}""")]
    [InlineData("""{"type":"app_rate_limited","team_id":"T1"}""")]
    public void OtherEvents_AreIgnored(string body) =>
        Assert.IsType<SlackEvent.Ignored>(SlackEvent.Parse(System.Text.Encoding.UTF8.GetBytes(body)));
}
