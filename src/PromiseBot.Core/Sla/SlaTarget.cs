using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Sla;

/// <summary>A category's service level: promises in <paramref name="Category"/> are due within <paramref name="Amount"/> of business time on <paramref name="Calendar"/>.</summary>
/// <param name="Calendar">A calendar name of the workspace (<see cref="Calendars.BusinessCalendar.DefaultName"/> for the default).</param>
public sealed record SlaTarget(WorkspaceId Workspace, string Category, SlaAmount Amount, string Calendar)
{
    /// <summary>Warnings at 50% (owner) and 75% (owner and backup) of the target, unless a target says otherwise.</summary>
    public static readonly IReadOnlyList<int> DefaultWarnings = [50, 75];

    /// <summary>Waiting on the customer stops the clock, unless a target says otherwise.</summary>
    public static readonly IReadOnlyList<PauseReason> DefaultPauseOn = [PauseReason.WaitingOnCustomer];

    /// <summary>
    /// The shares of the target (percent, ascending, at most two) at which the ladder warns: with two, the first tells
    /// the owner and the second the owner and backup ("at risk"); with one, it is the "at risk" warning; none, only the breach.
    /// </summary>
    public IReadOnlyList<int> Warnings { get; init; } = DefaultWarnings;

    /// <summary>The pause reasons that stop the clock (<c>sla #support pause-on customer,vendor</c>); empty: none do.</summary>
    public IReadOnlyList<PauseReason> PauseOn { get; init; } = DefaultPauseOn;

    /// <summary>The buffer share of this category's aims (<c>sla #support buffer 25%</c>); null: the workspace's (<c>config buffer</c>).</summary>
    public int? Buffer { get; init; }

    // The lists compare by their items, not by reference.
    public bool Equals(SlaTarget? other) =>
        other is not null && Workspace == other.Workspace && Category == other.Category && Amount == other.Amount &&
        Calendar == other.Calendar && Buffer == other.Buffer && Warnings.SequenceEqual(other.Warnings) && PauseOn.SequenceEqual(other.PauseOn);

    public override int GetHashCode() => HashCode.Combine(Workspace, Category, Amount, Calendar);
}
