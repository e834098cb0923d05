using System.Collections.Frozen;
using NodaTime;
using static PromiseBot.Core.Dates.DuePhrase;

namespace PromiseBot.Core.Dates;

/// <summary>
/// A zone named at the end of a deadline ("5pm PST", "Friday 17:00 Europe/Paris", "noon London time"). Abbreviations
/// name the zone people mean by them (EST in July still means New York's clock); one that means several zones (IST;
/// CST for a reader outside the Americas) is refused with the choices. IANA ids and cities come from NodaTime's tzdb.
/// </summary>
internal static class DeadlineZones
{
    private static readonly FrozenDictionary<string, string> Abbreviations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["EST"] = "America/New_York", ["EDT"] = "America/New_York", ["ET"] = "America/New_York",
        ["PST"] = "America/Los_Angeles", ["PDT"] = "America/Los_Angeles", ["PT"] = "America/Los_Angeles",
        ["CST"] = "America/Chicago", ["CDT"] = "America/Chicago", ["CT"] = "America/Chicago",
        ["MST"] = "America/Denver", ["MDT"] = "America/Denver", ["MT"] = "America/Denver",
        ["GMT"] = "Etc/UTC", ["UTC"] = "Etc/UTC", ["Z"] = "Etc/UTC",
        ["BST"] = "Europe/London",
        ["CET"] = "Europe/Paris", ["CEST"] = "Europe/Paris",
        ["AEST"] = "Australia/Sydney", ["AEDT"] = "Australia/Sydney",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> Ambiguous = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["IST"] = "Asia/Kolkata (India), Europe/Dublin (Ireland) or Asia/Jerusalem (Israel)",
        ["CST"] = "America/Chicago (US Central) or Asia/Shanghai (China)",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup =
        Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> AmbiguousLookup =
        Ambiguous.GetAlternateLookup<ReadOnlySpan<char>>();

    // "new york" -> America/New_York, "america/new_york" -> America/New_York; built on first use.
    private static readonly Lazy<(FrozenDictionary<string, string> Cities, FrozenDictionary<string, string> Ids)> Tzdb = new(() =>
    {
        var cities = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in DateTimeZoneProviders.Tzdb.Ids)
        {
            ids[id] = id;
            var slash = id.LastIndexOf('/');
            if (slash > 0 && !id.StartsWith("Etc/", StringComparison.Ordinal))
            {
                cities.TryAdd(id[(slash + 1)..].Replace('_', ' '), id);
            }
        }

        return (cities.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), ids.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    });

    /// <summary>
    /// When the last words of <paramref name="s"/> name a zone, <paramref name="start"/> is where they begin and
    /// either <paramref name="zone"/> is set or <paramref name="refusal"/> lists the choices.
    /// </summary>
    public static bool TryTrailing(
        ReadOnlySpan<char> s, ReadOnlySpan<Range> parts, DateContext context,
        out int start, out DateTimeZone? zone, out DueDateResult.Refused? refusal)
    {
        start = 0;
        zone = null;
        refusal = null;
        var n = parts.Length;
        if (n < 2)
        {
            return false;
        }

        var last = s[parts[n - 1]];
        if (last.Length <= 4 && IsUpperOrLower(last))
        {
            if (AmbiguousLookup.TryGetValue(last, out var choices)
                && !(Is(last, "CST") && context.Zone.Id.StartsWith("America/", StringComparison.Ordinal)))
            {
                start = parts[n - 1].Start.Value;
                refusal = new DueDateResult.Refused(
                    DueDateProblem.Ambiguous,
                    $"\"{last}\" is the name of more than one time zone: {choices}. Write the zone, for example \"{s[..start].TrimEnd()} {FirstChoice(choices)}\".",
                    choices);
                return true;
            }

            if (AbbreviationLookup.TryGetValue(last, out var id))
            {
                start = parts[n - 1].Start.Value;
                zone = DateTimeZoneProviders.Tzdb[id];
                return true;
            }
        }

        if (last.Contains('/') && Tzdb.Value.Ids.TryGetValue(last.ToString(), out var ianaId))
        {
            start = parts[n - 1].Start.Value;
            zone = DateTimeZoneProviders.Tzdb[ianaId];
            return true;
        }

        if (Is(last, "time") && n >= 3)
        {
            // "London time", "New York time", "Buenos Aires time": up to three words of city.
            for (var words = Math.Min(3, n - 2); words >= 1; words--)
            {
                var from = parts[n - 1 - words].Start.Value;
                var city = s[from..parts[n - 2].End.Value].ToString();
                if (Tzdb.Value.Cities.TryGetValue(city, out var cityId))
                {
                    start = from;
                    zone = DateTimeZoneProviders.Tzdb[cityId];
                    return true;
                }
            }
        }

        return false;
    }

    private static string FirstChoice(string choices) => choices[..choices.IndexOf(' ')];

    /// <summary>"EST" or "est", not "Est" (a title word is more likely mixed case).</summary>
    private static bool IsUpperOrLower(ReadOnlySpan<char> word)
    {
        bool upper = true, lower = true;
        foreach (var c in word)
        {
            upper &= char.IsAsciiLetterUpper(c);
            lower &= char.IsAsciiLetterLower(c);
        }

        return upper || lower;
    }
}
