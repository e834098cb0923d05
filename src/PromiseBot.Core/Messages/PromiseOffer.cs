namespace PromiseBot.Core.Messages;

/// <summary>What a <see cref="PromiseOfferBlock"/> offers. Stored by name in <see cref="ReplyJson"/>: add, never rename.</summary>
public enum PromiseOffer
{
    /// <summary>"Record customer feedback": one button per score, 1 to 5 (<c>feedback N score</c>).</summary>
    CustomerFeedback,

    /// <summary>"Draft customer update": one button that answers with the draft (<c>update N</c>).</summary>
    CustomerUpdate,

    /// <summary>"Use Fri 11 Dec 17:00": one button that moves a just-made promise to the deadline history suggests (<c>use N version instant</c>).</summary>
    UseSuggestion,
}
