using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Risk;

/// <summary>Days a person is away (<c>away @sam 2026-12-21 to 2026-12-28</c>), both included, in the workspace's zone.</summary>
public sealed record AwayPeriod(UserId Person, LocalDate First, LocalDate Last)
{
    /// <summary>"away Mon 21 Dec – Mon 28 Dec", or "away Mon 21 Dec" for one day.</summary>
    public string Describe() => First == Last ? "away " + Short(First) : $"away {Short(First)} – {Short(Last)}";

    /// <summary>Whether any of these days falls within [<paramref name="from"/>, <paramref name="to"/>] read in <paramref name="zone"/>.</summary>
    public bool Overlaps(Instant from, Instant to, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return from <= to && First <= to.InZone(zone).Date && Last >= from.InZone(zone).Date;
    }

    private static string Short(LocalDate date) => date.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture);
}
