using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;

namespace PromiseBot.Host.Playground;

/// <summary>The demo people's zones for quiet hours; every other platform is asked of the wrapped directory.</summary>
public sealed class PlaygroundUserTimeZones(IUserTimeZones inner) : IUserTimeZones
{
    public Task<string?> GetTimeZoneAsync(ChatPlatform platform, WorkspaceId workspace, UserId user, CancellationToken cancellationToken) =>
        platform == ChatPlatform.Playground
            ? Task.FromResult(PlaygroundPeople.Find(user.Value)?.TimeZone)
            : inner.GetTimeZoneAsync(platform, workspace, user, cancellationToken);
}
