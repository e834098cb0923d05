using System.Globalization;
using System.Text;
using PromiseBot.Core.Messages;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Reports;

/// <summary>What <c>export</c> answers: the CSV file with a line saying what is in it, or why there is none; and <c>help export</c>.</summary>
public static class ExportMessages
{
    /// <summary>"Export · Mon 23 Nov – Sun 29 Nov 2026: 12 promises", the file attached.</summary>
    public static Reply Render(ReportPeriod period, string? category, int count, byte[] csv, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(view);
        var label = period.Label + Scope(category);
        var promises = PromiseMessages.Plural(count, "promise");
        var file = new FileBlock(
            FileName(period, category),
            FileBlock.Csv,
            "Promises · " + label,
            $"A CSV file of {promises} ({label}), one row each: number, title, customer, category, owner, backup, status, outcome, dates, lateness, extensions, pauses, recovery note and feedback.",
            csv);
        return Reply.Private(
            ReplyTone.Info,
            $"Export · {label}: {promises}",
            new HeaderBlock("Export · " + label),
            new TextBlock(new PlainRun($"{promises}, one row each; times in {view.Zone.Id}.")),
            file);
    }

    /// <summary>Nothing in the period: said in words, no empty file.</summary>
    public static Reply Empty(ReportPeriod period, string? category)
    {
        ArgumentNullException.ThrowIfNull(period);
        var none = $"No promises were due or closed in {period.Label}{Scope(category)}, so there is nothing to export.";
        return Reply.Private(ReplyTone.Info, none, new TextBlock(new PlainRun(none)));
    }

    /// <summary>"promises-2026-11-23-to-2026-11-29.csv", with the category after the dates when there is one.</summary>
    public static string FileName(ReportPeriod period, string? category)
    {
        ArgumentNullException.ThrowIfNull(period);
        var name = new StringBuilder("promises-")
            .Append(period.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append("-to-")
            .Append(period.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (category is not null)
        {
            // A file name safe on every platform: letters, digits and dashes only.
            var safe = new string([.. category.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]).Trim('-');
            if (safe.Length > 0)
            {
                name.Append('-').Append(safe);
            }
        }

        return name.Append(".csv").ToString();
    }

    public static Reply Help(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ReplyBlock Line(string usage, string what) => new TextBlock(new CodeRun(view.Cmd(usage)), new PlainRun("  " + what));
        return Reply.Private(
            ReplyTone.Info,
            "Export",
            [
                new HeaderBlock("Export"),
                new TextBlock(new PlainRun("The promises of a period as a CSV file, private to you: the same promises a report counts (closed in the period, or due or broken in it), one row each.")),
                Line("export", "this week (Monday to Sunday), in your time zone"),
                Line("export last week  ·  export month  ·  export last quarter  ·  export last 30 days", "the periods of report"),
                Line("export 1 Nov to 15 Nov  ·  export november #support", "a range or a month by name, one category"),
                new ContextBlock(new PlainRun("Columns: " + string.Join(", ", PromiseCsv.Header) + ". Times are ISO-8601 in your time zone; durations in hours. A field that a spreadsheet would run as a formula starts with ' .")),
            ]);
    }

    private static string Scope(string? category) => category is null ? "" : " · #" + category;
}
