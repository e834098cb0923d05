// The Teams side of bench/teams-bench.sh: the fake Entra token endpoint, the fake Bot Connector and the fake Bot
// Framework OpenID/JWKS server from tests/PromiseBot.Testing, on 127.0.0.1. Prints the settings the host needs and a
// valid bearer token as KEY=VALUE lines, then reports how many activities reached the connector until stdin closes.
using PromiseBot.Testing.Teams.Auth;
using PromiseBot.Testing.Teams.Connector;

await using var tokens = await FakeTokenEndpoint.StartAsync();
await using var connector = await FakeBotConnector.StartAsync();
await using var openId = await FakeOpenIdServer.StartAsync(tokens.ClientId);

Console.WriteLine($"TEAMS_APP_ID={tokens.ClientId}");
Console.WriteLine($"TEAMS_APP_PASSWORD={tokens.ClientSecret}");
Console.WriteLine($"TEAMS_TOKEN_ENDPOINT={tokens.TokenUrl}");
Console.WriteLine($"TEAMS_METADATA_URL={openId.MetadataUrl}");
Console.WriteLine($"SERVICE_URL={connector.ServiceUrl}");
Console.WriteLine($"BEARER={openId.MintToken(connector.ServiceUrl)}");
Console.WriteLine("READY");

// Each line on stdin asks for the current count; EOF ends the program.
while (Console.ReadLine() is not null)
{
    Console.WriteLine($"SENT={connector.CallsTo("send").Count} TOKENS={tokens.RequestCount}");
}
