namespace PromiseBot.Teams.Connector;

/// <summary>
/// How <see cref="BotConnectorClient"/> authenticates towards a conversation's <c>serviceUrl</c>, and which service
/// URLs it may talk to at all. Production: <see cref="BotFrameworkTokenClient"/> (a client-credentials token, any https
/// service URL). The unauthenticated local mode: <see cref="LocalConnectorCredentials"/> (no token, loopback only).
/// </summary>
public interface IBotConnectorCredentials
{
    /// <summary>The bearer token to send, or null to send no <c>Authorization</c> header.</summary>
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Forgets a cached token, e.g. after the connector answered 401 with it.</summary>
    void Invalidate();

    /// <summary>Whether a request may go to <paramref name="serviceBase"/> (already checked to be https or loopback http).</summary>
    bool Accepts(Uri serviceBase);
}
