using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>
/// Buttons that run a follow-up command on a promise (<see cref="PromiseOffer"/>): the customer-feedback scores under
/// a done confirmation, the customer-update draft under an at-risk alert. A click runs the same command as typing it
/// (<see cref="Command"/>), as the person who clicked, so it needs no version: the command checks the promise's state.
/// Surfaces that cannot draw buttons show the command to type instead.
/// </summary>
public sealed record PromiseOfferBlock(PromiseNumber Number, PromiseOffer Offer) : ReplyBlock
{
    /// <summary><see cref="PromiseOffer.UseSuggestion"/>: the suggested deadline.</summary>
    public NodaTime.Instant? Due { get; init; }

    /// <summary><see cref="PromiseOffer.UseSuggestion"/>: the promise's version when it was suggested; a promise changed since is left alone.</summary>
    public int? Version { get; init; }

    /// <summary><see cref="PromiseOffer.UseSuggestion"/>: the deadline as the reader reads it ("Fri 11 Dec 17:00").</summary>
    public string? Label { get; init; }

    /// <summary>A "Use …" button for a promise just made shorter than its category's history.</summary>
    public static PromiseOfferBlock UseSuggestion(Promise promise, NodaTime.Instant due, string label)
    {
        ArgumentNullException.ThrowIfNull(promise);
        return new PromiseOfferBlock(promise.Number, PromiseOffer.UseSuggestion) { Due = due, Version = promise.Version, Label = label };
    }

    /// <summary>The prompt above the buttons.</summary>
    public string Prompt => Offer switch
    {
        PromiseOffer.CustomerFeedback => $"Record customer feedback for {Number}:",
        PromiseOffer.UseSuggestion => $"Give {Number} the deadline history suggests:",
        _ => $"Tell the customer how {Number} is going:",
    };

    /// <summary>The buttons: their label and the command each click runs (without the prefix).</summary>
    public IReadOnlyList<(string Label, string Command)> Buttons => Offer switch
    {
        PromiseOffer.CustomerFeedback => [.. Enumerable.Range(Feedback.CustomerFeedback.MinScore, Feedback.CustomerFeedback.MaxScore)
            .Select(s => (s.ToString(System.Globalization.CultureInfo.InvariantCulture), Command(s)))],
        PromiseOffer.UseSuggestion => [("Use " + (Label ?? "the suggestion"), Command())],
        _ => [("Draft customer update", Command())],
    };

    /// <summary>The command a button runs: <c>feedback 12 4</c>, <c>update 12</c> or <c>use 12 1 2026-12-11T16:00:00Z</c>.</summary>
    public string Command(int? score = null) => Offer switch
    {
        PromiseOffer.CustomerFeedback => $"feedback {Number.Value} {score ?? Feedback.CustomerFeedback.MaxScore}",
        PromiseOffer.UseSuggestion => $"use {Number.Value} {Version ?? 0} {(Due is { } due ? NodaTime.Text.InstantPattern.General.Format(due) : "")}",
        _ => $"update {Number.Value}",
    };
}
