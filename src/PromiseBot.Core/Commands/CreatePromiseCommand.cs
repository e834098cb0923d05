using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <param name="Backup">Set by forms (the Slack "New promise" modal); the text grammar has its own <c>backup</c> command.</param>
/// <param name="SourceLink">A link to the message the promise was made in (the "Track as promise" shortcut).</param>
public sealed record CreatePromiseCommand(
    string Title,
    ResolvedDue Due,
    string? Customer,
    UserId? Owner,
    string? Category,
    UserId? Backup = null,
    string? SourceLink = null) : ParsedCommand
{
    /// <summary>An explicit aim (<c>… aim Thursday noon</c>, or a form's Aim field); null: the default rule (<see cref="AimRule"/>).</summary>
    public ResolvedDue? Aim { get; init; }

    /// <summary>The hand-set risk flags (<c>… risk vendor,customer-input</c>, or the form's checkboxes).</summary>
    public Risk.RiskFlagSet Risk { get; init; }

    /// <summary>A guarantee on the promise (<c>… guarantee premium value $2,400</c>); null: none.</summary>
    public GuaranteeClause? Guarantee { get; init; }
}
