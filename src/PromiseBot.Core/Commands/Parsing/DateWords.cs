using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// A calendar date written out in a command: 2026-12-25, 25 Dec 2026, Dec 25 2026 (Dec 25, 2026), and where the
/// command allows it without the year: 25 Dec, Dec 25, 25th December. The one reader for holidays and report ranges.
/// </summary>
internal static class DateWords
{
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;
    private static readonly Dictionary<string, int> MonthWords = BuildMonths();

    /// <summary>
    /// Reads a date starting at args[from]. Returns null and the date, how many words it took and whether the year was
    /// written; or the problem, in words for the person. Without the year (only when <paramref name="yearRequired"/> is
    /// false) the date carries year 2000 as a placeholder: the caller decides which year is meant and says so.
    /// </summary>
    public static string? Read(List<string> args, int from, bool yearRequired, out LocalDate date, out int used, out bool yearGiven)
    {
        date = default;
        used = 0;
        yearGiven = true;
        if (from >= args.Count)
        {
            return yearRequired ? "Which date? Write it as 2026-12-25 or 25 Dec 2026." : "Which date? Write it as 25 Dec or 2026-12-25.";
        }

        var first = args[from];
        if (first.Length > 0 && char.IsAsciiDigit(first[0]) && first.Contains('-', StringComparison.Ordinal))
        {
            var iso = IsoDate.Parse(first);
            if (!iso.Success || first.Length != 10)
            {
                return BadDate(first, yearRequired);
            }

            date = iso.Value;
            used = 1;
            return YearInRange(date);
        }

        if (args.Count - from >= 2)
        {
            var a = args[from].TrimEnd(',').ToLowerInvariant();
            var b = args[from + 1].TrimEnd(',').ToLowerInvariant();
            var (dayText, monthText) = MonthWords.ContainsKey(a) ? (b, a) : (a, b);
            if (MonthWords.TryGetValue(monthText, out var month) && TryDay(dayText, out var day))
            {
                var yearText = args.Count - from >= 3 ? args[from + 2] : "";
                if (yearText.Length == 4 && int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                {
                    used = 3;
                }
                else if (yearRequired)
                {
                    return BadDate(string.Join(' ', args.Skip(from).Take(3)), yearRequired);
                }
                else
                {
                    // 2000 is a leap year, so 29 Feb is kept until the caller picks the year.
                    year = 2000;
                    used = 2;
                    yearGiven = false;
                }

                if (day > CalendarSystem.Iso.GetDaysInMonth(year, month))
                {
                    return $"{CommandText.Excerpt(string.Join(' ', args.Skip(from).Take(used)))} isn't a date: that month has {CalendarSystem.Iso.GetDaysInMonth(year, month)} days.";
                }

                date = new LocalDate(year, month, day);
                return yearGiven ? YearInRange(date) : null;
            }
        }

        return BadDate(string.Join(' ', args.Skip(from).Take(3)), yearRequired);
    }

    /// <summary>"nov", "November", "sept": a month's name or its three-letter short form.</summary>
    public static bool IsMonth(string word) => MonthWords.ContainsKey(word.TrimEnd(',').ToLowerInvariant());

    /// <summary>"1", "15th", "3rd": a day of the month as written after a month name.</summary>
    public static bool IsDayNumber(string word) => TryDay(word.TrimEnd(',').ToLowerInvariant(), out _);

    /// <summary>The month number of a name <see cref="IsMonth"/> accepts.</summary>
    public static int MonthOf(string word) => MonthWords[word.TrimEnd(',').ToLowerInvariant()];

    private static string? YearInRange(LocalDate date) =>
        date.Year is >= 2000 and <= 2100 ? null : $"{date.Year} is out of range; give a date from 2000 to 2100.";

    private static string BadDate(string text, bool yearRequired) => yearRequired
        ? $"I can't read \"{CommandText.Excerpt(text)}\" as a date; write it as 2026-12-25 or 25 Dec 2026."
        : $"I can't read \"{CommandText.Excerpt(text)}\" as a date; write it as 25 Dec, 25 Dec 2026 or 2026-12-25.";

    private static bool TryDay(string text, out int day)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["st", "nd", "rd", "th"])
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                text = text[..^2];
                break;
            }
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out day) && day is >= 1 and <= 31 && text.Length <= 2;
    }

    private static Dictionary<string, int> BuildMonths()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
        for (var m = 1; m <= 12; m++)
        {
            var full = names[m - 1].ToLowerInvariant();
            map[full] = m;
            map[full[..3]] = m;
        }

        map["sept"] = 9;
        return map;
    }
}
