using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary>
/// <c>list</c> filters. Bare <c>list</c> has every flag off: the current channel (or, in a DM, the caller's own).
/// Any filter widens the scope to the whole workspace; filters combine with AND.
/// </summary>
public sealed record ListFilter
{
    public bool Mine { get; init; }
    public UserId? User { get; init; }
    public string? Category { get; init; }
    public bool Overdue { get; init; }
    /// <summary><c>list due</c>: due within the next 48 hours.</summary>
    public bool DueSoon { get; init; }
    /// <summary><c>list all</c>: every promise in the workspace in any state, newest first, paged.</summary>
    public bool All { get; init; }
    /// <summary>1-based page for <c>list all</c> (<c>list all 2</c> or <c>list all page 2</c>).</summary>
    public int Page { get; init; } = 1;
    /// <summary><c>list kept</c> (<see cref="Promises.Outcome.Kept"/>: kept, with or without renegotiation), <c>list late</c>, <c>list broken</c>.</summary>
    public Outcome? Outcome { get; init; }

    /// <summary><c>list risky</c>: open promises at high or medium risk, high first.</summary>
    public bool Risky { get; init; }

    public bool IsBare => !Mine && User is null && Category is null && !Overdue && !DueSoon && !All && Outcome is null && !Risky;
}
