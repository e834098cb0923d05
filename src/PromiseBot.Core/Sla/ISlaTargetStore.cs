using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Sla;

/// <summary>A workspace's service-level targets, one per category. Every call is scoped to one workspace; writes complete after the commit.</summary>
public interface ISlaTargetStore
{
    /// <summary>The workspace's targets, by category name.</summary>
    Task<IReadOnlyList<SlaTarget>> ListAsync(WorkspaceId workspace, CancellationToken cancellationToken);

    /// <summary>The category's target, or null (category names compare case-insensitively).</summary>
    Task<SlaTarget?> GetAsync(WorkspaceId workspace, string category, CancellationToken cancellationToken);

    /// <summary>Sets (or replaces) the category's target.</summary>
    Task SaveAsync(SlaTarget target, UserId by, Instant at, CancellationToken cancellationToken);

    /// <summary>Removes the category's target; false when it had none.</summary>
    Task<bool> RemoveAsync(WorkspaceId workspace, string category, CancellationToken cancellationToken);
}
