using System.Net;
using System.Text.Json.Nodes;
using PromiseBot.Teams.Connector;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Teams.Tests.Connector;

public sealed class BotConnectorClientTests : IAsyncLifetime
{
    private TeamsConnectorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await TeamsConnectorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static JsonObject Message(string text) => new()
    {
        ["type"] = "message",
        ["from"] = new JsonObject { ["id"] = TeamsConnectorRig.BotId },
        ["conversation"] = new JsonObject { ["id"] = TeamsConnectorRig.ChannelConversation },
        ["text"] = text,
    };

    [Fact]
    public async Task Send_ServiceUrlWithoutTrailingSlash_KeepsItsPathAndEscapesTheConversationId()
    {
        var id = await _rig.Client.SendActivityAsync(
            _rig.Connector.ServiceUrl.TrimEnd('/'), TeamsConnectorRig.ChannelConversation, Message("hello"), CancellationToken.None);

        var call = Assert.Single(_rig.Connector.CallsTo("send"));
        Assert.Equal("activity-1", id);
        Assert.Equal("/amer/", call.ServicePath);
        Assert.Equal("/amer/v3/conversations/" + Uri.EscapeDataString(TeamsConnectorRig.ChannelConversation) + "/activities", call.RawTarget);
        Assert.Equal(TeamsConnectorRig.ChannelConversation, call.ConversationId);
        Assert.Equal("POST", call.HttpMethod);
        Assert.Equal("Bearer fake-access-token-1", call.Authorization);
        Assert.StartsWith("application/json", call.Headers["Content-Type"], StringComparison.Ordinal);
        var validation = await PlatformValidators.BotActivityAsync(call.RawBody);
        Assert.True(validation.IsValid, validation.ToString());
    }

    [Fact]
    public async Task Reply_PostsToTheActivityAndSetsReplyToId()
    {
        await _rig.Client.ReplyToActivityAsync(
            _rig.Connector.ServiceUrl, TeamsConnectorRig.ChannelConversation, "1700000000001", Message("in thread"), CancellationToken.None);

        var call = Assert.Single(_rig.Connector.CallsTo("reply"));
        Assert.Equal("1700000000001", call.ActivityId);
        Assert.Equal("1700000000001", (string?)call.Json!["replyToId"]);
        Assert.Equal("Bearer fake-access-token-1", call.Authorization);
        var validation = await PlatformValidators.BotActivityAsync(call.RawBody);
        Assert.True(validation.IsValid, validation.ToString());
    }

    [Fact]
    public async Task Update_PutsTheFullActivityAtItsId()
    {
        var id = await _rig.Client.UpdateActivityAsync(
            _rig.Connector.ServiceUrl, TeamsConnectorRig.ChannelConversation, "activity-7", Message("edited"), CancellationToken.None);

        var call = Assert.Single(_rig.Connector.CallsTo("update"));
        Assert.Equal(("PUT", "activity-7", "activity-7"), (call.HttpMethod, call.ActivityId, id));
        Assert.Equal("activity-7", (string?)call.Json!["id"]);
        Assert.Equal("edited", (string?)call.Json!["text"]);
        var validation = await PlatformValidators.BotActivityAsync(call.RawBody);
        Assert.True(validation.IsValid, validation.ToString());
    }

    [Fact]
    public async Task CreatePersonalConversation_SendsBotMemberAndTenant_AndReturnsTheNewId()
    {
        var id = await _rig.Client.CreatePersonalConversationAsync(
            _rig.Connector.ServiceUrl, TeamsConnectorRig.BotId, "29:ana", TeamsConnectorRig.TenantId, CancellationToken.None);

        var call = Assert.Single(_rig.Connector.CallsTo("createConversation"));
        Assert.Equal(FakeBotConnector.DirectConversationFor("29:ana"), id);
        Assert.Equal("/amer/v3/conversations", call.RawTarget);
        Assert.Equal("Bearer fake-access-token-1", call.Authorization);
        var expected = JsonNode.Parse("""
            {"bot":{"id":"BOT"},"members":[{"id":"29:ana"}],"tenantId":"tenant-1",
             "channelData":{"tenant":{"id":"tenant-1"}},"isGroup":false}
            """.Replace("BOT", TeamsConnectorRig.BotId, StringComparison.Ordinal));
        Assert.True(JsonNode.DeepEquals(expected, call.Json), call.RawBody);
    }

    [Fact]
    public async Task EveryCall_CarriesTheBearerToken_FetchedOnce()
    {
        await _rig.Client.CreatePersonalConversationAsync(_rig.Connector.ServiceUrl, TeamsConnectorRig.BotId, "29:ana", TeamsConnectorRig.TenantId, CancellationToken.None);
        await _rig.Client.SendActivityAsync(_rig.Connector.ServiceUrl, "a:dm-29:ana", Message("1"), CancellationToken.None);
        await _rig.Client.ReplyToActivityAsync(_rig.Connector.ServiceUrl, "a:dm-29:ana", "activity-1", Message("2"), CancellationToken.None);
        await _rig.Client.UpdateActivityAsync(_rig.Connector.ServiceUrl, "a:dm-29:ana", "activity-1", Message("3"), CancellationToken.None);

        Assert.Equal(4, _rig.Connector.Calls.Count);
        Assert.All(_rig.Connector.Calls, c => Assert.Equal("Bearer fake-access-token-1", c.Authorization));
        Assert.Equal(1, _rig.TokenEndpoint.RequestCount);
    }

    [Fact]
    public async Task Unauthorized_ThrowsAndDropsTheCachedToken()
    {
        _rig.Connector.IsValidToken = t => t != "fake-access-token-1";

        var e = await Assert.ThrowsAsync<BotConnectorException>(() =>
            _rig.Client.SendActivityAsync(_rig.Connector.ServiceUrl, TeamsConnectorRig.ChannelConversation, Message("x"), CancellationToken.None));
        await _rig.Client.SendActivityAsync(_rig.Connector.ServiceUrl, TeamsConnectorRig.ChannelConversation, Message("x"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        Assert.Equal("Bearer fake-access-token-2", _rig.Connector.Calls[^1].Authorization);
    }

    [Theory]
    [InlineData("http://smba.example.com/amer/")]
    [InlineData("/relative/")]
    public async Task Send_ServiceUrlThatIsNotHttpsOrLoopback_IsRefusedBeforeAnyRequest(string serviceUrl)
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _rig.Client.SendActivityAsync(serviceUrl, TeamsConnectorRig.ChannelConversation, Message("x"), CancellationToken.None));

        Assert.Empty(_rig.Connector.Calls);
        Assert.Equal(0, _rig.TokenEndpoint.RequestCount);
    }
}
