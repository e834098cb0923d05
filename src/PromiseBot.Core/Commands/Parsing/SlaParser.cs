using System.Globalization;
using PromiseBot.Core.Sla;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// <c>sla</c>, <c>sla #support 4 business hours [calendar uk-support]</c> (also <c>within …</c>, <c>working</c>,
/// minutes and days) and <c>sla #support off</c>. Returns null when the words are not this grammar at all ("SLA review
/// with Acme by Friday" is a promise); a recognisable command with a bad value is a <see cref="CommandError"/> naming
/// the problem, with an example.
/// </summary>
internal static class SlaParser
{
    public static ParsedCommand? Parse(string text, List<Token> tokens)
    {
        if (tokens.Count == 1)
        {
            return new ShowSlaCommand();
        }

        var tag = text.Span(tokens[1]);
        if (!CommandText.IsCategoryShaped(tag))
        {
            return null;
        }

        var category = CommandText.CategoryName(tag);
        if (category.Length > CommandText.MaxCategoryLength)
        {
            return Error($"Category names are at most {CommandText.MaxCategoryLength} characters.");
        }

        if (tokens.Count == 2)
        {
            return Error($"How long is the #{category} target? Say it in business time.");
        }

        if (tokens.Count == 3 && text.Is(tokens[2], "off"))
        {
            return new SlaOffCommand(category);
        }

        if (text.Is(tokens[2], "warn") || text.Is(tokens[2], "warnings") || text.Is(tokens[2], "warn-at"))
        {
            return Warnings(category, CommandText.Rest(text, tokens, 3));
        }

        if (text.Is(tokens[2], "buffer"))
        {
            var rest = CommandText.Rest(text, tokens, 3);
            if (rest is { } word && (word.Equals("default", StringComparison.OrdinalIgnoreCase) || word.Equals("off", StringComparison.OrdinalIgnoreCase)))
            {
                return new SetSlaBufferCommand(category, null);
            }

            var (percent, error) = BufferParser.Parse(rest, $"sla #{category} buffer 25%");
            return error ?? (ParsedCommand)new SetSlaBufferCommand(category, percent);
        }

        if (text.Is(tokens[2], "pause-on") || text.Is(tokens[2], "pauses-on"))
        {
            return PauseOn(category, CommandText.Rest(text, tokens, 3));
        }

        var at = 2;
        if (text.Is(tokens[at], "within") || text.Is(tokens[at], "in"))
        {
            at++;
        }

        if (tokens.Count < at + 3)
        {
            return Error($"I couldn't read \"{CommandText.Rest(text, tokens, 2)}\" as a target in business time.");
        }

        var count = text.Span(tokens[at]);
        if (!int.TryParse(count, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return Error($"\"{count}\" is not a whole number of business hours or days.");
        }

        if (!text.Is(tokens[at + 1], "business") && !text.Is(tokens[at + 1], "working"))
        {
            return Error("Targets count in business time: say \"business hours\" or \"business days\".");
        }

        var unit = text.Span(tokens[at + 2]).ToString().ToLowerInvariant() switch
        {
            "hour" or "hours" or "hr" or "hrs" or "h" => SlaUnit.BusinessHours,
            "day" or "days" => SlaUnit.BusinessDays,
            "minute" or "minutes" or "min" or "mins" => SlaUnit.BusinessMinutes,
            _ => (SlaUnit?)null,
        };
        if (unit is not { } u)
        {
            return Error($"\"{text.Span(tokens[at + 2])}\" is not a unit I count targets in: use minutes, hours or days.");
        }

        if (n <= 0)
        {
            return Error("A target must be more than nothing.");
        }

        if (n > SlaAmount.Max(u))
        {
            return Error($"That is more than one year of business time ({SlaAmount.Max(u):N0} {UnitWord(u)} at most).");
        }

        string? calendar = null;
        at += 3;
        if (tokens.Count > at)
        {
            if (!text.Is(tokens[at], "calendar") || tokens.Count != at + 2)
            {
                return Error($"After the target I expected \"calendar <name>\", not \"{CommandText.Rest(text, tokens, at)}\".");
            }

            calendar = text.Span(tokens[at + 1]).ToString();
            if (!CalendarParser.IsName(calendar))
            {
                return Error($"\"{calendar}\" is not a calendar name (lower-case letters, digits and dashes, like uk-support).");
            }
        }

        return new SetSlaCommand(category, new SlaAmount(n, u), calendar);
    }

    // "50%,75%", "50% 75%", "50, 75", "75%", "off"/"none": at most two shares, each 1–99 %, ascending.
    private static ParsedCommand Warnings(string category, string? rest)
    {
        var example = $"sla #{category} warn 50%,75%";
        var words = Words(rest);
        if (words.Count == 1 && words[0] is "off" or "none" or "no")
        {
            return new SetSlaWarningsCommand(category, []);
        }

        if (words.Count is 0 or > 2)
        {
            return new CommandError(
                words.Count == 0 ? $"At which shares of the #{category} target should I warn?" : "At most two warnings: the first tells the owner, the second the owner and the backup.",
                null, example);
        }

        var shares = new List<int>();
        foreach (var word in words)
        {
            var digits = word.TrimEnd('%');
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var share) || share is < 1 or > 99)
            {
                return new CommandError($"\"{word}\" is not a share of the target between 1% and 99%.", null, example);
            }

            shares.Add(share);
        }

        return shares.Count == 2 && shares[0] >= shares[1]
            ? new CommandError($"The first warning comes before the second: {shares[1]}% then {shares[0]}%?", null, $"sla #{category} warn {shares[1]}%,{shares[0]}%")
            : new SetSlaWarningsCommand(category, shares);
    }

    // "customer", "vendor", "customer,vendor", "customer and vendor", "none".
    private static ParsedCommand PauseOn(string category, string? rest)
    {
        var example = $"sla #{category} pause-on customer";
        var words = Words(rest).Where(w => w != "and").ToList();
        if (words.Count == 1 && words[0] is "none" or "nothing" or "off")
        {
            return new SetSlaPauseOnCommand(category, []);
        }

        if (words.Count == 0)
        {
            return new CommandError($"Which pauses should stop the #{category} clock: customer, vendor, both, or none?", null, example);
        }

        var reasons = new List<Promises.PauseReason>();
        foreach (var word in words)
        {
            Promises.PauseReason? reason = word switch
            {
                "customer" or "customers" or "client" => Promises.PauseReason.WaitingOnCustomer,
                "vendor" or "vendors" or "supplier" => Promises.PauseReason.WaitingOnVendor,
                _ => null,
            };
            if (reason is not { } r)
            {
                return new CommandError($"\"{word}\" is not a pause reason I know: use customer, vendor, both (customer,vendor) or none.", null, example);
            }

            if (!reasons.Contains(r))
            {
                reasons.Add(r);
            }
        }

        return new SetSlaPauseOnCommand(category, reasons.Order().ToList());
    }

    private static List<string> Words(string? rest) =>
        [.. (rest ?? "").ToLowerInvariant().Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string UnitWord(SlaUnit unit) => unit switch
    {
        SlaUnit.BusinessDays => "business days",
        SlaUnit.BusinessHours => "business hours",
        _ => "business minutes",
    };

    private static CommandError Error(string message) => new(message, null, Usage.Sla);
}
