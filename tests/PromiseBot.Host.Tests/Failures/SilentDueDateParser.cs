using PromiseBot.Core.Dates;

namespace PromiseBot.Host.Tests.Failures;

/// <summary>
/// A date reader whose recognizer lost a dependency: it throws nothing and reads nothing (what Microsoft.Recognizers
/// does without Microsoft.Extensions.Caching.Memory). Its warm-up "succeeds".
/// </summary>
public sealed class SilentDueDateParser : IDueDateParser
{
    public DueDateResult Parse(string phrase, DateContext context) =>
        new DueDateResult.Refused(DueDateProblem.Unparseable, "I couldn't read that date.", null);

    public DueDateMatch? FindTrailingDue(string text, DateContext context) => null;

    public void WarmUp()
    {
    }
}
