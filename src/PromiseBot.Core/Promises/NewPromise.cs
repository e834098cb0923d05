using NodaTime;

namespace PromiseBot.Core.Promises;

/// <summary>A promise before it has a number.</summary>
public sealed record NewPromise(
    WorkspaceId Workspace,
    string Title,
    string? Customer,
    UserId Owner,
    UserId? Backup,
    string? Category,
    Instant DueAt,
    UserId MadeBy,
    Instant MadeAt,
    string Channel,
    string? SourceLink);
