using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Reports;

/// <summary>
/// An export's CSV: one row per promise under a header row, UTF-8 with a byte-order mark (so Excel reads accents),
/// invariant culture (a decimal point, whatever the server's locale), and every field that a spreadsheet would run as
/// a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) prefixed with
/// <c>'</c>: titles, customers and notes are user text. Times are ISO-8601 with the offset of the asker's zone;
/// durations are hours with up to two decimals.
/// </summary>
public static class PromiseCsv
{
    /// <summary>The header row, in column order.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "number", "title", "customer", "category", "owner", "backup", "status", "outcome", "created", "due", "aim", "closed",
        "inside_buffer", "lateness_hours", "extensions", "paused_hours", "sla_paused_hours",
        "recovery_cause", "recovery_fix", "recovery_prevention", "feedback_score", "feedback_comment",
    ];

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
    };

    // "2026-11-23T10:00:00-05:00": the offset always as ±HH:mm (+00:00 for UTC), which every spreadsheet and parser reads.
    private static readonly OffsetDateTimePattern TimePattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<m>");

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The file's bytes. <paramref name="now"/> ends a pause still running.</summary>
    public static byte[] Write(IEnumerable<ExportEntry> entries, DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(zone);
        using var stream = new MemoryStream();
        using (var text = new StreamWriter(stream, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true))
        using (var csv = new CsvWriter(text, Configuration))
        {
            foreach (var name in Header)
            {
                csv.WriteField(name);
            }

            csv.NextRecord();
            foreach (var entry in entries)
            {
                WriteRow(csv, entry, zone, now);
                csv.NextRecord();
            }
        }

        return stream.ToArray();
    }

    private static void WriteRow(CsvWriter csv, ExportEntry entry, DateTimeZone zone, Instant now)
    {
        var p = entry.Promise;
        csv.WriteField(p.Number.Value.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(p.Title);
        csv.WriteField(p.Customer ?? "");
        csv.WriteField(p.Category ?? "");
        csv.WriteField(p.Owner.Value);
        csv.WriteField(p.Backup?.Value ?? "");
        csv.WriteField(PromiseTransitions.StatusText(p));
        csv.WriteField(p.Outcome is { } outcome ? PromiseTransitions.OutcomeText(outcome) : "");
        csv.WriteField(Time(p.MadeAt, zone));
        csv.WriteField(Time(p.DueAt, zone));
        csv.WriteField(Time(p.Aim, zone));
        csv.WriteField(p.ClosedAt is { } closed ? Time(closed, zone) : "");
        csv.WriteField(p.Outcome is Outcome.Kept or Outcome.KeptAfterRenegotiation ? (p.InsideBuffer ? "yes" : "no") : "");
        csv.WriteField(p.Lateness is { } late ? Hours(late) : "");
        csv.WriteField(ExportFigures.Extensions(entry).ToString(CultureInfo.InvariantCulture));
        csv.WriteField(Hours(ExportFigures.Paused(entry, now)));
        csv.WriteField(p.Sla is { } sla ? Hours(sla.Paused) : "");
        csv.WriteField(entry.Recovery is { } note ? Cause(note) : "");
        csv.WriteField(entry.Recovery?.Fix ?? "");
        csv.WriteField(entry.Recovery?.Prevention ?? "");
        csv.WriteField(entry.Feedback is { } feedback ? feedback.Score.ToString(CultureInfo.InvariantCulture) : "");
        csv.WriteField(entry.Feedback?.Comment ?? "");
    }

    /// <summary>"2026-11-23T10:00:00-05:00".</summary>
    private static string Time(Instant instant, DateTimeZone zone) =>
        TimePattern.Format(instant.InZone(zone).ToOffsetDateTime());

    private static string Hours(Duration duration) =>
        Math.Round(duration.TotalHours, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);

    // "vendor" or "other: the courier lost it".
    private static string Cause(RecoveryNote note) =>
        note.CauseText is { Length: > 0 } text ? RecoveryCauses.Text(note.Cause) + ": " + text : RecoveryCauses.Text(note.Cause);
}
