using PromiseBot.Core.Dates;

namespace PromiseBot.Host.Tests.Failures;

/// <summary>A date reader with a bug: every read throws (as NodaTime did on "in 9999999 days"). Warming up works.</summary>
public sealed class ThrowingDueDateParser : IDueDateParser
{
    public DueDateResult Parse(string phrase, DateContext context) => throw new InvalidOperationException("date reader bug (test)");

    public DueDateMatch? FindTrailingDue(string text, DateContext context) => throw new InvalidOperationException("date reader bug (test)");

    public void WarmUp()
    {
    }
}
