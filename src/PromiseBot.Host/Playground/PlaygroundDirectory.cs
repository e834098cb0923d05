using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Host.Playground;

/// <summary>The playground's people: the demo cast are people of its one workspace; anyone else is unknown.</summary>
public sealed class PlaygroundDirectory : IPersonDirectory
{
    public Task<PersonStanding> StandingAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken) =>
        Task.FromResult(workspace.Value == PlaygroundMode.Workspace && PlaygroundPeople.Find(user.Value) is not null
            ? PersonStanding.Person
            : PersonStanding.Unknown);
}
