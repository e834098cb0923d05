using NodaTime;

namespace PromiseBot.Core.Dates;

/// <summary>A due date the user gave and we understood, resolved to an instant in the user's zone.</summary>
/// <param name="Due">The deadline.</param>
/// <param name="TimeDefaulted">True when the user gave a date but no time and we used end of business (17:00 local).</param>
/// <param name="Phrase">The words we read as the date, as the user typed them (for "understood ..." replies).</param>
public sealed record ResolvedDue(Instant Due, bool TimeDefaulted, string Phrase);

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
}

/// <summary>The context a date phrase is read in: the current instant and the reader's IANA zone.</summary>
public sealed record DateContext(Instant Now, DateTimeZone Zone);
