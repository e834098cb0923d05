using NodaTime;

namespace PromiseBot.Core.Dates;

public enum DueDateProblem
{
    /// <summary>Nothing in the phrase reads as a date or time.</summary>
    Unparseable,
    /// <summary>The phrase reads as a moment that has already passed.</summary>
    InThePast,
    /// <summary>The phrase has more than one plausible reading (e.g. "at 10" — morning or evening?).</summary>
    Ambiguous,
    /// <summary>The phrase names a span, not a moment ("next week", "soon"); the message offers two concrete deadlines.</summary>
    Vague,
    /// <summary>The deadline is more than two years away, or an amount is absurdly large.</summary>
    TooFar,
    /// <summary>Only part of the deadline was read: the words before it ("by tomorrow" + "EOD") would stay in the title.</summary>
    PartlyRead,
    /// <summary>A zero or negative amount ("in 0 days", "in -2 hours").</summary>
    BadAmount,
}
