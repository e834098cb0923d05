using System.Globalization;
using System.Text;
using NodaTime;
using PromiseBot.Core.Feedback;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Core.Reports;
using PromiseBot.Testing;

namespace PromiseBot.Core.Tests.Reports;

/// <summary>The export's CSV: the header, each column's text, the zone's offset, a BOM, and formulas escaped.</summary>
public sealed class PromiseCsvTests
{
    private static readonly WorkspaceId Workspace = new("T1");
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 23, 15, 0); // 10:00 in New York
    private static readonly Instant Now = Monday + Duration.FromDays(3);

    private static Promise Promise(int number, string title, Duration dueIn) => new()
    {
        Workspace = Workspace,
        Number = new PromiseNumber(number),
        Title = title,
        Owner = new UserId("U1"),
        DueAt = Monday + dueIn,
        MadeBy = new UserId("U1"),
        MadeAt = Monday,
        Channel = "C1",
    };

    private static List<Dictionary<string, string>> Read(byte[] csv)
    {
        var (header, rows) = TestCsv.Read(csv);
        Assert.Equal(PromiseCsv.Header, header);
        return rows;
    }

    [Fact]
    public void EachColumn_SaysWhatTheExportPromises()
    {
        var late = Promise(7, "Ship the spare, part 2", Duration.FromHours(4)) with
        {
            Customer = "Café Ünïcode",
            Category = "support",
            Backup = new UserId("U2"),
            Status = PromiseStatus.Done,
            Outcome = Outcome.Late,
            Lateness = Duration.FromMinutes(90),
            ClosedAt = Monday + Duration.FromMinutes(330),
            DoneAt = Monday + Duration.FromMinutes(330),
            AimAt = Monday + Duration.FromHours(3),
        };
        var note = new RecoveryNote(Workspace, late.Number, true, false, RecoveryCause.Other, "the courier lost it", "sent a spare\nby air", "track parcels", new UserId("U1"), Monday);
        var feedback = new CustomerFeedback(Workspace, late.Number, 2, "slow, but honest", new UserId("U2"), Monday);
        ExportEvent[] events =
        [
            new(PromiseEventKind.Extended, Monday + Duration.FromHours(1)),
            new(PromiseEventKind.Paused, Monday + Duration.FromHours(1)),
            new(PromiseEventKind.Resumed, Monday + Duration.FromMinutes(100)),
            new(PromiseEventKind.Extended, Monday + Duration.FromHours(2)),
        ];
        var kept = Promise(8, "Call back", Duration.FromDays(1)) with
        {
            Status = PromiseStatus.Done,
            Outcome = Outcome.Kept,
            InsideBuffer = true,
            ClosedAt = Monday + Duration.FromHours(20),
        };
        // Paused and not resumed: the pause counts up to now (three days after it began).
        var paused = Promise(9, "Wait for the vendor", Duration.FromDays(2)) with
        {
            Status = PromiseStatus.Paused,
            PausedAt = Monday,
            Sla = new PromiseSla("default", Monday, new PromiseBot.Core.Sla.SlaAmount(8, PromiseBot.Core.Sla.SlaUnit.BusinessHours), null) { Paused = Duration.FromMinutes(45) },
        };

        var rows = Read(PromiseCsv.Write(
            [new ExportEntry(late, note, feedback, events), new ExportEntry(kept, null, null, []), new ExportEntry(paused, null, null, [new(PromiseEventKind.Paused, Monday)])],
            NewYork, Now));

        Assert.Equal(3, rows.Count);
        var first = rows[0];
        Assert.Equal("7", first["number"]);
        Assert.Equal("Ship the spare, part 2", first["title"]);
        Assert.Equal("Café Ünïcode", first["customer"]);
        Assert.Equal("support", first["category"]);
        Assert.Equal("U1", first["owner"]);
        Assert.Equal("U2", first["backup"]);
        Assert.Equal("done", first["status"]);
        Assert.Equal("late", first["outcome"]);
        Assert.Equal("2026-11-23T10:00:00-05:00", first["created"]);
        Assert.Equal("2026-11-23T14:00:00-05:00", first["due"]);
        Assert.Equal("2026-11-23T13:00:00-05:00", first["aim"]);
        Assert.Equal("2026-11-23T15:30:00-05:00", first["closed"]);
        Assert.Equal("", first["inside_buffer"]);
        Assert.Equal("1.5", first["lateness_hours"]);
        Assert.Equal("2", first["extensions"]);
        Assert.Equal("0.67", first["paused_hours"]);
        Assert.Equal("", first["sla_paused_hours"]);
        Assert.Equal("other: the courier lost it", first["recovery_cause"]);
        Assert.Equal("sent a spare\nby air", first["recovery_fix"]);
        Assert.Equal("track parcels", first["recovery_prevention"]);
        Assert.Equal("2", first["feedback_score"]);
        Assert.Equal("slow, but honest", first["feedback_comment"]);

        Assert.Equal(("kept", "yes", "", "0", "0", "2026-11-24T06:00:00-05:00"), (rows[1]["outcome"], rows[1]["inside_buffer"], rows[1]["backup"], rows[1]["extensions"], rows[1]["paused_hours"], rows[1]["closed"]));
        Assert.Equal(("paused", "", "72", "0.75", "2026-11-25T10:00:00-05:00"), (rows[2]["status"], rows[2]["outcome"], rows[2]["paused_hours"], rows[2]["sla_paused_hours"], rows[2]["aim"]));
    }

    [Fact]
    public void TimesCarryTheOffsetOfTheDay_AcrossDaylightSaving()
    {
        var summer = Promise(1, "Before the change", Duration.Zero) with { MadeAt = Instant.FromUtc(2026, 10, 30, 14, 0), DueAt = Instant.FromUtc(2026, 10, 30, 14, 0) };

        var row = Read(PromiseCsv.Write([new ExportEntry(summer, null, null, [])], NewYork, Now))[0];

        Assert.Equal("2026-10-30T10:00:00-04:00", row["created"]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\tleading tab")]
    public void AFieldThatWouldRunAsAFormula_StartsWithAQuote(string title)
    {
        var promise = Promise(1, title, Duration.FromDays(1)) with { Customer = title };

        var csv = PromiseCsv.Write([new ExportEntry(promise, null, null, [])], NewYork, Now);
        var row = Read(csv)[0];

        Assert.Equal("'" + title, row["title"]);
        Assert.Equal("'" + title, row["customer"]);
        Assert.DoesNotContain("\n=HYPERLINK", Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
    }

    [Fact]
    public void TheFile_IsUtf8WithAByteOrderMark_AndAHeaderRow()
    {
        var csv = PromiseCsv.Write([], NewYork, Now);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        Assert.Equal(string.Join(',', PromiseCsv.Header) + "\r\n", Encoding.UTF8.GetString(csv[3..]));
    }

    [Fact]
    public void APauseEndedByAClose_CountsUpToTheClose_AndTwoPausesAddUp()
    {
        var done = Promise(1, "t", Duration.FromDays(1)) with { Status = PromiseStatus.Done, ClosedAt = Monday + Duration.FromHours(5) };
        var entry = new ExportEntry(done, null, null,
        [
            new(PromiseEventKind.Paused, Monday),
            new(PromiseEventKind.Resumed, Monday + Duration.FromHours(1)),
            new(PromiseEventKind.Paused, Monday + Duration.FromHours(2)),
            new(PromiseEventKind.Completed, Monday + Duration.FromHours(5)),
        ]);

        Assert.Equal(Duration.FromHours(4), ExportFigures.Paused(entry, Now));
    }

    [Fact]
    public void FiftyThousandRows_AreWritten()
    {
        var entries = Enumerable.Range(1, 50_000).Select(n => new ExportEntry(Promise(n, "Promise " + n.ToString(CultureInfo.InvariantCulture), Duration.FromDays(1)), null, null, []));

        var rows = Read(PromiseCsv.Write(entries, NewYork, Now));

        Assert.Equal(50_000, rows.Count);
        Assert.Equal("Promise 50000", rows[^1]["title"]);
    }
}
