using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Storage;

/// <summary>A <c>promises</c> row as Dapper reads and writes it; shared by the promise store and the schedule store.</summary>
internal class PromiseRow
{
    public long Id { get; init; }
    public string Workspace { get; init; } = "";
    public int Number { get; init; }
    public string Title { get; init; } = "";
    public string? Customer { get; init; }
    public string Owner { get; init; } = "";
    public string? Backup { get; init; }
    public string? Category { get; init; }
    public long DueAt { get; init; }
    public string MadeBy { get; init; } = "";
    public long MadeAt { get; init; }
    public string Channel { get; init; } = "";
    public string? SourceLink { get; init; }
    public int Status { get; init; }
    public int? PauseReason { get; init; }
    public string? StatusNote { get; init; }
    public long? DoneAt { get; init; }
    public int Version { get; init; }

    public static PromiseRow From(Promise p) => new()
    {
        Workspace = p.Workspace.Value,
        Number = p.Number.Value,
        Title = p.Title,
        Customer = p.Customer,
        Owner = p.Owner.Value,
        Backup = p.Backup?.Value,
        Category = p.Category,
        DueAt = p.DueAt.ToUnixTimeMilliseconds(),
        MadeBy = p.MadeBy.Value,
        MadeAt = p.MadeAt.ToUnixTimeMilliseconds(),
        Channel = p.Channel,
        SourceLink = p.SourceLink,
        Status = (int)p.Status,
        PauseReason = (int?)p.PauseReason,
        StatusNote = p.StatusNote,
        DoneAt = p.DoneAt?.ToUnixTimeMilliseconds(),
        Version = p.Version,
    };

    public Promise ToPromise() => new()
    {
        Workspace = new WorkspaceId(Workspace),
        Number = new PromiseNumber(Number),
        Title = Title,
        Customer = Customer,
        Owner = new UserId(Owner),
        Backup = Backup is null ? null : new UserId(Backup),
        Category = Category,
        DueAt = Instant.FromUnixTimeMilliseconds(DueAt),
        MadeBy = new UserId(MadeBy),
        MadeAt = Instant.FromUnixTimeMilliseconds(MadeAt),
        Channel = Channel,
        SourceLink = SourceLink,
        Status = (PromiseStatus)Status,
        PauseReason = (PauseReason?)PauseReason,
        StatusNote = StatusNote,
        DoneAt = DoneAt is null ? null : Instant.FromUnixTimeMilliseconds(DoneAt.Value),
        Version = Version,
    };
}
