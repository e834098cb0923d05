using NodaTime;
using NodaTime.TimeZones;

namespace PromiseBot.Core.Dates;

/// <summary>One reading of a date phrase. Readings that share a <see cref="Group"/> are the same words at different
/// occurrences (last Friday / this Friday); different groups are different interpretations (10:00 / 22:00).</summary>
internal readonly record struct DueCandidate(string Group, Instant Due, bool TimeDefaulted, DueNotes Notes = DueNotes.None);
