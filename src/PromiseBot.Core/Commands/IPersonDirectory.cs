using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary>Each platform's answer to "is this a person of this workspace?" (Slack: users.info; the playground: its people).</summary>
public interface IPersonDirectory
{
    Task<PersonStanding> StandingAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken);
}
