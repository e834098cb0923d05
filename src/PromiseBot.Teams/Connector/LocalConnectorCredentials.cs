namespace PromiseBot.Teams.Connector;

/// <summary>
/// The unauthenticated local mode (the Microsoft 365 Agents Playground, <c>Teams__AllowUnauthenticatedLocal=true</c>):
/// replies go to the activity's <c>serviceUrl</c> without a token, and only when that URL is on this machine
/// (localhost, 127.0.0.0/8, [::1]). An unsigned activity must never make the bot post to another host.
/// </summary>
public sealed class LocalConnectorCredentials : IBotConnectorCredentials
{
    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public void Invalidate()
    {
    }

    public bool Accepts(Uri serviceBase)
    {
        ArgumentNullException.ThrowIfNull(serviceBase);
        return TeamsUrls.IsLoopback(serviceBase);
    }
}
