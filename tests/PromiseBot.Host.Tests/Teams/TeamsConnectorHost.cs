using Microsoft.Extensions.Time.Testing;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Auth;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Host.Tests.Teams;

/// <summary>
/// The whole Teams round trip on 127.0.0.1: a fake Entra token endpoint, a fake Bot Connector, a fake OpenID server
/// signing inbound activities, and the host configured for all three on a real SQLite file. Disposing stops them all
/// (the database file is the caller's).
/// </summary>
internal sealed class TeamsConnectorHost : IAsyncDisposable
{
    private TeamsConnectorHost(FakeTokenEndpoint tokens, FakeBotConnector connector, FakeOpenIdServer openId, BotHost host) =>
        (Tokens, Connector, OpenId, Host) = (tokens, connector, openId, host);

    public FakeTokenEndpoint Tokens { get; }

    public FakeBotConnector Connector { get; }

    public FakeOpenIdServer OpenId { get; }

    public BotHost Host { get; }

    public static async Task<TeamsConnectorHost> StartAsync(TempDatabase db, FakeTimeProvider clock, IReadOnlyDictionary<string, string?>? more = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tokens = await FakeTokenEndpoint.StartAsync();
        var connector = await FakeBotConnector.StartAsync();
        var openId = await FakeOpenIdServer.StartAsync(tokens.ClientId, clock);
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = tokens.ClientId,
            ["Teams:AppPassword"] = tokens.ClientSecret,
            ["Teams:TenantId"] = "contoso",
            ["Teams:TokenEndpoint"] = tokens.TokenUrl,
            ["Teams:OpenIdMetadataUrl"] = openId.MetadataUrl,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = new BotHost(db.ConnectionString, clock, settings);
        return new TeamsConnectorHost(tokens, connector, openId, host);
    }

    /// <summary>An inbound activity from Ana in the contoso tenant, through the fake connector's service URL.</summary>
    public System.Text.Json.Nodes.JsonObject Activity(string type, string id, string conversation, string conversationType) => new()
    {
        ["type"] = type,
        ["id"] = id,
        ["channelId"] = "msteams",
        ["serviceUrl"] = Connector.ServiceUrl,
        ["from"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "29:ana", ["name"] = "Ana Lopez", ["aadObjectId"] = "aad-ana" },
        ["recipient"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "28:" + Tokens.ClientId, ["name"] = "PromiseBot" },
        ["conversation"] = new System.Text.Json.Nodes.JsonObject { ["id"] = conversation, ["conversationType"] = conversationType, ["tenantId"] = "contoso" },
        ["channelData"] = new System.Text.Json.Nodes.JsonObject { ["tenant"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "contoso" } },
    };

    /// <summary>Posts <paramref name="activity"/> to /api/messages with a token the fake OpenID server signed.</summary>
    public async Task<(int Status, System.Text.Json.Nodes.JsonObject? Json, string Raw)> PostAsync(System.Text.Json.Nodes.JsonObject activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + OpenId.MintToken(Connector.ServiceUrl));
        return await Host.SendAsync(request);
    }

    /// <summary>Ana says <paramref name="text"/> to the bot with a mention in <paramref name="channel"/> (her zone: New York).</summary>
    public async Task<int> SayAsync(string text, string id, string channel = "19:general@thread.tacv2")
    {
        var activity = Activity("message", "17000000000" + id, channel + ";messageid=" + id, "channel");
        activity["text"] = "<at>PromiseBot</at> " + text;
        activity["entities"] = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "mention", ["text"] = "<at>PromiseBot</at>",
                ["mentioned"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "28:" + Tokens.ClientId, ["name"] = "PromiseBot" },
            },
            new System.Text.Json.Nodes.JsonObject { ["type"] = "clientInfo", ["timezone"] = "America/New_York" });
        var (status, _, _) = await PostAsync(activity);
        return status;
    }

    /// <summary>Two outbox passes, two seconds apart (a conversation's pacing slot).</summary>
    public async Task DispatchAsync(FakeTimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var dispatcher = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PromiseBot.Host.Outbox.OutboxDispatcher>(Host.Services);
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await OpenId.DisposeAsync();
        await Connector.DisposeAsync();
        await Tokens.DisposeAsync();
    }
}
