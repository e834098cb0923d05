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

    public static async Task<TeamsConnectorHost> StartAsync(TempDatabase db, FakeTimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tokens = await FakeTokenEndpoint.StartAsync();
        var connector = await FakeBotConnector.StartAsync();
        var openId = await FakeOpenIdServer.StartAsync(tokens.ClientId, clock);
        var host = new BotHost(db.ConnectionString, clock, new Dictionary<string, string?>
        {
            ["Teams:AppId"] = tokens.ClientId,
            ["Teams:AppPassword"] = tokens.ClientSecret,
            ["Teams:TenantId"] = "contoso",
            ["Teams:TokenEndpoint"] = tokens.TokenUrl,
            ["Teams:OpenIdMetadataUrl"] = openId.MetadataUrl,
        });
        return new TeamsConnectorHost(tokens, connector, openId, host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await OpenId.DisposeAsync();
        await Connector.DisposeAsync();
        await Tokens.DisposeAsync();
    }
}
