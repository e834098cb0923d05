using System.Text;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using PromiseBot.Teams.Activities;

namespace PromiseBot.Teams.Tests.Activities;

public sealed class TeamsActivityTranslatorTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0);

    private static Activity Parse(string json) =>
        ActivityJson.TryParse(Encoding.UTF8.GetBytes(json), out var error) ?? throw new InvalidOperationException(error);

    private static Activity Message(string text, string conversationType = "channel", string conversationId = "19:general@thread.tacv2;messageid=1700000000000",
        string entities = "[]", string extra = "") => Parse($$"""
        {
          "type": "message", "id": "1700000000123", "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/amer/",
          "from": { "id": "29:ana", "name": "Ana Lopez", "aadObjectId": "aad-ana" },
          "recipient": { "id": "28:bot-app", "name": "PromiseBot" },
          "conversation": { "id": "{{conversationId}}", "conversationType": "{{conversationType}}", "tenantId": "contoso" },
          "text": {{System.Text.Json.JsonSerializer.Serialize(text)}},
          "entities": {{entities}}{{extra}}
        }
        """);

    private const string BotMention = """{ "type": "mention", "text": "<at>PromiseBot</at>", "mentioned": { "id": "28:bot-app", "name": "PromiseBot" } }""";

    [Fact]
    public void ChannelMessage_StripsTheBotsMentionByEntity_AndNamesTheTenantAsWorkspace()
    {
        var result = TeamsActivityTranslator.Translate(Message("<at>PromiseBot</at> done 12", entities: $"[{BotMention}]"), Now);

        var command = Assert.IsType<TeamsInbound.Command>(result);
        Assert.Equal("done 12", command.Inbound.Text);
        Assert.Equal(ChatPlatform.Teams, command.Inbound.Platform);
        Assert.Equal("teams:contoso", command.Inbound.Workspace.Value);
        Assert.Equal("19:general@thread.tacv2", command.Inbound.Channel);
        Assert.False(command.Inbound.IsDirectMessage);
        Assert.Equal("29:ana", command.Inbound.User.Value);
        Assert.Equal("teams:act:19:general@thread.tacv2;messageid=1700000000000|1700000000123", command.Inbound.DeliveryKey);
        Assert.Equal(Now, command.Inbound.ReceivedAt);
        Assert.Equal("channel", command.Reference.ConversationType);
        Assert.Null(command.Reference.UserId);
    }

    [Fact]
    public void BotMention_IsFoundByIdNotByDisplayName()
    {
        // The bot was renamed: its mention text no longer says "PromiseBot", and a user called PromiseBot is mentioned.
        var entities = """
            [ { "type": "mention", "text": "<at>Promises</at>", "mentioned": { "id": "28:bot-app", "name": "Promises" } },
              { "type": "mention", "text": "<at>PromiseBot</at>", "mentioned": { "id": "29:impostor", "name": "PromiseBot" } } ]
            """;

        var text = TeamsActivityTranslator.CommandText(Message("<at>Promises</at> assign 3 <at>PromiseBot</at>", entities: entities));

        Assert.Equal("assign 3 <@29:impostor|PromiseBot>", text);
    }

    [Fact]
    public void OtherMentions_BecomeNeutralMentions_AndTypedMentionTokensCannotBeForged()
    {
        var entities = $$"""
            [ {{BotMention}},
              { "type": "mention", "text": "<at>Bob | Ops</at>", "mentioned": { "id": "29:bob", "name": "Bob | Ops" } } ]
            """;

        var text = TeamsActivityTranslator.CommandText(Message("<at>PromiseBot</at> Call Contoso back by 3pm <at>Bob | Ops</at> <@29:mallory>", entities: entities));

        Assert.Equal("Call Contoso back by 3pm <@29:bob|Bob Ops> < @29:mallory>", text);
    }

    [Theory]
    [InlineData("promise Call Contoso back by 3pm", "Call Contoso back by 3pm")]
    [InlineData("/promise list", "list")]
    [InlineData("Promise", "")]
    [InlineData("promises are hard by Friday", "promises are hard by Friday")]
    public void LeadingPromiseWord_IsTheTeamsSpellingOfTheSlashCommand(string typed, string expected)
    {
        Assert.Equal(expected, TeamsActivityTranslator.CommandText(Message(typed, "personal", "a:1on1")));
    }

    [Fact]
    public void PersonalChat_IsADirectMessage_AndItsReferenceNamesTheUser()
    {
        var result = TeamsActivityTranslator.Translate(Message("list", "personal", "a:1on1-ana", extra: ", \"localTimezone\": \"Europe/Berlin\""), Now);

        var command = Assert.IsType<TeamsInbound.Command>(result);
        Assert.True(command.Inbound.IsDirectMessage);
        Assert.Equal("a:1on1-ana", command.Inbound.Channel);
        Assert.Equal("Europe/Berlin", command.Inbound.UserTimeZone);
        Assert.Equal(("29:ana", "aad-ana", "28:bot-app", "contoso"), (command.Reference.UserId, command.Reference.AadObjectId, command.Reference.BotId, command.Reference.TenantId));
        Assert.Equal("https://smba.trafficmanager.net/amer/", command.Reference.ServiceUrl);
    }

    [Fact]
    public void TimeZone_ComesFromTheClientInfoEntityFirst()
    {
        var activity = Message("list", "groupChat", "19:chat@thread.v2", entities: """[ { "type": "clientInfo", "locale": "en-US", "timezone": "America/Los_Angeles" } ]""",
            extra: ", \"localTimezone\": \"Europe/Berlin\"");

        var command = Assert.IsType<TeamsInbound.Command>(TeamsActivityTranslator.Translate(activity, Now));

        Assert.Equal("America/Los_Angeles", command.Inbound.UserTimeZone);
        Assert.False(command.Inbound.IsDirectMessage);
    }

    [Fact]
    public void MessagesFromBots_AreIgnored()
    {
        var fromUs = Parse("""
            { "type": "message", "id": "1", "serviceUrl": "https://s/", "text": "hi",
              "from": { "id": "28:bot-app" }, "recipient": { "id": "28:bot-app" },
              "conversation": { "id": "a:1", "conversationType": "personal", "tenantId": "contoso" } }
            """);

        Assert.IsType<TeamsInbound.Ignored>(TeamsActivityTranslator.Translate(fromUs, Now));
    }

    [Theory]
    [InlineData("""{ "type": "message", "text": "hi", "serviceUrl": "https://s/", "from": { "id": "29:a" }, "recipient": { "id": "28:b" } }""")]
    [InlineData("""{ "type": "message", "text": "hi", "serviceUrl": "https://s/", "from": { "id": "29:a" }, "recipient": { "id": "28:b" }, "conversation": { "id": "a:1" } }""")]
    [InlineData("""{ "type": "message", "text": "hi", "serviceUrl": "https://s/", "recipient": { "id": "28:b" }, "conversation": { "id": "a:1", "tenantId": "t" } }""")]
    public void MissingConversationTenantOrSender_IsInvalid(string json)
    {
        Assert.IsType<TeamsInbound.Invalid>(TeamsActivityTranslator.Translate(Parse(json), Now));
    }

    [Fact]
    public void TenantMayComeFromChannelData()
    {
        var activity = Parse("""
            { "type": "conversationUpdate", "serviceUrl": "https://s/", "from": { "id": "29:a" }, "recipient": { "id": "28:b" },
              "conversation": { "id": "19:x@thread.tacv2", "conversationType": "channel" },
              "channelData": { "tenant": { "id": "fabrikam" }, "eventType": "teamMemberAdded" },
              "membersAdded": [ { "id": "28:b" } ] }
            """);

        var seen = Assert.IsType<TeamsInbound.ConversationSeen>(TeamsActivityTranslator.Translate(activity, Now));

        Assert.Equal("teams:fabrikam", seen.Reference.Workspace.Value);
        Assert.Equal("19:x@thread.tacv2", seen.Reference.ConversationId);
    }

    [Theory]
    [InlineData("add", true)]
    [InlineData("add-upgrade", true)]
    public void InstallationUpdate_CapturesThePersonalReference(string action, bool userInstalled)
    {
        var activity = Parse($$"""
            { "type": "installationUpdate", "action": "{{action}}", "serviceUrl": "https://smba.trafficmanager.net/emea/",
              "from": { "id": "29:ana", "aadObjectId": "aad-ana" }, "recipient": { "id": "28:bot-app" },
              "conversation": { "id": "a:1on1-ana", "conversationType": "personal", "tenantId": "contoso" } }
            """);

        var seen = Assert.IsType<TeamsInbound.ConversationSeen>(TeamsActivityTranslator.Translate(activity, Now));

        Assert.Equal(userInstalled, seen.UserInstalled);
        Assert.Equal(("a:1on1-ana", "29:ana", "aad-ana"), (seen.Reference.ConversationId, seen.Reference.UserId, seen.Reference.AadObjectId));
    }

    [Fact]
    public void BotRemovedFromATeam_IsIgnored()
    {
        var activity = Parse("""
            { "type": "conversationUpdate", "serviceUrl": "https://s/", "from": { "id": "29:a" }, "recipient": { "id": "28:b" },
              "conversation": { "id": "19:x@thread.tacv2", "conversationType": "channel", "tenantId": "contoso" },
              "membersRemoved": [ { "id": "28:b" } ] }
            """);

        Assert.IsType<TeamsInbound.Ignored>(TeamsActivityTranslator.Translate(activity, Now));
    }

    [Fact]
    public void Uninstall_IsIgnored()
    {
        var activity = Parse("""
            { "type": "installationUpdate", "action": "remove", "serviceUrl": "https://s/", "from": { "id": "29:ana" },
              "recipient": { "id": "28:bot-app" }, "conversation": { "id": "a:1", "conversationType": "personal", "tenantId": "contoso" } }
            """);

        Assert.IsType<TeamsInbound.Ignored>(TeamsActivityTranslator.Translate(activity, Now));
    }

    private static Activity Invoke(string value) => Parse($$"""
        { "type": "invoke", "name": "adaptiveCard/action", "id": "f:inv-1", "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/amer/", "from": { "id": "29:ana" }, "recipient": { "id": "28:bot-app" },
          "conversation": { "id": "a:1on1-ana", "conversationType": "personal", "tenantId": "contoso" },
          "value": {{value}} }
        """);

    [Theory]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": "done", "data": { "number": 12 } } }""", "done 12")]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": "ack", "data": { "number": "7" } } }""", "ack 7")]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": "extend", "data": { "number": 3, "due-3": "2026-11-27", "due-4": "2027-01-01" } } }""", "extend 3 to 27 Nov 2026")]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": "extend", "data": { "number": 3, "due": "Friday 5pm" } } }""", "extend 3 to Friday 5pm")]
    [InlineData("""{ "action": { "type": "Action.Execute", "data": { "verb": "Done", "number": 4 } } }""", "done 4")]
    public void ExecuteActions_BecomeCommands(string value, string expected)
    {
        var action = Assert.IsType<TeamsInbound.CardAction>(TeamsActivityTranslator.Translate(Invoke(value), Now));

        Assert.Equal(expected, action.Inbound.Text);
        Assert.Equal("teams:act:a:1on1-ana|f:inv-1", action.Inbound.DeliveryKey);
    }

    [Theory]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": "delete-everything", "data": { "number": 1 } } }""")]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": "done", "data": { } } }""")]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": "done", "data": { "number": -1 } } }""")]
    [InlineData("""{ "nothing": true }""")]
    [InlineData("42")]
    public void UnusableExecuteData_IsABadCardAction(string value)
    {
        var bad = Assert.IsType<TeamsInbound.BadCardAction>(TeamsActivityTranslator.Translate(Invoke(value), Now));

        Assert.True(bad.IsInvoke);
    }

    [Fact]
    public void ExecuteAction_CarriesTheVersionTheCardWasDrawnAt_IntoThePromiseAction()
    {
        var action = Assert.IsType<TeamsInbound.CardAction>(TeamsActivityTranslator.Translate(
            Invoke("""{ "action": { "type": "Action.Execute", "verb": "done", "data": { "number": 12, "version": 3 } } }"""), Now));

        Assert.Equal(new PromiseAction(new PromiseNumber(12), 3, PromiseVerb.Done), action.Click.Action);
        Assert.True(action.Click.VersionKnown);
    }

    [Theory]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": "done", "data": { "number": 12 } } }""")]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": "done", "data": { "number": 12, "version": "3" } } }""")]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": "done", "data": { "number": 12, "version": -1 } } }""")]
    public void ACardFromBeforeVersions_OrAnUnreadableVersion_IsAnUnknownVersion_NoPromiseHas(string value)
    {
        var action = Assert.IsType<TeamsInbound.CardAction>(TeamsActivityTranslator.Translate(Invoke(value), Now));

        Assert.Equal(CardVerbs.UnknownVersion, action.Click.Action.DrawnVersion);
        Assert.False(action.Click.VersionKnown);
    }

    [Fact]
    public void ExtendWithoutADate_IsAnActionWithoutTheNewDate_ForCoreToAskFor()
    {
        var action = Assert.IsType<TeamsInbound.CardAction>(TeamsActivityTranslator.Translate(
            Invoke("""{ "action": { "type": "Action.Execute", "verb": "extend", "data": { "number": 1, "version": 1 } } }"""), Now));

        Assert.Equal(PromiseVerb.Extend, action.Click.Action.Verb);
        Assert.Null(action.Click.DuePhrase);
        Assert.Null(action.Click.Action.NewDue);
    }

    [Fact]
    public void CreateButton_IsTheSubmittedForm_WithEveryInput()
    {
        var submitted = Assert.IsType<TeamsInbound.FormSubmitted>(TeamsActivityTranslator.Translate(Invoke("""
            { "action": { "type": "Action.Execute", "verb": "create", "data": { "form-title": "Send the quote", "form-due-date": "2026-11-27",
              "form-due-time": "17:00", "form-customer": "Acme", "form-owner": "29:ana", "form-backup": "29:sam", "form-category": "quotes" } } }
            """), Now));

        Assert.True(submitted.IsInvoke);
        Assert.Equal(new TeamsFormValues("Send the quote", "2026-11-27", "17:00", "Acme", "29:ana", "29:sam", "quotes"), submitted.Values);
    }

    [Fact]
    public void PickingOneselfInAPeoplePicker_ComesBackAsOnesTeamsId()
    {
        var activity = Message("", "personal", "a:1on1-ana", extra: """, "value": { "verb": "create", "form-owner": "29:ana", "form-backup": "AAD-ANA" }""");

        var submitted = Assert.IsType<TeamsInbound.FormSubmitted>(TeamsActivityTranslator.Translate(activity, Now));

        Assert.False(submitted.IsInvoke);
        Assert.Equal(("29:ana", "29:ana"), (submitted.Values.Owner, submitted.Values.Backup));
    }

    [Theory]
    [InlineData("<at>PromiseBot</at> new", "channel", "19:general@thread.tacv2")]
    [InlineData("New", "personal", "a:1on1-ana")]
    public void New_AsksForTheNewPromiseForm(string text, string type, string conversation)
    {
        var result = TeamsActivityTranslator.Translate(Message(text, type, conversation, entities: $"[{BotMention}]"), Now);

        var requested = Assert.IsType<TeamsInbound.FormRequested>(result);
        Assert.Equal("29:ana", requested.Inbound.User.Value);
    }

    [Fact]
    public void UnusableSubmitData_SaysWhoAndWhere_SoTheAnswerCanBeQueued()
    {
        var activity = Message("", "personal", "a:1on1-ana", extra: """, "value": { "verb": "explode", "number": 5 }""");

        var bad = Assert.IsType<TeamsInbound.BadCardAction>(TeamsActivityTranslator.Translate(activity, Now));

        Assert.False(bad.IsInvoke);
        Assert.Equal("a:1on1-ana", bad.Inbound!.Channel);
        Assert.Equal("a:1on1-ana", bad.ReplyTo);
        Assert.True(bad.Inbound.IsDirectMessage);
    }

    [Fact]
    public void SubmitFallback_ArrivesAsAMessageWithValue()
    {
        var activity = Message("", "personal", "a:1on1-ana", extra: """, "value": { "verb": "done", "number": 5 }""");

        var command = Assert.IsType<TeamsInbound.Command>(TeamsActivityTranslator.Translate(activity, Now));

        Assert.True(command.FromCard);
        Assert.Equal("done 5", command.Inbound.Text);
        Assert.Equal(new PromiseAction(new PromiseNumber(5), CardVerbs.UnknownVersion, PromiseVerb.Done), command.Click!.Action);
    }

    [Fact]
    public void OtherInvokesAndActivityTypes_AreIgnored()
    {
        Assert.IsType<TeamsInbound.Ignored>(TeamsActivityTranslator.Translate(Parse("""{ "type": "invoke", "name": "composeExtension/query" }"""), Now));
        Assert.IsType<TeamsInbound.Ignored>(TeamsActivityTranslator.Translate(Parse("""{ "type": "typing" }"""), Now));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{ "type": 5 }""")]
    [InlineData("null")]
    [InlineData("")]
    public void MalformedBodies_AreRefusedWithoutThrowing(string body)
    {
        Assert.Null(ActivityJson.TryParse(Encoding.UTF8.GetBytes(body), out var error));
        Assert.NotNull(error);
    }
    [Theory]
    [InlineData("channel", "19:general@thread.tacv2;messageid=1700000000000", "", "19:general@thread.tacv2;messageid=1700000000000")]
    [InlineData("channel", "19:general@thread.tacv2", "", "19:general@thread.tacv2;messageid=1700000000123")]
    [InlineData("channel", "19:general@thread.tacv2", ", \"replyToId\": \"1699999999999\"", "19:general@thread.tacv2;messageid=1699999999999")]
    [InlineData("groupChat", "19:group@thread.v2", ", \"replyToId\": \"1699999999999\"", "19:group@thread.v2")]
    [InlineData("personal", "a:1on1-ana", "", "a:1on1-ana")]
    public void Answers_InAChannel_GoToTheThreadThatAsked_ElsewhereToTheConversation(string type, string conversationId, string extra, string expected)
    {
        var result = TeamsActivityTranslator.Translate(Message("<at>PromiseBot</at> list", type, conversationId, $"[{BotMention}]", extra), Now);

        var command = Assert.IsType<TeamsInbound.Command>(result);
        Assert.Equal(expected, command.ReplyTo);
        Assert.Equal(TeamsActivityTranslator.ConversationIdOf(conversationId), command.Inbound.Channel);
    }
}
