using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>A person's IANA zone as their platform knows it (Slack <c>users.info</c>), or null when unknown.</summary>
public interface IUserTimeZones
{
    Task<string?> GetTimeZoneAsync(ChatPlatform platform, WorkspaceId workspace, UserId user, CancellationToken cancellationToken);
}
