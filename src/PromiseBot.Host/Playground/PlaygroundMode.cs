using PromiseBot.Storage;

namespace PromiseBot.Host.Playground;

/// <summary>
/// Whether the playground is on, and the database it uses. Configuration key <c>PromiseBot:Playground</c>
/// (<c>PromiseBot__Playground=true|false</c>) wins; otherwise it is on exactly when neither Slack
/// (<c>Slack:SigningSecret</c>, or <c>Slack:AppToken</c> for Socket Mode) nor Teams (<c>Teams:AppId</c>) is configured,
/// so a host with real credentials never switches to the playground by accident. When on, the whole host runs on
/// <see cref="ConnectionString"/>, a file derived from the configured one (<c>promisebot.db</c> →
/// <c>promisebot.playground.db</c>), never the configured file.
/// </summary>
public sealed record PlaygroundMode(bool Enabled, string Reason, string ConnectionString)
{
    public const string ConfigurationKey = "PromiseBot:Playground";
    public const string DefaultConnectionString = StorageConnectionStrings.Default;

    /// <summary>The workspace id of everything the playground creates.</summary>
    public const string Workspace = PromiseBot.Core.Promises.WorkspaceId.PlaygroundValue;

    public static PlaygroundMode From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetConnectionString("PromiseBot") ?? DefaultConnectionString;
        var database = DatabaseFor(configured);
        var explicitly = configuration[ConfigurationKey];
        if (bool.TryParse(explicitly, out var forced))
        {
            return new PlaygroundMode(forced, forced ? "PromiseBot:Playground=true" : "PromiseBot:Playground=false", database);
        }

        var slack = !string.IsNullOrWhiteSpace(configuration["Slack:SigningSecret"]) || !string.IsNullOrWhiteSpace(configuration["Slack:AppToken"]);
        var teams = !string.IsNullOrWhiteSpace(configuration["Teams:AppId"]);
        return slack || teams
            ? new PlaygroundMode(false, "Slack or Teams credentials are set", database)
            : new PlaygroundMode(true, "no Slack or Teams credentials are set", database);
    }

    /// <summary>
    /// The playground's own database: the configured file with <c>.playground</c> before its extension, in the same
    /// folder. Idempotent (a name that already has it is kept), and an in-memory or empty data source becomes
    /// <c>promisebot.playground.db</c>.
    /// </summary>
    public static string DatabaseFor(string connectionString) => StorageConnectionStrings.Beside(connectionString, "playground");
}
