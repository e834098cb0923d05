using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary>
/// A submitted new-promise form, as its surface read it. <see cref="Due"/> is null when the surface could not read
/// a moment from its date inputs; <see cref="DueProblem"/> then says why, in the person's words.
/// </summary>
public sealed record PromiseFormInput(string? Title, ResolvedDue? Due, string? Customer, string? Category, UserId Owner, UserId? Backup)
{
    /// <summary>Why the surface could not read the due date (its own widgets), shown under the due field.</summary>
    public string? DueProblem { get; init; }

    /// <summary>An optional aim before the deadline, as the surface read it (<see cref="Promises.AimRule"/>); null: the default.</summary>
    public ResolvedDue? Aim { get; init; }

    /// <summary>Why the surface could not read the aim (<see cref="PromiseForm.ReadAim"/>), shown under the aim field.</summary>
    public string? AimProblem { get; init; }

    /// <summary>The risk flags ticked in the form (<see cref="PromiseForm.ReadRisk"/>).</summary>
    public Risk.RiskFlagSet Risk { get; init; }

    /// <summary>A link to what the promise came from (the message a shortcut was used on).</summary>
    public string? SourceLink { get; init; }
}
