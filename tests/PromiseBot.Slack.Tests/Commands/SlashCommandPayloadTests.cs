using System.Text;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Slack.Commands;

namespace PromiseBot.Slack.Tests.Commands;

public sealed class SlashCommandPayloadTests
{
    private const string FullBody =
        "token=ignored&team_id=T1DC2JH3J&team_domain=testteamnow&enterprise_id=E123&channel_id=C8PSS9T3V&channel_name=support"
        + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fpromise"
        + "&text=add+Send+invoice+to+%3C%40U999%7Cbob%3E+by+Friday+%26+call+back+%E2%9C%85"
        + "&api_app_id=A123&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F2%2F3&trigger_id=398738663015.4744.803a";

    private static bool Parse(string body, out SlashCommandPayload? payload, out string? error) =>
        SlashCommandPayload.TryParse(Encoding.UTF8.GetBytes(body), out payload, out error);

    [Fact]
    public void TryParse_FullSlackBody_DecodesEveryField()
    {
        Assert.True(Parse(FullBody, out var p, out var error), error);

        Assert.Equal(
            new SlashCommandPayload(
                "/promise",
                "add Send invoice to <@U999|bob> by Friday & call back \u2705",
                "T1DC2JH3J",
                "E123",
                "C8PSS9T3V",
                "support",
                "U2CERLKJA",
                "roadrunner",
                "398738663015.4744.803a",
                "https://hooks.slack.com/commands/T1/2/3",
                "A123"),
            p);
    }

    [Fact]
    public void TryParse_EmptyText_IsEmptyString()
    {
        Assert.True(Parse("team_id=T1&user_id=U1&channel_id=C1&command=%2Fpromise&text=&trigger_id=t1", out var p, out _));
        Assert.Equal(string.Empty, p!.Text);
    }

    [Theory]
    [InlineData("user_id=U1&channel_id=C1", "team_id")]
    [InlineData("team_id=&user_id=U1&channel_id=C1", "team_id")]
    [InlineData("team_id=T1&channel_id=C1", "user_id")]
    [InlineData("team_id=T1&user_id=U1", "channel_id")]
    [InlineData("team_id=T1&user_id=U1&channel_id=C1&command=%2Fpromise&text=list", "trigger_id")]
    [InlineData("team_id=T1&user_id=U1&channel_id=C1&command=%2Fpromise&text=list&trigger_id=", "trigger_id")]
    [InlineData("", "team_id")]
    [InlineData("team_id=T1&user_id=U1&channel_id=C1&text=%ZZ", "form")]
    [InlineData("team_id=T1&user_id=U1&channel_id=C1&text=%4", "form")]
    [InlineData("team_id=T1&user_id=U1&channel_id=C1&text=%C3%28", "form")]
    [InlineData("team_id=T1&user_id=U1&user_id=U2&channel_id=C1", "user_id")]
    [InlineData("team_id=T1&team_id=T2&user_id=U1&channel_id=C1", "team_id")]
    public void TryParse_MalformedOrIncomplete_ReturnsError(string body, string errorMentions)
    {
        Assert.False(Parse(body, out var p, out var error));
        Assert.Null(p);
        Assert.Contains(errorMentions, error);
    }

    [Fact]
    public void TryParse_EnterpriseOnly_IsAccepted()
    {
        Assert.True(Parse("enterprise_id=E9&user_id=W1&channel_id=C1&command=%2Fpromise&trigger_id=t1", out var p, out _));
        Assert.Null(p!.TeamId);
        Assert.Equal("E9", p.EnterpriseId);
    }

    [Fact]
    public void TryParse_SslCheck_DiscardsEverythingElse()
    {
        Assert.True(Parse("ssl_check=1&token=abc&team_id=T1&user_id=U1&channel_id=C1&text=list", out var p, out _));
        Assert.True(p!.IsSslCheck);
        Assert.Same(SlashCommandPayload.SslCheck, p);
        Assert.True(SlashCommandPayload.IsSslCheckBody("ssl_check=1&token=abc"u8));
        Assert.False(SlashCommandPayload.IsSslCheckBody(Encoding.UTF8.GetBytes(FullBody)));
    }

    [Fact]
    public void TryParse_UnknownFieldsAndEmptyPairs_AreIgnored()
    {
        Assert.True(Parse("&&is_enterprise_install=false&team_id=T1&&user_id=U1&channel_id=C1&trigger_id=t1&novalue", out var p, out _));
        Assert.Equal("T1", p!.TeamId);
    }

    [Fact]
    public void TryFromFields_TheSameFieldsAsTheForm_GiveTheSamePayload()
    {
        // Socket Mode: the envelope's payload is a JSON object of the fields the HTTP form carries.
        var fields = new Dictionary<string, string>
        {
            ["token"] = "ignored", ["team_id"] = "T1DC2JH3J", ["team_domain"] = "testteamnow", ["enterprise_id"] = "E123",
            ["channel_id"] = "C8PSS9T3V", ["channel_name"] = "support", ["user_id"] = "U2CERLKJA", ["user_name"] = "roadrunner",
            ["command"] = "/promise", ["text"] = "add Send invoice to <@U999|bob> by Friday & call back \u2705",
            ["api_app_id"] = "A123", ["response_url"] = "https://hooks.slack.com/commands/T1/2/3",
            ["trigger_id"] = "398738663015.4744.803a", ["is_enterprise_install"] = "false",
        };

        Assert.True(SlashCommandPayload.TryFromFields(fields, out var fromFields, out var error), error);
        Assert.True(Parse(FullBody, out var fromForm, out _));
        Assert.Equal(fromForm, fromFields);
    }

    [Theory]
    [InlineData("team_id", "team_id")]
    [InlineData("user_id", "user_id")]
    [InlineData("channel_id", "channel_id")]
    [InlineData("trigger_id", "trigger_id")]
    public void TryFromFields_MissingOrEmptyRequiredField_IsRefusedLikeTheForm(string field, string errorMentions)
    {
        var fields = new Dictionary<string, string> { ["team_id"] = "T1", ["user_id"] = "U1", ["channel_id"] = "C1", ["command"] = "/promise", ["trigger_id"] = "t1" };
        var empty = new Dictionary<string, string>(fields) { [field] = string.Empty };
        fields.Remove(field);

        Assert.False(SlashCommandPayload.TryFromFields(fields, out var p, out var error));
        Assert.Null(p);
        Assert.Contains(errorMentions, error);
        Assert.False(SlashCommandPayload.TryFromFields(empty, out _, out var emptyError));
        Assert.Equal(error, emptyError);
    }

    [Fact]
    public void TryFromFields_SslCheck_IsNotAProbe()
    {
        // Only an unsigned HTTP request can be a probe; a Socket Mode payload is always a real command.
        var fields = new Dictionary<string, string> { ["ssl_check"] = "1", ["team_id"] = "T1", ["user_id"] = "U1", ["channel_id"] = "C1", ["text"] = "list", ["trigger_id"] = "t1" };

        Assert.True(SlashCommandPayload.TryFromFields(fields, out var p, out _));
        Assert.False(p!.IsSslCheck);
        Assert.Equal("list", p.Text);
    }
}

public sealed class SlackCommandTranslatorTests
{
    private static readonly Instant At = Instant.FromUtc(2025, 3, 14, 15, 9, 26);

    private static SlashCommandPayload Payload(
        string? teamId = "T1", string? enterpriseId = null, string channelId = "C1", string? channelName = "general", string? triggerId = "123.456.abc") =>
        new("/promise", "list <@U2|ann>", teamId, enterpriseId, channelId, channelName, "U1", "bob", triggerId, null, "A1");

    [Fact]
    public void ToInbound_ChannelCommand_MapsEveryField()
    {
        var inbound = SlackCommandTranslator.ToInbound(Payload(), At, "Europe/Berlin");

        Assert.Equal(
            new InboundCommand(
                ChatPlatform.Slack,
                new Core.Promises.WorkspaceId("T1"),
                "C1",
                false,
                new Core.Promises.UserId("U1"),
                "list <@U2|ann>",
                At,
                "slack:cmd:123.456.abc",
                "Europe/Berlin"),
            inbound);
    }

    [Theory]
    [InlineData("D024BE91L", "directmessage", true)]
    [InlineData("D024BE91L", null, true)]
    [InlineData("C024BE91L", "directmessage", true)]
    [InlineData("C024BE91L", "general", false)]
    [InlineData("G024BE91L", "privategroup", false)]
    public void ToInbound_DirectMessage_DetectedByIdOrName(string channelId, string? channelName, bool expected)
    {
        Assert.Equal(expected, SlackCommandTranslator.ToInbound(Payload(channelId: channelId, channelName: channelName), At, null).IsDirectMessage);
    }

    [Fact]
    public void ToInbound_NoTeam_UsesEnterprise()
    {
        Assert.Equal("E1", SlackCommandTranslator.ToInbound(Payload(teamId: null, enterpriseId: "E1"), At, null).Workspace.Value);
        Assert.Equal("T1", SlackCommandTranslator.ToInbound(Payload(teamId: "T1", enterpriseId: "E1"), At, null).Workspace.Value);
    }

    [Fact]
    public void ToInbound_NoTrigger_HasNoDeliveryKey()
    {
        Assert.Null(SlackCommandTranslator.ToInbound(Payload(triggerId: null), At, null).DeliveryKey);
    }

    [Fact]
    public void ToInbound_SslCheck_IsABug()
    {
        Assert.Throws<InvalidOperationException>(() => SlackCommandTranslator.ToInbound(SlashCommandPayload.SslCheck, At, null));
    }
}
