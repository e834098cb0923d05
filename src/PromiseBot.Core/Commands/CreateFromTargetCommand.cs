using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary>
/// A new promise without a date in a category (<c>Reply to Acme about the outage #support</c>): its due comes from the
/// category's service-level target, or it is refused as a promise without a date when the category has none.
/// </summary>
public sealed record CreateFromTargetCommand(string Title, string? Customer, UserId? Owner, string Category) : ParsedCommand
{
    /// <summary>An explicit aim (<c>… aim in 2 hours #support</c>); null: the default rule.</summary>
    public Dates.ResolvedDue? Aim { get; init; }

    /// <summary>The hand-set risk flags (<c>… #support risk customer-input</c>).</summary>
    public Risk.RiskFlagSet Risk { get; init; }

    /// <summary>A guarantee on the promise (<c>… guarantee premium value $2,400</c>); null: none.</summary>
    public GuaranteeClause? Guarantee { get; init; }
}
