using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.UseCases;

/// <summary>
/// A click on a promise's button, or the form that button opened, on any surface: which promise, the version it was
/// drawn at, and the verb with its arguments. The version is what makes a click on an old message harmless: a
/// promise that changed since it was drawn is not changed by the click.
/// </summary>
public sealed record PromiseAction(PromiseNumber Number, int DrawnVersion, PromiseVerb Verb)
{
    /// <summary>The new due date of <see cref="PromiseVerb.Extend"/>; without it the surface is asked to show its form.</summary>
    public ResolvedDue? NewDue { get; init; }

    /// <summary>Why it was extended (optional).</summary>
    public string? Reason { get; init; }

    /// <summary>The new owner of <see cref="PromiseVerb.Reassign"/>; without it the surface is asked for one.</summary>
    public UserId? NewOwner { get; init; }
}
