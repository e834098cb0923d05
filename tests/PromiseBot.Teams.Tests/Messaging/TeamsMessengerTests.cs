using PromiseBot.Teams.Cards;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Teams.Messaging;
using PromiseBot.Teams.Tests.Connector;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Teams.Tests.Messaging;

public sealed class TeamsMessengerTests : IAsyncLifetime
{
    private static readonly Reply Digest = new(ReplyVisibility.Channel, ReplyTone.Warning, "Digest: 1 overdue, 1 due in the next 48 hours", [
        new HeaderBlock("Promises due in the next 48 hours"),
        new TextBlock(new BoldRun("1 overdue, 1 due in the next 48 hours")),
        new PromiseLineBlock(new PromiseNumber(3), PromiseLineState.Overdue, [new BoldRun("#3"), new PlainRun(" Send the *quote* [now](x) "), new MentionRun(new UserId("29:ana"))]),
        new FieldsBlock([new Field("Owner", [new MentionRun(new UserId("29:ana"))]), new Field("Due", [new PlainRun("Fri 17:00")])]),
        new DividerBlock(),
        new ContextBlock(new PlainRun("Times in America/New_York. Mark one kept with "), new CodeRun("@PromiseBot done 12")),
    ]);

    private TeamsConnectorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await TeamsConnectorRig.StartAsync(seed: 3);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Destination Channel(string id = TeamsConnectorRig.ChannelConversation) =>
        new(ChatPlatform.Teams, TeamsConnectorRig.Workspace, DestinationKind.Channel, id);

    private static Destination User(string id = "29:ana") =>
        new(ChatPlatform.Teams, TeamsConnectorRig.Workspace, DestinationKind.User, id);

    private Task<SendResult> SendAsync(Destination to) => _rig.Messenger.SendAsync(to, Digest, CancellationToken.None);

    [Fact]
    public async Task Send_ToChannel_PostsAValidCardActivityWithTheBearerToken()
    {
        await _rig.AddChannelAsync();

        var result = await SendAsync(Channel());

        Assert.Equal(new SendResult.Sent("activity-1", TeamsConnectorRig.ChannelConversation), result);
        var call = Assert.Single(_rig.Connector.CallsTo("send"));
        Assert.Equal("/amer/", call.ServicePath);
        Assert.Equal("Bearer " + _rig.TokenEndpoint.LatestToken, call.Authorization);
        Assert.Equal("message", (string?)call.Json!["type"]);
        Assert.Equal(TeamsConnectorRig.BotId, (string?)call.Json["from"]!["id"]);
        Assert.Equal(TeamsMessenger.CardContentType, (string?)call.Json["attachments"]![0]!["contentType"]);
        Assert.Equal("AdaptiveCard", (string?)call.Json["attachments"]![0]!["content"]!["type"]);
        var activity = await PlatformValidators.BotActivityAsync(call.RawBody);
        Assert.True(activity.IsValid, activity.ToString());
    }

    [Fact]
    public async Task Send_ToAChannelThread_RepliesToItsRootInThatThread()
    {
        const string channel = "19:general@thread.tacv2";
        await _rig.AddChannelAsync(channel);

        var result = await SendAsync(Channel(channel + ";messageid=1700000000000"));

        Assert.Equal(new SendResult.Sent("activity-1", channel + ";messageid=1700000000000"), result);
        Assert.Empty(_rig.Connector.CallsTo("send"));
        var call = Assert.Single(_rig.Connector.CallsTo("reply"));
        Assert.Equal(channel + ";messageid=1700000000000", call.ConversationId);
        Assert.Equal("1700000000000", call.ActivityId);
        Assert.Equal("1700000000000", (string?)call.Json!["replyToId"]);
        Assert.Equal(channel + ";messageid=1700000000000", (string?)call.Json["conversation"]!["id"]);
        var activity = await PlatformValidators.BotActivityAsync(call.RawBody);
        Assert.True(activity.IsValid, activity.ToString());
    }

    [Fact]
    public async Task LocalCredentials_SendNoToken_AndOnlyToLoopbackServiceUrls()
    {
        using var http = new HttpClient();
        var local = new PromiseBot.Teams.Connector.BotConnectorClient(http, new PromiseBot.Teams.Connector.LocalConnectorCredentials());
        _rig.Connector.RequireToken = false;
        await _rig.AddChannelAsync();
        var messenger = new TeamsMessenger(local, _rig.References, new AdaptiveCardRenderer(), new InMemoryHeldFiles(), _rig.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<TeamsMessenger>.Instance);

        var sent = await messenger.SendAsync(Channel(), Digest, CancellationToken.None);

        Assert.IsType<SendResult.Sent>(sent);
        Assert.Null(Assert.Single(_rig.Connector.CallsTo("send")).Authorization);
        Assert.Equal(0, _rig.TokenEndpoint.RequestCount);
        Assert.True(local.CanSendTo("http://localhost:56150/"));
        Assert.True(local.CanSendTo("http://127.0.0.1:56150/_connector"));
        Assert.False(local.CanSendTo("https://smba.trafficmanager.net/amer/"));
        Assert.False(local.CanSendTo("http://10.0.0.5:56150/"));
    }

    [Fact]
    public async Task Send_ToUnknownConversation_IsPermanentWithoutAnyRequest()
    {
        var result = await SendAsync(Channel("19:never-seen@thread.tacv2"));

        Assert.Equal(new SendResult.Permanent(TeamsMessenger.ConversationUnknown), result);
        Assert.Empty(_rig.Connector.Calls);
        Assert.Equal(0, _rig.TokenEndpoint.RequestCount);
    }

    [Fact]
    public async Task Send_ToUserInAWorkspaceNeverSeen_IsPermanent()
    {
        var result = await SendAsync(User());

        Assert.Equal(new SendResult.Permanent(TeamsMessenger.ConversationUnknown), result);
        Assert.Empty(_rig.Connector.Calls);
    }

    [Fact]
    public async Task Send_ToUserWithoutPersonalChat_CreatesTheOneToOneConversationOnceThenPostsIntoIt()
    {
        await _rig.AddChannelAsync();

        var first = await SendAsync(User("29:ana"));
        var second = await SendAsync(User("29:ana"));

        var create = Assert.Single(_rig.Connector.CallsTo("createConversation"));
        Assert.Equal("29:ana", (string?)create.Json!["members"]![0]!["id"]);
        Assert.Equal(TeamsConnectorRig.BotId, (string?)create.Json["bot"]!["id"]);
        Assert.Equal(TeamsConnectorRig.TenantId, (string?)create.Json["channelData"]!["tenant"]!["id"]);
        var dm = FakeBotConnector.DirectConversationFor("29:ana");
        Assert.Equal(["createConversation", "send", "send"], _rig.Connector.Calls.Select(c => c.Operation));
        Assert.All(_rig.Connector.CallsTo("send"), c => Assert.Equal(dm, c.ConversationId));
        Assert.Equal(dm, Assert.IsType<SendResult.Sent>(first).Conversation);
        Assert.IsType<SendResult.Sent>(second);
        var stored = await _rig.References.FindForUserAsync(TeamsConnectorRig.Workspace, "29:ana", CancellationToken.None);
        Assert.Equal((dm, "personal", "29:ana"), (stored!.ConversationId, stored.ConversationType, stored.UserId));
        var sent = _rig.Connector.CallsTo("send")[0];
        Assert.Equal("29:ana", (string?)sent.Json!["recipient"]!["id"]);
        var activity = await PlatformValidators.BotActivityAsync(sent.RawBody);
        Assert.True(activity.IsValid, activity.ToString());
    }

    [Fact]
    public async Task Send_ToUserWithAStoredPersonalChat_PostsWithoutCreatingOne()
    {
        await _rig.AddChannelAsync();
        await _rig.AddPersonalAsync("29:bo", "a:existing-bo");

        var result = await SendAsync(User("29:bo"));

        Assert.Equal(new SendResult.Sent("activity-1", "a:existing-bo"), result);
        Assert.Empty(_rig.Connector.CallsTo("createConversation"));
    }

    [Fact]
    public async Task Send_Throttled_ReturnsExactlyTheRetryAfter()
    {
        await _rig.AddChannelAsync();
        _rig.Connector.RetryAfterSeconds = 7;
        _rig.Connector.FailNext(FakeConnectorFailure.Throttled);

        var result = await SendAsync(Channel());

        Assert.Equal(new SendResult.Throttled(TimeSpan.FromSeconds(7)), result);
    }

    [Fact]
    public async Task Send_ThrottledWithoutRetryAfter_WaitsTheDefault()
    {
        await _rig.AddChannelAsync();
        _rig.Connector.RetryAfterSeconds = null;
        _rig.Connector.FailNext(FakeConnectorFailure.Throttled);

        var result = await SendAsync(Channel());

        Assert.Equal(new SendResult.Throttled(TeamsMessenger.DefaultRetryAfter), result);
    }

    [Fact]
    public async Task Send_ToUserWhenTheOnlyKnownServiceUrlIsPlainHttp_IsPermanentWithoutAnyRequest()
    {
        await _rig.References.UpsertAsync(new Core.Conversations.ConversationReference(
            TeamsConnectorRig.Workspace, "19:insecure@thread.tacv2", "channel", "http://smba.example.com/amer/", TeamsConnectorRig.TenantId,
            TeamsConnectorRig.BotId, null, null, NodaTime.Instant.FromUnixTimeSeconds(0)), CancellationToken.None);

        var result = await SendAsync(User("29:ana"));

        Assert.Equal(new SendResult.Permanent("invalid_service_url"), result);
        Assert.Equal(0, _rig.TokenEndpoint.RequestCount);
    }

    [Theory]
    [InlineData(FakeConnectorFailure.PreconditionFailed, "http_412:PreconditionFailed")]
    [InlineData(FakeConnectorFailure.BadGateway, "http_502")]
    [InlineData(FakeConnectorFailure.GatewayTimeout, "http_504:GatewayTimeout")]
    [InlineData(FakeConnectorFailure.ServerError, "http_500:InternalServerError")]
    public async Task Send_RetryableAnswer_IsTransient(FakeConnectorFailure failure, string error)
    {
        await _rig.AddChannelAsync();
        _rig.Connector.FailNext(failure);

        var result = await SendAsync(Channel());

        Assert.Equal(new SendResult.Transient(error), result);
    }

    [Fact]
    public async Task Send_ConnectionRefused_IsTransient()
    {
        await _rig.AddChannelAsync();
        await _rig.Connector.DisposeAsync();

        var result = await SendAsync(Channel());

        Assert.StartsWith("network: ", Assert.IsType<SendResult.Transient>(result).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ToUserWhoBlockedTheBot_IsPermanentAndMarksThemUnreachable()
    {
        await _rig.AddChannelAsync();
        await _rig.AddPersonalAsync("29:cy", FakeBotConnector.DirectConversationFor("29:cy"));
        _rig.Connector.BlockUser("29:cy");

        var result = await SendAsync(User("29:cy"));

        Assert.Equal(new SendResult.Permanent(TeamsMessenger.MessageWritesBlocked), result);
        Assert.False(await _rig.References.IsUserReachableAsync(TeamsConnectorRig.Workspace, "29:cy", CancellationToken.None));
        Assert.True(await _rig.References.IsUserReachableAsync(TeamsConnectorRig.Workspace, "29:ana", CancellationToken.None));
    }

    [Fact]
    public async Task Send_CreatingTheChatOfAUserWhoBlockedTheBot_IsPermanentAndMarksThemUnreachable()
    {
        await _rig.AddChannelAsync();
        _rig.Connector.BlockUser("29:dee");

        var result = await SendAsync(User("29:dee"));

        Assert.Equal(new SendResult.Permanent(TeamsMessenger.MessageWritesBlocked), result);
        Assert.False(await _rig.References.IsUserReachableAsync(TeamsConnectorRig.Workspace, "29:dee", CancellationToken.None));
        Assert.Empty(_rig.Connector.CallsTo("send"));
    }

    [Fact]
    public async Task Send_ChannelThatBlocksWrites_IsPermanentWithoutMarkingAnyone()
    {
        await _rig.AddChannelAsync();
        _rig.Connector.BlockConversation(TeamsConnectorRig.ChannelConversation);

        var result = await SendAsync(Channel());

        Assert.Equal(new SendResult.Permanent(TeamsMessenger.MessageWritesBlocked), result);
    }

    [Fact]
    public async Task Send_ConversationGone_IsPermanent()
    {
        await _rig.AddChannelAsync();
        _rig.Connector.FailNext(FakeConnectorFailure.NotFound);

        var result = await SendAsync(Channel());

        Assert.Equal(new SendResult.Permanent("http_404:ConversationNotFound"), result);
    }

    [Fact]
    public async Task Send_TokenRejectedByTheConnector_IsPermanent()
    {
        await _rig.AddChannelAsync();
        _rig.Connector.IsValidToken = _ => false;

        var result = await SendAsync(Channel());

        Assert.Equal(new SendResult.Permanent("http_401:Unauthorized"), result);
    }

    [Fact]
    public async Task Send_WrongAppPassword_IsPermanentWithTheOAuthError()
    {
        await _rig.AddChannelAsync();
        _rig.TokenEndpoint.ClientSecret = "rotated";

        var result = await SendAsync(Channel());

        Assert.Equal(new SendResult.Permanent("token_http_401:invalid_client"), result);
        Assert.Empty(_rig.Connector.Calls);
    }

    [Fact]
    public async Task Send_StoredServiceUrlOverPlainHttp_IsPermanent()
    {
        await _rig.References.UpsertAsync(new Core.Conversations.ConversationReference(
            TeamsConnectorRig.Workspace, "19:insecure@thread.tacv2", "channel", "http://smba.example.com/amer/", TeamsConnectorRig.TenantId,
            TeamsConnectorRig.BotId, null, null, NodaTime.Instant.FromUnixTimeSeconds(0)), CancellationToken.None);

        var result = await SendAsync(Channel("19:insecure@thread.tacv2"));

        Assert.Equal(new SendResult.Permanent("invalid_service_url"), result);
    }

}
