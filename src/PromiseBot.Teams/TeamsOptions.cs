namespace PromiseBot.Teams;

/// <summary>
/// The <c>Teams__*</c> configuration section. The Teams endpoint is registered only when <see cref="AppId"/> is set
/// (or, in Development, in the loud unauthenticated local mode).
/// </summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    public const string BotFrameworkOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The Microsoft App ID of the bot registration; also the audience of inbound tokens.</summary>
    public string? AppId { get; set; }

    /// <summary>The client secret used for the client-credentials grant towards the Bot Connector.</summary>
    public string? AppPassword { get; set; }

    /// <summary>The Entra tenant of a single-tenant bot registration.</summary>
    public string? TenantId { get; set; }

    public string OpenIdMetadataUrl { get; set; } = BotFrameworkOpenIdMetadataUrl;

    /// <summary>Defaults to <c>https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/token</c> when unset.</summary>
    public string? TokenEndpoint { get; set; }

    public string ResolvedTokenEndpoint =>
        string.IsNullOrWhiteSpace(TokenEndpoint)
            ? $"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId)}/oauth2/v2.0/token"
            : TokenEndpoint;

    /// <summary>
    /// Where this host is reachable from people's browsers (<c>https://promisebot.example.com</c>, the host of the
    /// messaging endpoint). Set, an export asked for in a channel comes with a short-lived signed download link
    /// served here; unset, the card points to the 1:1 chat instead.
    /// </summary>
    public string? PublicUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AppId);
}
