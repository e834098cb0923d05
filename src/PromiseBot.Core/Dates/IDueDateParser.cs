namespace PromiseBot.Core.Dates;

/// <summary>
/// Reads natural-language deadlines ("Friday 5pm", "in 3 days", "end of month") in the user's zone.
/// A phrase that is past, ambiguous or unreadable comes back as <see cref="DueDateResult.Refused"/>, never as a guess.
/// </summary>
public interface IDueDateParser
{
    /// <summary>
    /// Reads <paramref name="phrase"/>, which must be a date/time expression as a whole (a leading "by", "on", "at",
    /// "before" or "due" is allowed and ignored). Anything left over makes it <see cref="DueDateProblem.Unparseable"/>.
    /// </summary>
    DueDateResult Parse(string phrase, DateContext context);

    /// <summary>
    /// Finds the longest date phrase that ends <paramref name="text"/> ("Call back Dana at Globex <b>tomorrow 10am</b>").
    /// The phrase starts at a word boundary and never at, or before, the words "by", "before", "due", "for", "until"
    /// or "till" (those belong to the grammar around it). Returns null when no trailing words read as a date; a phrase
    /// that reads as a date but is refused (past, ambiguous) is returned with its refusal.
    /// </summary>
    DueDateMatch? FindTrailingDue(string text, DateContext context);

    /// <summary>
    /// Builds the expensive recognizer model and runs it once, so the first real request is fast. Throws when a known
    /// phrase does not come back as its known answer (a broken recognizer must not report healthy).
    /// </summary>
    void WarmUp();
}
