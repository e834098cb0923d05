namespace PromiseBot.Slack;

/// <summary>
/// Slack credentials and endpoints, bound by the host from the <c>Slack</c> configuration section
/// (<c>Slack__SigningSecret</c>, ...). Secrets come from environment variables or user-secrets, never files.
/// See https://docs.slack.dev/authentication/verifying-requests-from-slack and https://docs.slack.dev/authentication/tokens.
/// </summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    public const string DefaultAuthorizeUrl = "https://slack.com/oauth/v2/authorize";

    /// <summary>Signs every HTTP request Slack sends us (Basic Information → App Credentials).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (<c>xoxb-...</c>) sent as <c>Authorization: Bearer</c> on Web API calls.</summary>
    public string? BotToken { get; set; }

    /// <summary>The app-level token (<c>xapp-...</c>) for Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>OAuth v2 client id, for multi-workspace installs.</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth v2 client secret, for multi-workspace installs.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Where Slack sends the browser back after an install (<c>https://YOUR-HOST/slack/oauth/callback</c>); it must be
    /// one of the app's Redirect URLs (OAuth &amp; Permissions). Optional: without it Slack uses the app's only one.
    /// https://docs.slack.dev/authentication/installing-with-oauth
    /// </summary>
    public string? RedirectUri { get; set; }

    /// <summary>Slack's OAuth v2 authorize page, where <c>GET /slack/install</c> sends the browser.</summary>
    public string AuthorizeUrl { get; set; } = DefaultAuthorizeUrl;

    /// <summary>
    /// Both <see cref="ClientId"/> and <see cref="ClientSecret"/> are set: the app can be installed in many workspaces
    /// (<c>GET /slack/install</c>) and each workspace's calls use the token stored for it.
    /// </summary>
    public bool HasOAuthClient => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary>
    /// When true (the default), a second request carrying an already-seen <c>trigger_id</c> is answered "already
    /// handled" and not applied: a signed request captured and replayed inside Slack's 5-minute window does nothing.
    /// The bench's load generator (bench/loadgen) re-sends a few signed bodies, so the benchmark turns this off.
    /// </summary>
    public bool RejectReplays { get; set; } = true;

    /// <summary>Base URL of the Web API, ending in <c>/api/</c>. Tests point it at a fake on 127.0.0.1.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>
    /// How long the event worker keeps the inbox events it claimed before another worker may take them (5 s – 1 h;
    /// default 5 minutes): a host killed mid-event delays those events by up to this.
    /// </summary>
    public TimeSpan EventClaimLease { get; set; } = Events.SlackEventWorker.DefaultClaimLease;
}
