using System.Globalization;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Sla;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Reports;

/// <summary>A report as a message: the headline rate, the outcomes, lateness, the tables, what needs a recovery note, next week's load.</summary>
public static class ReportMessages
{
    /// <summary>Rows shown per table; the rest are counted ("and 3 more").</summary>
    public const int TableRows = 5;

    /// <param name="prefix">What goes before a command in a hint (<see cref="PromiseMessages.PrefixFor(Commands.ChatPlatform, bool)"/>).</param>
    public static Reply Render(FulfilmentReport report, ReportFilter filter, string prefix)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(prefix);
        var title = "Fulfilment report · " + report.Period.Label + Scope(filter);
        var tally = report.Tally;
        if (tally.Total == 0)
        {
            var none = report.StillToCome == 0
                ? $"No promises were due or closed in {report.Period.Label}{Scope(filter)}."
                : $"Nothing was due or closed yet in {report.Period.Label}{Scope(filter)}; {Count(report.StillToCome, "promise is", "promises are")} still to come.";
            return Reply.Private(ReplyTone.Info, none, new TextBlock(new PlainRun(none)));
        }

        var blocks = new List<ReplyBlock>
        {
            new HeaderBlock(title),
            new TextBlock(new BoldRun(Headline(tally)), new PlainRun(" " + Breakdown(tally))),
        };

        var details = new List<string>();
        if (tally.InsideBuffer > 0)
        {
            details.Add($"Kept inside the buffer (after the aim, by the deadline): {tally.InsideBuffer.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (report.AverageLateness is { } average && report.P90Lateness is { } p90)
        {
            details.Add($"Lateness: {BusinessTimeLeft.Wall(average)} on average, {BusinessTimeLeft.Wall(p90)} at the 90th percentile.");
        }

        if (report.StillToCome > 0)
        {
            details.Add($"Still to come in this period: {report.StillToCome.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (details.Count > 0)
        {
            blocks.Add(new TextBlock(new PlainRun(string.Join(" ", details))));
        }

        if (filter.Category is null && report.ByCategory.Count > 1)
        {
            blocks.Add(Table("By category", report.ByCategory, g => [new PlainRun(g.Key == FulfilmentCalculator.NoCategory ? g.Key : "#" + g.Key)]));
        }

        if (filter.Owner is null && report.ByOwner.Count > 1)
        {
            blocks.Add(Table("By owner", report.ByOwner, g => [new MentionRun(new UserId(g.Key))]));
        }

        foreach (var drop in report.Drops)
        {
            var name = drop.Category == FulfilmentCalculator.NoCategory ? "Promises with no category are" : "#" + drop.Category + " is";
            blocks.Add(new TextBlock(
                new BoldRun("Heads-up: "),
                new PlainRun($"{name} at {drop.NowPercent.ToString(CultureInfo.InvariantCulture)}% on time, down from {drop.BeforePercent.ToString(CultureInfo.InvariantCulture)}% over the previous four weeks.")));
        }

        if (report.Causes.Count > 0)
        {
            blocks.Add(new TextBlock(
                new BoldRun("Recurring delay causes: "),
                new PlainRun(string.Join(" · ", report.Causes.Select(c => $"{c.Reason} ×{c.Count.ToString(CultureInfo.InvariantCulture)} ({c.Source})")))));
        }

        if (report.Satisfaction.Count > 0)
        {
            var runs = new List<TextRun> { new BoldRun("Customer feedback against on time:") };
            foreach (var s in report.Satisfaction.Take(TableRows))
            {
                var name = s.Category == FulfilmentCalculator.NoCategory ? s.Category : "#" + s.Category;
                var rate = s.OnTimePercent is { } p ? $"{p.ToString(CultureInfo.InvariantCulture)}% on time" : "nothing judged";
                runs.Add(new PlainRun($"\n• {name} — {(s.AverageTenths / 10).ToString(CultureInfo.InvariantCulture)}.{(s.AverageTenths % 10).ToString(CultureInfo.InvariantCulture)} of 5 ({Count(s.Scores, "score", "scores")}), {rate}"));
            }

            blocks.Add(new TextBlock([.. runs]));
        }

        if (report.Compliance.Count > 0)
        {
            blocks.Add(new TextBlock(
                new BoldRun("Service levels: "),
                new PlainRun(string.Join(" · ", report.Compliance.Take(TableRows).Select(t =>
                    $"#{t.Category} {t.OnTime.ToString(CultureInfo.InvariantCulture)} of {t.Judged.ToString(CultureInfo.InvariantCulture)} within target ({t.Percent.ToString(CultureInfo.InvariantCulture)}%)")))));
        }

        if (report.BreachesWithoutRecoveryNote.Count > 0)
        {
            var numbers = string.Join(", ", report.BreachesWithoutRecoveryNote.Select(n => "#" + n.Value.ToString(CultureInfo.InvariantCulture)));
            blocks.Add(new TextBlock(
                new BoldRun("No recovery note yet: "),
                new PlainRun($"{numbers} (write one with {PromiseMessages.Cmd(prefix, "recover " + report.BreachesWithoutRecoveryNote[0].Value.ToString(CultureInfo.InvariantCulture) + " cause …")})")));
        }

        if (report.NextWeek.Count > 0)
        {
            var runs = new List<TextRun> { new BoldRun("Next week: ") };
            foreach (var (load, i) in report.NextWeek.Take(TableRows).Select((l, i) => (l, i)))
            {
                if (i > 0)
                {
                    runs.Add(new PlainRun(" · "));
                }

                runs.Add(new MentionRun(load.Owner));
                runs.Add(new PlainRun(" " + LoadWords(load)));
            }

            if (report.NextWeek.Count > TableRows)
            {
                runs.Add(new PlainRun($" · and {(report.NextWeek.Count - TableRows).ToString(CultureInfo.InvariantCulture)} more"));
            }

            blocks.Add(new TextBlock([.. runs]));
        }

        return new Reply(ReplyVisibility.Private, ReplyTone.Info, title + ": " + Headline(tally), blocks);
    }

    public static Reply Help(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ReplyBlock Line(string usage, string what) => new TextBlock(new CodeRun(view.Cmd(usage)), new PlainRun("  " + what));
        return Reply.Private(
            ReplyTone.Info,
            "Reports",
            [
                new HeaderBlock("Reports"),
                new TextBlock(new PlainRun("How the promises of a period ended, private to you (in the channel's time zone): the share kept on time, kept after renegotiation, late, broken and withdrawn, those still open past their deadline, lateness (average and 90th percentile), the same by category and by owner, breaches with no recovery note yet, and next week's load per owner.")),
                Line("report", "this week (Monday to Sunday), in your time zone"),
                Line("report last week  ·  report month  ·  report last month  ·  report quarter", "a whole week, month or quarter"),
                Line("report last 30 days  ·  report yesterday  ·  report november", "the last N days (up to 731), one day, a month by name"),
                Line("report 1 Nov to 15 Nov  ·  report 2026-10-01 to 2026-10-31", "any range up to two years; without a year, the most recent one"),
                Line("report last month #support  ·  report <@U123ABC>  ·  report quarter for Acme", "one category, one owner, one customer"),
                Line("report weekly on monday 09:00  ·  report monthly on 08:30", "post it to this channel every week (the seven days before), or on the first business day of each month (last month)"),
                Line("report weekly off  ·  report monthly off  ·  report settings", "stop one, or see this channel's"),
                Line("export last week  ·  export month #support", "the same period's promises as a CSV file, one row each (help export)"),
                new ContextBlock(new PlainRun("Which promises count: those closed in the period, by their outcome, and those still open at its end whose deadline fell in it and passed. On time = kept + kept after renegotiation, out of everything judged (withdrawn and open ones are not). A past period gives the same figures whenever you ask.")),
            ]);
    }

    /// <summary>"83% on time (10 of 12)" or, when nothing was judged, "nothing judged yet".</summary>
    public static string Headline(FulfilmentTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return tally.OnTimePercent is { } percent
            ? $"{percent.ToString(CultureInfo.InvariantCulture)}% on time ({tally.OnTime.ToString(CultureInfo.InvariantCulture)} of {tally.Judged.ToString(CultureInfo.InvariantCulture)})"
            : "nothing judged yet";
    }

    /// <summary>"kept 8 · kept after renegotiation 2 · late 1 · broken 1 · withdrawn 1 · open past the deadline 2"; zeros left out.</summary>
    public static string Breakdown(FulfilmentTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var parts = new List<string>();
        void Add(int n, string words)
        {
            if (n > 0)
            {
                parts.Add(words + " " + n.ToString(CultureInfo.InvariantCulture));
            }
        }

        Add(tally.Kept, "kept");
        Add(tally.KeptAfterRenegotiation, "kept after renegotiation");
        Add(tally.Late, "late");
        Add(tally.Broken, "broken");
        Add(tally.Withdrawn, "withdrawn");
        Add(tally.OpenPastDeadline, "open past the deadline");
        return string.Join(" · ", parts);
    }

    private static TextBlock Table(string heading, IReadOnlyList<FulfilmentGroup> groups, Func<FulfilmentGroup, TextRun[]> name)
    {
        var runs = new List<TextRun> { new BoldRun(heading + ":") };
        foreach (var group in groups.Take(TableRows))
        {
            runs.Add(new PlainRun("\n• "));
            runs.AddRange(name(group));
            runs.Add(new PlainRun(" — " + Headline(group.Tally) + Misses(group.Tally)));
        }

        if (groups.Count > TableRows)
        {
            runs.Add(new PlainRun($"\n• and {(groups.Count - TableRows).ToString(CultureInfo.InvariantCulture)} more"));
        }

        return new TextBlock([.. runs]);
    }

    private static string Misses(FulfilmentTally tally)
    {
        var parts = new List<string>();
        if (tally.Late > 0)
        {
            parts.Add("late " + tally.Late.ToString(CultureInfo.InvariantCulture));
        }

        if (tally.Broken > 0)
        {
            parts.Add("broken " + tally.Broken.ToString(CultureInfo.InvariantCulture));
        }

        if (tally.OpenPastDeadline > 0)
        {
            parts.Add("open past the deadline " + tally.OpenPastDeadline.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? "" : " · " + string.Join(" · ", parts);
    }

    private static string LoadWords(OwnerLoad load) =>
        load.Overdue == 0 ? $"{load.DueNextWeek.ToString(CultureInfo.InvariantCulture)} due"
        : load.DueNextWeek == 0 ? $"{load.Overdue.ToString(CultureInfo.InvariantCulture)} overdue"
        : $"{load.DueNextWeek.ToString(CultureInfo.InvariantCulture)} due + {load.Overdue.ToString(CultureInfo.InvariantCulture)} overdue";

    private static string Scope(ReportFilter filter)
    {
        var parts = new List<string>();
        if (filter.Category is { } category)
        {
            parts.Add("#" + category);
        }

        if (filter.Owner is { } owner)
        {
            parts.Add("owner " + owner.Value);
        }

        if (filter.Customer is { } customer)
        {
            parts.Add("for " + customer);
        }

        return parts.Count == 0 ? "" : " · " + string.Join(" · ", parts);
    }

    private static string Count(int n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);
}
