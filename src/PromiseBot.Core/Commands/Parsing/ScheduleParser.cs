using System.Globalization;
using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Scheduling;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// <c>digest [on [HH:MM] [weekdays|daily] [zone] [quiet] | off | settings]</c> and
/// <c>config [manager @user | quiet HH:MM-HH:MM | reminders 24h,4h | timezone Zone]</c>.
/// Returns null when the words after the verb are not this grammar at all, so "Digest the logs by Friday" can still
/// be read as a promise; a recognisable setting with a bad value is a <see cref="CommandError"/> with a hint.
/// </summary>
internal static class ScheduleParser
{
    private static readonly Duration MinOffset = Duration.FromMinutes(15);
    private static readonly Duration MaxOffset = Duration.FromDays(14);

    public static ParsedCommand? ParseDigest(string text, List<Token> tokens)
    {
        if (tokens.Count == 1)
        {
            return new DigestNowCommand();
        }

        var sub = text.Span(tokens[1]).ToString().ToLowerInvariant();
        switch (sub)
        {
            case "now" or "preview" when tokens.Count == 2:
                return new DigestNowCommand();
            case "off" when tokens.Count == 2:
                return new DigestOffCommand();
            case "settings" when tokens.Count == 2:
                return new DigestSettingsCommand();
            case "off" or "settings" or "now" or "preview":
                return new CommandError($"\"digest {sub}\" takes nothing after it.", null, "digest " + sub);
            case "on":
                return ParseDigestOn(text, tokens);
            default:
                return null;
        }
    }

    private static ParsedCommand ParseDigestOn(string text, List<Token> tokens)
    {
        LocalTime? time = null;
        DigestDays? days = null;
        string? zone = null;
        var quiet = false;
        for (var i = 2; i < tokens.Count; i++)
        {
            var word = text.Span(tokens[i]).ToString();
            var lower = word.ToLowerInvariant();
            if (LooksLikeTime(word))
            {
                if (TryTime(word, out var t) is { } timeError)
                {
                    return new CommandError(timeError, null, Usage.DigestOn);
                }

                if (time is not null)
                {
                    return new CommandError("Give the time once.", null, Usage.DigestOn);
                }

                time = t;
            }
            else if (lower is "weekdays" or "daily")
            {
                if (days is not null)
                {
                    return new CommandError("Choose weekdays or daily, once.", null, Usage.DigestOn);
                }

                days = lower == "daily" ? DigestDays.Daily : DigestDays.Weekdays;
            }
            else if (lower == "quiet")
            {
                quiet = true;
            }
            else if (LooksLikeZone(word))
            {
                if (TryZone(word, out var id) is { } zoneError)
                {
                    return new CommandError(zoneError, null, Usage.DigestOn);
                }

                zone = id;
            }
            else
            {
                return new CommandError(
                    $"I can't read \"{CommandText.Excerpt(word)}\" in a digest setting. Give a time (HH:MM, 24-hour), weekdays or daily, a time zone, or quiet.",
                    null,
                    Usage.DigestOn);
            }
        }

        return new DigestOnCommand(time, days, zone, quiet);
    }

    public static ParsedCommand? ParseConfig(string text, List<Token> tokens)
    {
        if (tokens.Count == 1)
        {
            return new ShowConfigCommand();
        }

        var sub = text.Span(tokens[1]).ToString().ToLowerInvariant();
        var rest = CommandText.Rest(text, tokens, 2);
        switch (sub)
        {
            case "manager":
                if (tokens.Count == 3 && CommandText.TryMention(text.Span(tokens[2]), out var manager))
                {
                    return new SetManagerCommand(manager);
                }

                return new CommandError(
                    rest is null ? "Who is the manager? Mention exactly one person." : $"I don't know a user \"{CommandText.Excerpt(rest)}\". Mention exactly one person.",
                    null,
                    Usage.Manager);
            case "quiet":
                return ParseQuiet(rest);
            case "reminders":
                return ParseReminders(rest);
            case "buffer":
            {
                var (percent, bufferError) = BufferParser.Parse(rest, Usage.Buffer);
                return bufferError ?? (ParsedCommand)new SetBufferCommand(percent!.Value);
            }
            case "capacity":
                return ParseCapacity(rest);
            case "retention":
                return DataParser.ParseRetention(rest);
            case "timezone" or "zone" or "tz":
                if (tokens.Count != 3)
                {
                    return new CommandError("Which time zone? Give one IANA name.", null, Usage.TimeZone);
                }

                return TryZone(text.Span(tokens[2]).ToString(), out var id) is { } error
                    ? new CommandError(error, null, Usage.TimeZone)
                    : new SetTimeZoneCommand(id);
            default:
                return null;
        }
    }

    /// <summary>The most open promises one owner may hold due in the same 48 hours before it counts as a risk.</summary>
    public const int MaxCapacity = 1000;

    private static ParsedCommand ParseCapacity(string? rest)
    {
        if (rest is null)
        {
            return new CommandError("How many promises due in the same 48 hours can one person carry? Give a whole number, or \"off\".", null, Usage.Capacity);
        }

        if (rest.Equals("off", StringComparison.OrdinalIgnoreCase) || rest.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return new SetCapacityCommand(null);
        }

        return int.TryParse(rest, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var capacity) && capacity is >= 1 and <= MaxCapacity
            ? new SetCapacityCommand(capacity)
            : new CommandError($"I can't read \"{CommandText.Excerpt(rest)}\" as a capacity; give a whole number from 1 to {MaxCapacity:N0}, or \"off\".", null, Usage.Capacity);
    }

    private static ParsedCommand ParseQuiet(string? rest)
    {
        if (rest is null)
        {
            return new CommandError("From when to when? Give two 24-hour times.", null, Usage.Quiet);
        }

        var compact = rest.Replace(" ", "", StringComparison.Ordinal);
        if (compact.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return new SetQuietHoursCommand(LocalTime.Midnight, LocalTime.Midnight);
        }

        var dash = compact.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return new CommandError($"I can't read \"{CommandText.Excerpt(rest)}\" as quiet hours; give start-end, or off.", null, Usage.Quiet);
        }

        if (TryTime(compact[..dash], out var start) is { } startError)
        {
            return new CommandError(startError, null, Usage.Quiet);
        }

        if (TryTime(compact[(dash + 1)..], out var end) is { } endError)
        {
            return new CommandError(endError, null, Usage.Quiet);
        }

        return start == end
            ? new CommandError("Quiet hours need different start and end times (or \"config quiet off\").", null, Usage.Quiet)
            : new SetQuietHoursCommand(start, end);
    }

    private static ParsedCommand ParseReminders(string? rest)
    {
        var parts = (rest ?? "").Replace(" ", "", StringComparison.Ordinal).Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return new CommandError("Give two offsets before the due time: the reminder, then the at-risk warning.", null, Usage.Reminders);
        }

        var offsets = new Duration[2];
        for (var i = 0; i < 2; i++)
        {
            if (!TryOffset(parts[i], out offsets[i]))
            {
                return new CommandError($"I can't read \"{CommandText.Excerpt(parts[i])}\" as a time before due; use minutes, hours or days like 30m, 4h, 2d.", null, Usage.Reminders);
            }

            if (offsets[i] < MinOffset || offsets[i] > MaxOffset)
            {
                return new CommandError("Each offset must be between 15 minutes and 14 days.", null, Usage.Reminders);
            }
        }

        return offsets[0] <= offsets[1]
            ? new CommandError("The reminder comes first, so it must be further before due than the at-risk warning (e.g. 24h,4h).", null, Usage.Reminders)
            : new SetRemindersCommand(offsets[0], offsets[1]);
    }

    private static bool TryOffset(string text, out Duration offset)
    {
        offset = default;
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 100_000)
        {
            return false;
        }

        offset = char.ToLowerInvariant(text[^1]) switch
        {
            'm' => Duration.FromMinutes(value),
            'h' => Duration.FromHours(value),
            'd' => Duration.FromDays(value),
            _ => Duration.Zero,
        };
        return offset != Duration.Zero || text[^1] is 'm' or 'h' or 'd';
    }

    private static bool LooksLikeTime(string word) =>
        word.Length > 0 && char.IsAsciiDigit(word[0]) && (word.Contains(':', StringComparison.Ordinal) || HasMeridiem(word));

    private static bool HasMeridiem(string word) =>
        word.EndsWith("am", StringComparison.OrdinalIgnoreCase) || word.EndsWith("pm", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// 24-hour HH:MM or H:MM, or 12-hour with am/pm (9am, 9:30pm, 12am = midnight). Returns an error message, or null
    /// with <paramref name="time"/> set.
    /// </summary>
    internal static string? TryTime(string word, out LocalTime time)
    {
        time = default;
        var meridiem = HasMeridiem(word) ? char.ToLowerInvariant(word[^2]) : '\0';
        var clock = meridiem == '\0' ? word : word[..^2];
        var colon = clock.IndexOf(':', StringComparison.Ordinal);
        var hourText = colon < 0 ? clock : clock[..colon];
        var minuteText = colon < 0 ? "00" : clock[(colon + 1)..];
        if ((colon < 0 && meridiem == '\0') || hourText.Length is < 1 or > 2 || minuteText.Length != 2
            || !int.TryParse(hourText, NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(minuteText, NumberStyles.None, CultureInfo.InvariantCulture, out var minute))
        {
            return $"I can't read \"{CommandText.Excerpt(word)}\" as a time; use 24-hour HH:MM like 09:00, or 9am.";
        }

        if (meridiem != '\0')
        {
            if (hour is < 1 or > 12 || minute > 59)
            {
                return $"{word} isn't a time of day; with am/pm the hour runs from 1 to 12 (9am, 12:30pm).";
            }

            hour = (hour % 12) + (meridiem == 'p' ? 12 : 0);
        }
        else if (hour > 23 || minute > 59)
        {
            return $"{word} isn't a time of day; use 24-hour HH:MM from 00:00 to 23:59.";
        }

        time = new LocalTime(hour, minute);
        return null;
    }

    private static bool LooksLikeZone(string word) =>
        word.Contains('/', StringComparison.Ordinal) || word.Equals("UTC", StringComparison.OrdinalIgnoreCase);

    internal static string? TryZone(string word, out string id)
    {
        var zone = Zones.Resolve(word);
        id = zone?.Id ?? "";
        return zone is null
            ? $"I don't know the time zone \"{CommandText.Excerpt(word)}\". Use an IANA name such as America/New_York, Europe/London or UTC."
            : null;
    }
}
