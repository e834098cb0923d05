using NodaTime;

namespace PromiseBot.Core.Risk;

/// <summary>
/// <c>suggest #web</c>: the category's record and, when there is enough history, the deadline to promise for work
/// starting now (the aim at the p80, the buffer after it, rounded up to a business day's close) with the buffer used.
/// </summary>
public sealed record Suggestion(CategoryRecord Record, Instant? Due, int Buffer)
{
    public bool HasHistory => Record.History is not null && Due is not null;
}
