using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Auth;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Host.Tests.Teams;

/// <summary>Both halves of the adapter: a signed activity in, the reply card out through the outbox to the fake connector.</summary>
public sealed class TeamsEndToEndTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(BotHost.Start);
    private FakeTokenEndpoint _tokens = null!;
    private FakeBotConnector _connector = null!;
    private FakeOpenIdServer _openId = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _tokens = await FakeTokenEndpoint.StartAsync();
        _connector = await FakeBotConnector.StartAsync();
        _openId = await FakeOpenIdServer.StartAsync(_tokens.ClientId, _clock);
        _host = new BotHost(_db.ConnectionString, _clock, new Dictionary<string, string?>
        {
            ["Teams:AppId"] = _tokens.ClientId,
            ["Teams:AppPassword"] = _tokens.ClientSecret,
            ["Teams:TenantId"] = "contoso",
            ["Teams:TokenEndpoint"] = _tokens.TokenUrl,
            ["Teams:OpenIdMetadataUrl"] = _openId.MetadataUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _openId.DisposeAsync();
        await _connector.DisposeAsync();
        await _tokens.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task Message_CreatesThePromise_AndTheReplyCardReachesTheConnectorWithABearerToken()
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "1700000000001",
            ["channelId"] = "msteams",
            ["serviceUrl"] = _connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:ana", ["name"] = "Ana Lopez" },
            ["recipient"] = new JsonObject { ["id"] = "28:" + _tokens.ClientId, ["name"] = "PromiseBot" },
            ["conversation"] = new JsonObject { ["id"] = "19:general@thread.tacv2;messageid=1", ["conversationType"] = "channel", ["tenantId"] = "contoso" },
            ["text"] = "<at>PromiseBot</at> Send the quote to Acme by Friday 5pm",
            ["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention", ["text"] = "<at>PromiseBot</at>",
                ["mentioned"] = new JsonObject { ["id"] = "28:" + _tokens.ClientId, ["name"] = "PromiseBot" },
            }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _openId.MintToken(_connector.ServiceUrl));

        var (status, _, _) = await _host.SendAsync(request);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sent = await _connector.WaitForCallAsync("send", cancellationToken: wait.Token);

        Assert.Equal(200, status);
        Assert.Equal(1, _host.Count("promises"));
        Assert.Equal("19:general@thread.tacv2", sent.ConversationId);
        Assert.Equal("Bearer " + _tokens.LatestToken, sent.Authorization);
        var card = sent.Json!["attachments"]![0]!["content"]!;
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Contains("Send the quote to Acme", card.ToJsonString());
        var valid = await PlatformValidators.BotActivityAsync(sent.RawBody);
        Assert.True(valid.IsValid, valid.ToString());
    }
}
