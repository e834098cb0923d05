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
    /// <summary>The prompt above the buttons.</summary>
    public string Prompt => Offer switch
    {
        PromiseOffer.CustomerFeedback => $"Record customer feedback for {Number}:",
        _ => $"Tell the customer how {Number} is going:",
    };

    /// <summary>The buttons: their label and the command each click runs (without the prefix).</summary>
    public IReadOnlyList<(string Label, string Command)> Buttons => Offer switch
    {
        PromiseOffer.CustomerFeedback => [.. Enumerable.Range(Feedback.CustomerFeedback.MinScore, Feedback.CustomerFeedback.MaxScore)
            .Select(s => (s.ToString(System.Globalization.CultureInfo.InvariantCulture), Command(s)))],
        _ => [("Draft customer update", Command())],
    };

    /// <summary>The command a button runs: <c>feedback 12 4</c> or <c>update 12</c>.</summary>
    public string Command(int? score = null) => Offer switch
    {
        PromiseOffer.CustomerFeedback => $"feedback {Number.Value} {score ?? Feedback.CustomerFeedback.MaxScore}",
        _ => $"update {Number.Value}",
    };
}
