using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Tests;

public sealed class WorkspaceIdTests
{
    [Theory]
    [InlineData("T0123ABC", ChatPlatform.Slack)]
    [InlineData("E0123ORG", ChatPlatform.Slack)]
    [InlineData("teams:72f988bf-86f1-41af-91ab-2d7cd011db47", ChatPlatform.Teams)]
    [InlineData("playground", ChatPlatform.Playground)]
    [InlineData("Teams:contoso", ChatPlatform.Slack)]
    public void Platform_IsReadFromTheWorkspaceId(string id, ChatPlatform expected) =>
        Assert.Equal(expected, new WorkspaceId(id).Platform);
}
