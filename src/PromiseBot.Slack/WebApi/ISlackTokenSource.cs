using Microsoft.Extensions.Options;

namespace PromiseBot.Slack.WebApi;

/// <summary>
/// Which bot token (<c>xoxb-…</c>) to use for a workspace. Every Web API call names the workspace it acts for, so an
/// app installed in many workspaces always uses the right one. The default, <see cref="ConfiguredSlackToken"/>, is
/// the one-workspace setup: <c>Slack__BotToken</c> for every team.
/// </summary>
public interface ISlackTokenSource
{
    /// <summary>False when no token can exist at all (no bot token and no OAuth install configured).</summary>
    bool MayHaveTokens { get; }

    /// <summary>The bot token for <paramref name="teamId"/> (a Slack team or enterprise id), or null when none.</summary>
    ValueTask<string?> GetBotTokenAsync(string teamId, CancellationToken cancellationToken);
}
