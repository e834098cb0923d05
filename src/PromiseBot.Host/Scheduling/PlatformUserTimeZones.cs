using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Host.Scheduling;

/// <summary>Recipients' zones for quiet hours: Slack's <c>users.info</c> (cached); other platforms: unknown.</summary>
public sealed class PlatformUserTimeZones(ISlackUserDirectory slack) : IUserTimeZones
{
    public Task<string?> GetTimeZoneAsync(ChatPlatform platform, WorkspaceId workspace, UserId user, CancellationToken cancellationToken) =>
        platform == ChatPlatform.Slack ? slack.GetTimeZoneAsync(workspace, user, cancellationToken) : Task.FromResult<string?>(null);
}
