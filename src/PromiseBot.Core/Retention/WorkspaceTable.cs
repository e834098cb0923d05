namespace PromiseBot.Core.Retention;

/// <summary>
/// The rows one table holds for a workspace, as stored (instants are UTC Unix milliseconds, flags 0/1): what
/// <c>export all</c> writes as <c>{Name}.csv</c>.
/// </summary>
public sealed record WorkspaceTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);
