namespace PromiseBot.Core.UseCases;

public enum ActionOutcomeKind
{
    /// <summary>The change is committed; redraw the promise as <see cref="ActionOutcome.Current"/>.</summary>
    Applied,

    /// <summary>Not allowed, or not possible in the promise's state (already done…); nothing changed.</summary>
    Refused,

    /// <summary>The promise changed since the button was drawn; nothing changed; redraw it as it is now.</summary>
    Stale,

    /// <summary>There is no such promise (any more) in this workspace.</summary>
    NotFound,

    /// <summary>The click needs more (the new date of Extend, the person of Reassign): show the form for it.</summary>
    NeedsInput,

    /// <summary>Over the inbound limits: nothing was read or changed; tell the person to slow down.</summary>
    Limited,
}
