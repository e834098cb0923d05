using NodaTime;

namespace PromiseBot.Core.Dates;

/// <summary>A due date the user gave and we understood, resolved to an instant in the user's zone.</summary>
/// <param name="Due">The deadline.</param>
/// <param name="TimeDefaulted">True when the user gave a date but no time and we used end of business (17:00 local).</param>
/// <param name="Phrase">The words we read as the date, as the user typed them (for "understood ..." replies).</param>
/// <param name="Notes">How we read it where a person should be told (morning, next occurrence, midnight, business words).</param>
/// <param name="WrittenIn">The zone the phrase named ("5pm PST"), when it named one; the reply shows both zones.</param>
public sealed record ResolvedDue(Instant Due, bool TimeDefaulted, string Phrase, DueNotes Notes = DueNotes.None, DateTimeZone? WrittenIn = null);

/// <summary>Outcome of reading a date phrase: either a <see cref="ResolvedDue"/> or a reason it was refused.</summary>
public abstract record DueDateResult
{
    public sealed record Ok(ResolvedDue Value) : DueDateResult;

    public sealed record Refused(DueDateProblem Problem, string Message, string? Understood) : DueDateResult;
}

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

/// <summary>The context a date phrase is read in: the current instant, the reader's IANA zone and the business hours
/// that business words ("EOD", "in 2 business days") count in (<see cref="BusinessWeek.Default"/> when not given).</summary>
public sealed record DateContext(Instant Now, DateTimeZone Zone, IBusinessHours? Hours = null)
{
    public IBusinessHours BusinessHours => Hours ?? BusinessWeek.Default;
}
