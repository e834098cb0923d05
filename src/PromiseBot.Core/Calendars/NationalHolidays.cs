using NodaTime;
using PublicHoliday;

namespace PromiseBot.Core.Calendars;

/// <summary>
/// National public holidays from the <c>PublicHoliday</c> package (computed, no I/O), by country code. The dates are
/// the days off (a holiday on a weekend gives its observed weekday where the country moves it) and the names are the
/// package's.
/// </summary>
public static class NationalHolidays
{
    private static readonly Dictionary<string, (string Code, string Name, Func<IPublicHolidays> Source)> Countries = Build();

    /// <summary>The codes accepted, for hints: "US, UK, CA, …".</summary>
    public static string Known => string.Join(", ", Countries.Values.Select(c => c.Code).Distinct());

    /// <summary>The canonical code for <paramref name="typed"/> (US, USA; UK, GB; …), or null when unknown.</summary>
    public static string? Resolve(string typed) =>
        Countries.TryGetValue(typed.Trim().ToUpperInvariant(), out var country) ? country.Code : null;

    /// <summary>The country's name for replies ("the United States").</summary>
    public static string NameOf(string code) => Countries[code].Name;

    /// <summary>The holidays of <paramref name="year"/> by local date; <paramref name="code"/> from <see cref="Resolve"/>.</summary>
    public static IReadOnlyDictionary<LocalDate, string> For(string code, int year)
    {
        var result = new SortedDictionary<LocalDate, string>();
        foreach (var (date, name) in Countries[code].Source().PublicHolidayNames(year))
        {
            result.TryAdd(LocalDate.FromDateTime(date), name);
        }

        return result;
    }

    private static Dictionary<string, (string, string, Func<IPublicHolidays>)> Build()
    {
        var map = new Dictionary<string, (string, string, Func<IPublicHolidays>)>(StringComparer.Ordinal);
        void Add(string code, string name, Func<IPublicHolidays> source, params string[] aliases)
        {
            map[code] = (code, name, source);
            foreach (var alias in aliases)
            {
                map[alias] = (code, name, source);
            }
        }

        Add("US", "the United States", () => new USAPublicHoliday(), "USA");
        Add("UK", "the United Kingdom (England and Wales)", () => new UKBankHoliday(), "GB");
        Add("CA", "Canada", () => new CanadaPublicHoliday());
        Add("AU", "Australia", () => new AustraliaPublicHoliday());
        Add("DE", "Germany", () => new GermanPublicHoliday());
        Add("FR", "France", () => new FrancePublicHoliday());
        Add("NL", "the Netherlands", () => new DutchPublicHoliday());
        Add("IE", "Ireland", () => new IrelandPublicHoliday());
        Add("NZ", "New Zealand", () => new NewZealandPublicHoliday());
        Add("ES", "Spain", () => new SpainPublicHoliday());
        Add("IT", "Italy", () => new ItalyPublicHoliday());
        Add("BE", "Belgium", () => new BelgiumPublicHoliday());
        Add("AT", "Austria", () => new AustriaPublicHoliday());
        Add("SE", "Sweden", () => new SwedenPublicHoliday());
        Add("NO", "Norway", () => new NorwayPublicHoliday());
        Add("DK", "Denmark", () => new DenmarkPublicHoliday());
        Add("FI", "Finland", () => new FinlandPublicHoliday());
        return map;
    }
}
