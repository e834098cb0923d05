using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Risk;

/// <summary>Who is away when, per workspace.</summary>
public interface IAwayStore
{
    /// <summary>Records the period; periods of the same person it overlaps are replaced by it.</summary>
    Task SetAsync(WorkspaceId workspace, AwayPeriod period, UserId setBy, Instant setAt, CancellationToken cancellationToken);

    /// <summary>Forgets the person's periods that end on or after <paramref name="from"/>; how many there were.</summary>
    Task<int> ClearAsync(WorkspaceId workspace, UserId person, LocalDate from, CancellationToken cancellationToken);

    /// <summary>Periods that end on or after <paramref name="from"/>, earliest first, optionally of one person.</summary>
    Task<IReadOnlyList<AwayPeriod>> ListAsync(WorkspaceId workspace, LocalDate from, UserId? person, CancellationToken cancellationToken);
}
