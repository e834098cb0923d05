using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Slack.WebApi;

/// <summary>
/// <see cref="IPersonDirectory"/> over <c>users.info</c>: a bot, a deactivated account or an id Slack does not know is
/// said so; without a bot token, or when Slack does not answer within <see cref="LookupTimeout"/>, we cannot tell
/// (and the form accepts the person rather than block).
/// </summary>
public sealed class SlackPersonDirectory(SlackWebApiClient slack, TimeProvider time) : IPersonDirectory
{
    /// <summary>The check runs inside Slack's 3 s for a form submission; a slow answer skips it.</summary>
    public static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(1);

    public async Task<PersonStanding> StandingAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken)
    {
        if (!slack.HasBotToken)
        {
            return PersonStanding.CouldNotTell;
        }

        // On the injected clock, so the timeout is as testable as every other time rule.
        using var timeout = new CancellationTokenSource(LookupTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var info = await slack.GetUserInfoAsync(workspace.Value, user.Value, linked.Token).ConfigureAwait(false);
            return info is null ? PersonStanding.Unknown
                : info.IsBot ? PersonStanding.Bot
                : info.Deleted ? PersonStanding.Deactivated
                : PersonStanding.Person;
        }
        catch (Exception ex) when (SlackFailures.IsTransient(ex, cancellationToken))
        {
            return PersonStanding.CouldNotTell;
        }
    }
}
