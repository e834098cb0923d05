using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using static PromiseBot.Core.Messages.Runs;

namespace PromiseBot.Core.Risk;

/// <summary>What people read about risk: the line under a new promise, <c>show</c>'s field, list markers, <c>risk 12</c>, <c>suggest</c>, <c>away</c> and <c>help risk</c>.</summary>
public static class RiskMessages
{
    /// <summary>"High risk: depends on a vendor; 12% buffer" as a context line, or null when it is low with nothing to say.</summary>
    public static ContextBlock? Line(RiskAssessment? risk) =>
        risk is null || (risk.Level == RiskLevel.Low && risk.Indicators.Count == 0) ? null : new ContextBlock(B(RiskMatrix.LevelName(risk.Level) + " risk"), T(Reasons(risk)));

    /// <summary>A list line with its risk after it (high and medium only): " · High risk: depends on a vendor".</summary>
    public static PromiseLineBlock Marked(PromiseLineBlock line, RiskAssessment? risk)
    {
        ArgumentNullException.ThrowIfNull(line);
        return risk is null || risk.Level == RiskLevel.Low
            ? line
            : line with { Runs = [.. line.Runs, T(" · "), B(RiskMatrix.LevelName(risk.Level) + " risk"), T(Reasons(risk))] };
    }

    /// <summary>The "Risk" field of <c>show</c>.</summary>
    public static Field Field(RiskAssessment risk)
    {
        ArgumentNullException.ThrowIfNull(risk);
        return new Field("Risk", [T(risk.Summary)]);
    }

    /// <summary><c>risk 12</c>: the level, every indicator, the hand-set flags and how to change them.</summary>
    public static Reply Assessment(Promise promise, RiskAssessment? risk, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(view);
        var n = promise.Number.Value;
        if (risk is null)
        {
            return Reply.Private(ReplyTone.Info, $"{promise.Number} is closed", new TextBlock(
                T($"{promise.Number} is {PromiseTransitions.OutcomeText(promise)}, so it carries no risk any more. Its flags were: {promise.Risk.Describe()}.")));
        }

        var blocks = new List<ReplyBlock>
        {
            new TextBlock(B($"{promise.Number} "), T(promise.Title), T(": "), B(RiskMatrix.LevelName(risk.Level) + " risk")),
        };
        foreach (var indicator in risk.Indicators)
        {
            blocks.Add(new TextBlock(T($"• {indicator.Reason} ({(indicator.Weight == RiskLevel.High ? "high" : indicator.Weight == RiskLevel.Medium ? "medium" : "no weight")})")));
        }

        if (risk.Indicators.Count == 0)
        {
            blocks.Add(new TextBlock(T("Nothing raises it: within established capability, with adequate buffer.")));
        }

        blocks.Add(new ContextBlock(T($"Flags set by hand: {(promise.Risk.IsEmpty ? "none" : promise.Risk.ToText())}. Change them with "), C(view.Cmd($"risk {n} +vendor -customer-input")),
            T(". The flags: " + string.Join(", ", RiskFlags.Names) + ".")));
        return Reply.Private(ReplyTone.Info, $"{promise.Number}: {RiskMatrix.LevelName(risk.Level).ToLowerInvariant()} risk", [.. blocks]);
    }

    /// <summary>
    /// The warning under a new promise whose deadline is shorter than its category's p80, with a "Use …" button;
    /// null when it is not.
    /// </summary>
    public static IReadOnlyList<ReplyBlock> ShorterThanHistory(Promise promise, RiskAssessment? risk, Suggestion? suggestion, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(view);
        if (risk is null || !risk.Indicators.Any(i => i.Flag == RiskFlag.ShorterThanHistory)
            || suggestion is not { HasHistory: true, Record.History: { } history, Due: { } due } || due <= promise.DueAt)
        {
            return [];
        }

        var when = DueFormatter.FormatAbsolute(due, view.Zone, view.Now);
        var business = suggestion.Record.Calendar is not null;
        return
        [
            new ContextBlock(T($"#{suggestion.Record.Category} usually takes up to {RiskMatrix.Length(history.P80, business)} (the p80 of {history.Closed} kept or late in the last 90 days); "
                + $"with a {suggestion.Buffer}% buffer, promise {when}.")),
            PromiseOfferBlock.UseSuggestion(promise, due, when),
        ];
    }

    /// <summary><c>suggest #web</c>.</summary>
    public static Reply Suggestion(Suggestion suggestion, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        ArgumentNullException.ThrowIfNull(view);
        var record = suggestion.Record;
        var category = "#" + record.Category;
        if (suggestion is not { HasHistory: true, Record.History: { } history, Due: { } due })
        {
            return Reply.Private(ReplyTone.Info, $"{category}: not enough history", new TextBlock(
                T($"{category} closed {PromiseMessages.Plural(record.Delivered, "promise")} kept or late in the last 90 days; I need at least {DeliveryPercentiles.MinimumClosed} before I suggest a deadline, so I won't guess.")));
        }

        var business = record.Calendar is not null;
        var measure = business ? $"business time on the {record.Calendar!.Name} calendar (#{record.Category} has a target)" : "wall time from made to done";
        return Reply.Private(
            ReplyTone.Info,
            $"{category}: promise {DueFormatter.FormatAbsolute(due, view.Zone, view.Now)}",
            new TextBlock(B($"{category}, the last 90 days")),
            new FieldsBlock(
            [
                new("Closed", [T($"{history.Closed} kept or late, {history.OnTimePercent}% on time")]),
                new("Usually (p50)", [T(RiskMatrix.Length(history.P50, business))]),
                new("At most, 8 in 10 (p80)", [T(RiskMatrix.Length(history.P80, business))]),
                new("Suggested deadline", [B(DueFormatter.FormatAbsolute(due, view.Zone, view.Now))]),
            ]),
            new ContextBlock(T($"The p80 plus a {suggestion.Buffer}% buffer after it, for work starting now, to the close of that business day. Times are {measure}.")));
    }

    /// <summary><c>away</c>: who is away from today on.</summary>
    public static Reply AwayList(IReadOnlyList<AwayPeriod> periods, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(view);
        if (periods.Count == 0)
        {
            return Reply.Private(ReplyTone.Info, "Nobody is away", new TextBlock(T("Nobody is marked away from today on. Mark someone with ")), new ContextBlock(C(view.Cmd("away @sam 2026-12-21 to 2026-12-28"))));
        }

        var blocks = new List<ReplyBlock> { new TextBlock(B("Away")) };
        blocks.AddRange(periods.Take(40).Select(p => new TextBlock(new MentionRun(p.Person), T(" " + p.Describe()))));
        blocks.Add(new ContextBlock(T("Promises of someone away before their deadline show as high risk. Clear with "), C(view.Cmd("away @sam off"))));
        return Reply.Private(ReplyTone.Info, $"Away: {PromiseMessages.Plural(periods.Count, "period")}", [.. blocks]);
    }

    public static Reply AwaySet(AwayPeriod period, int atRisk, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(period);
        var runs = new List<TextRun> { new MentionRun(period.Person), T(" is " + period.Describe() + ".") };
        if (atRisk > 0)
        {
            runs.Add(T($" {PromiseMessages.Plural(atRisk, "open promise")} of theirs fall due by then: see "));
            runs.Add(C(view.Cmd("list risky")));
        }

        return Reply.Private(ReplyTone.Success, "Away: " + period.Describe(), new TextBlock(runs));
    }

    public static Reply AwayCleared(UserId person, int removed) =>
        Reply.Private(removed == 0 ? ReplyTone.Info : ReplyTone.Success, removed == 0 ? "Not away" : "Away cleared",
            new TextBlock(new MentionRun(person), T(removed == 0 ? " was not marked away." : " is no longer marked away.")));

    public static Reply Help(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ReplyBlock Line(string usage, string what) => new TextBlock(C(view.Cmd(usage)), T("  " + what));
        return Reply.Private(
            ReplyTone.Info,
            "Risk: which promises need a closer eye",
            [
                new HeaderBlock("Risk"),
                new TextBlock(T("Every open promise has a risk level from the service-agreement risk matrix. High: depends on a vendor, needs new skills, unclear scope, a full-refund guarantee, under 20% buffer, a deadline shorter than the category usually takes (its p80 over 90 days), or an owner away before it. Medium: needs several people, peak season, depends on customer input, complex milestones, an owner late or broken on over 30% of the category lately (of at least 5), or an owner with more than the capacity due in the same 48 hours. Any high indicator makes it high; two or more medium make it medium; otherwise low.")),
                Line("add Migrate Acme's shop by Friday #web risk vendor,customer-input", "flags set when you make it (the risk clause comes last)"),
                Line("risk 12 +vendor -customer-input", "change the flags; risk 12 shows the risk and why"),
                Line("list risky", "open promises at high or medium risk, highest first"),
                Line("suggest #web", "what the last 90 days say: p50, p80, on-time rate and the deadline to promise"),
                Line("away @sam 2026-12-21 to 2026-12-28", "mark someone away (away @sam off clears it; away lists)"),
                Line("config capacity 8", "more open promises than this due in the same 48 hours is a risk for their owner"),
                new ContextBlock(T("The flags: " + string.Join(", ", RiskFlags.Names) + ". \"proven\" records a proven pattern; it lowers nothing by itself.")),
            ]);
    }

    private static string Reasons(RiskAssessment risk) => risk.Indicators.Count == 0 ? "" : ": " + string.Join("; ", risk.Indicators.Select(i => i.Reason));
}
