namespace PromiseBot.Core.Dates;

/// <summary>Things about a reading the reply should say, so nothing is guessed silently.</summary>
[Flags]
public enum DueNotes
{
    None = 0,
    /// <summary>A bare hour ("at 9") read as the morning: the other reading was outside business hours.</summary>
    ReadAsMorning = 1,
    /// <summary>A bare hour ("at 3") read as the afternoon or evening.</summary>
    ReadAsAfternoon = 2,
    /// <summary>A time alone that had already passed today, so tomorrow's ("by 9am" at 10:30).</summary>
    NextOccurrence = 4,
    /// <summary>"midnight": the coming one, at the end of today.</summary>
    TonightAtMidnight = 8,
    /// <summary>A business word: closing time of a business day ("EOD", "COB", "end of week").</summary>
    ClosingTime = 16,
    /// <summary>"first thing": opening time of a day.</summary>
    OpeningTime = 32,
    /// <summary>Counted in business time ("in 2 business days", "within 4 business hours").</summary>
    BusinessTime = 64,
}
