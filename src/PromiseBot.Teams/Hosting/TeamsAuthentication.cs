using Microsoft.Extensions.Options;
using PromiseBot.Teams.Auth;

namespace PromiseBot.Teams.Hosting;

/// <summary>
/// How inbound Teams requests are authenticated: with a <see cref="BotFrameworkTokenValidator"/> when
/// <c>Teams__AppId</c> is set; without a token only in the explicit local mode (<see cref="TeamsLocalMode"/>:
/// opt-in, Development, loopback-only listener), which <see cref="TeamsEndpoints.MapTeamsEndpoints"/> logs loudly.
/// Anything else refuses every request with 401.
/// </summary>
public sealed class TeamsAuthentication
{
    private volatile bool _allowsAnonymous;

    public TeamsAuthentication(IOptions<TeamsOptions> options, TeamsLocalMode localMode, IHttpClientFactory httpClients, TimeProvider time)
    {
        var value = options.Value;
        LocalMode = localMode;
        if (value.IsConfigured)
        {
            Validator = new BotFrameworkTokenValidator(value.OpenIdMetadataUrl, value.AppId!, httpClients.CreateClient(TeamsInboundServiceCollectionExtensions.OpenIdHttpClient), time);
        }
        else
        {
            _allowsAnonymous = localMode.Enabled;
        }
    }

    public BotFrameworkTokenValidator? Validator { get; }

    public TeamsLocalMode LocalMode { get; }

    /// <summary>True only in the unauthenticated local mode, until <see cref="RevokeAnonymous"/>.</summary>
    public bool AllowsAnonymous => _allowsAnonymous;

    /// <summary>Ends the local mode for good (the server turned out to listen beyond loopback).</summary>
    public void RevokeAnonymous() => _allowsAnonymous = false;
}
