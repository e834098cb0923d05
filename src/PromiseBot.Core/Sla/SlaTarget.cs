using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Sla;

/// <summary>A category's service level: promises in <paramref name="Category"/> are due within <paramref name="Amount"/> of business time on <paramref name="Calendar"/>.</summary>
/// <param name="Calendar">A calendar name of the workspace (<see cref="Calendars.BusinessCalendar.DefaultName"/> for the default).</param>
public sealed record SlaTarget(WorkspaceId Workspace, string Category, SlaAmount Amount, string Calendar);
