using PromiseBot.Core.UseCases;

namespace PromiseBot.Teams.Activities;

/// <summary>
/// A promise button pressed on a card, read from its data: the neutral <see cref="PromiseAction"/> (number, the
/// version the card was drawn at, verb) and what the Teams side needs to answer it.
/// </summary>
/// <param name="Action">For Core. A card drawn before buttons carried a version has
/// <see cref="CardVerbs.UnknownVersion"/>, which no promise has: it is answered as stale (redrawn, nothing changed).</param>
/// <param name="DuePhrase">Extend: the picked date as the grammar reads it ("27 Nov 2026"); null when none was picked.</param>
public sealed record CardClick(PromiseAction Action, string? DuePhrase)
{
    /// <summary>The clicked card's promise numbers in order, when it shows several (else empty): the answer is the
    /// same card with only the clicked row redrawn.</summary>
    public IReadOnlyList<int> Rows { get; init; } = [];

    /// <summary>The card's title line, to draw above the rows again.</summary>
    public string? Title { get; init; }

    public int Number => Action.Number.Value;

    /// <summary>False for a card from before versions were carried.</summary>
    public bool VersionKnown => Action.DrawnVersion != CardVerbs.UnknownVersion;
}
