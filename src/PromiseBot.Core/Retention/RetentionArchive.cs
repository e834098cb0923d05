using NodaTime;

namespace PromiseBot.Core.Retention;

/// <summary>
/// One batch the retention job deleted: its promises (numbers <paramref name="FirstNumber"/> to
/// <paramref name="LastNumber"/>, <paramref name="Promises"/> of them) with every row that belonged to them, as a JSON
/// document (<paramref name="Json"/>, UTF-8: an object of table name to rows).
/// </summary>
public sealed record RetentionArchive(long Id, Instant ArchivedAt, Instant ClosedBefore, int Promises, long FirstNumber, long LastNumber, byte[] Json);
