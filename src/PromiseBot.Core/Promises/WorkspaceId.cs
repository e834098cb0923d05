using NodaTime;

namespace PromiseBot.Core.Promises;

/// <summary>
/// Where a promise lives: one Slack workspace (its team id, <c>T…</c>), one Teams tenant (<c>teams:{tenantId}</c>) or
/// the playground (<c>playground</c>). Every stored row carries it.
/// </summary>
public readonly record struct WorkspaceId(string Value)
{
    public const string TeamsPrefix = "teams:";
    public const string PlaygroundValue = "playground";

    /// <summary>The platform a workspace belongs to, read from its id (a Slack team id never has a prefix).</summary>
    public Commands.ChatPlatform Platform =>
        Value.StartsWith(TeamsPrefix, StringComparison.Ordinal) ? Commands.ChatPlatform.Teams
        : Value == PlaygroundValue ? Commands.ChatPlatform.Playground
        : Commands.ChatPlatform.Slack;

    public override string ToString() => Value;
}
