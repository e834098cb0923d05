using NodaTime;

namespace PromiseBot.Core.Retention;

/// <summary>How long closed promises are kept (<c>config retention 7 years</c>): at least a year, seven by default.</summary>
public static class RetentionRule
{
    public const int DefaultYears = 7;
    public const int MinYears = 1;
    public const int MaxYears = 100;

    /// <summary>Promises closed before this moment are past their retention at <paramref name="now"/>: the same date and
    /// time <paramref name="years"/> calendar years earlier, in UTC (29 Feb falls back to 28 Feb).</summary>
    public static Instant ClosedBefore(Instant now, int years)
    {
        if (years is < MinYears or > MaxYears)
        {
            throw new ArgumentOutOfRangeException(nameof(years), years, $"A retention is {MinYears} to {MaxYears} years.");
        }

        return now.InUtc().LocalDateTime.PlusYears(-years).InUtc().ToInstant();
    }
}
