using NodaTime;

namespace PromiseBot.Core.Dates;

/// <summary>A due date the user gave and we understood, resolved to an instant in the user's zone.</summary>
/// <param name="Due">The deadline.</param>
/// <param name="TimeDefaulted">True when the user gave a date but no time and we used end of business (17:00 local).</param>
/// <param name="Phrase">The words we read as the date, as the user typed them (for "understood ..." replies).</param>
/// <param name="Notes">How we read it where a person should be told (morning, next occurrence, midnight, business words).</param>
/// <param name="WrittenIn">The zone the phrase named ("5pm PST"), when it named one; the reply shows both zones.</param>
/// <param name="Span">For "within 4 business hours" or "in 2 business days": the business time promised, so a pause or a calendar change can count it again.</param>
/// <param name="Rule">For business time, the rule applied as a person reads it: "4 business hours (Mon–Fri 09:00–17:00)".</param>
public sealed record ResolvedDue(Instant Due, bool TimeDefaulted, string Phrase, DueNotes Notes = DueNotes.None, DateTimeZone? WrittenIn = null, string? Rule = null, Sla.SlaAmount? Span = null);
