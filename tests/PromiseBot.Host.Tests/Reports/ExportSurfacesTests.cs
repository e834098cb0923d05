using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core.Messages;
using PromiseBot.Host.Tests.Playground;
using PromiseBot.Storage.Playground;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Reports;

/// <summary>
/// <c>export</c> in the playground, on a real SQLite file: a week of promises ending every way (kept, kept after
/// renegotiation with a pause, late with a recovery note, broken, still open with a formula for a title), exported the
/// week after as a CSV the page offers for download; and a file the page shows inline (a chart). Mon 23 Nov 2026 10:00
/// in New York (Maya's zone).
/// </summary>
public sealed partial class ExportSurfacesTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public ExportSurfacesTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private async Task<string> Say(string text) => (string)(await _host.CommandAsync(text))["html"]!;

    [Fact]
    public async Task Playground_ExportLastWeek_OffersTheCsv_WithEveryOutcomeExtensionPauseNoteAndFeedback()
    {
        await Say("Send the quote to Acme tomorrow 5pm #quotes");                       // #1 kept, feedback 5/5
        await Say("Call back Globex in 2 hours #support");                            // #2 late, recovery note
        await Say("Refund Initech in 1 hour #support");                               // #3 broken
        await Say("Ship the spare parts to Acme Thursday 5pm #quotes");               // #4 extended, paused 3 h, kept after renegotiation
        await Say("=HYPERLINK(\"http://x\",\"y\") Friday 5pm");                         // #5 still open
        await Say("done 1");
        Assert.Contains("Recorded customer feedback", await Say("feedback 1 5/5 quick and friendly"));
        await Say("extend 4 to Friday 5pm because the customer asked for a day more");
        await Say("pause 4 waiting on vendor");
        await _host.AdvanceAsync(new { hours = 3 });
        await Say("resume 4");
        await Say("done 4");
        await Say("done 2");
        Assert.Contains("Recovery note saved", await Say("recover 2 cause capacity; fix called them back; prevent a second person on call"));
        await Say("broken 3 the part never came");
        await _host.AdvanceAsync(new { days = 7 });

        var answer = await _host.CommandAsync("export last week");

        Assert.Equal("private", (string)answer["visibility"]!);
        Assert.Equal("Export · Mon 23 Nov – Sun 29 Nov 2026: 5 promises", (string)answer["summary"]!);
        var html = (string)answer["html"]!;
        var link = DownloadLink().Match(html);
        Assert.True(link.Success, html);
        Assert.Equal("promises-2026-11-23-to-2026-11-29.csv", link.Groups["name"].Value);
        var csv = Convert.FromBase64String(link.Groups["data"].Value);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);

        var rows = Read(csv);
        Assert.Equal(["1", "2", "3", "4", "5"], rows.Select(r => r["number"]));
        Assert.Equal(("kept", "5", "quick and friendly", "maya"), (rows[0]["outcome"], rows[0]["feedback_score"], rows[0]["feedback_comment"], rows[0]["owner"]));
        Assert.Equal("2026-11-23T10:00:00-05:00", rows[0]["created"]);
        Assert.Equal("2026-11-24T17:00:00-05:00", rows[0]["due"]);
        Assert.Equal(("late", "1", "capacity", "called them back", "a second person on call"),
            (rows[1]["outcome"], rows[1]["lateness_hours"], rows[1]["recovery_cause"], rows[1]["recovery_fix"], rows[1]["recovery_prevention"]));
        Assert.Equal("2026-11-23T13:00:00-05:00", rows[1]["closed"]);
        Assert.Equal(("broken", "cancelled"), (rows[2]["outcome"], rows[2]["status"]));
        Assert.Equal(("kept after renegotiation", "1", "3", "2026-11-27T17:00:00-05:00"), (rows[3]["outcome"], rows[3]["extensions"], rows[3]["paused_hours"], rows[3]["due"]));
        Assert.Equal(("open", "", "'=HYPERLINK(\"http://x\",\"y\")"), (rows[4]["status"], rows[4]["outcome"], rows[4]["title"]));

        // The page escapes what it shows: the link's text and attributes carry no markup of the user's.
        Assert.DoesNotContain("=HYPERLINK", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Playground_AnEmptyPeriod_IsSaidInWords_AndAMistakeGetsAnExample()
    {
        Assert.Contains("No promises were due or closed in Mon 16 Nov – Sun 22 Nov 2026, so there is nothing to export.", await Say("export last week"));
        var refused = await Say("export next week");
        Assert.Contains("A report covers what already happened", refused);
        Assert.Contains("export last week #support", refused);
        Assert.Contains("The promises of a period as a CSV file", await Say("help export"));
        Assert.Contains("export last week", await Say("help report"));
    }

    [Fact]
    public async Task Playground_APromiseThatStartsWithExport_IsStillAPromise()
    {
        Assert.Contains("Export the invoices to Acme", await Say("Export the invoices to Acme by Friday"));

        Assert.Equal(1, Count(await Say("list"), "Export the invoices to Acme"));
    }

    [Fact]
    public async Task Playground_AnImageInTheFeed_IsShownInline_WithItsAltTextAndCaption_Escaped()
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var chart = new FileBlock("on-time.png", FileBlock.Png, "On time <b>by week</b>", "A line: \"on time\" rose from 50% to 80% <script>", png, 640, 360);
        var reply = new Reply(ReplyVisibility.Channel, ReplyTone.Info, "Charts", [new HeaderBlock("Report"), chart]);
        var feed = _host.Services.GetRequiredService<IPlaygroundFeedStore>();
        await feed.AppendAsync(FeedKind.Channel, "general", BotHost.Start, null, FeedSource.Reply, ReplyJson.Serialize(reply), CancellationToken.None);

        var html = Assert.Single(await _host.FeedAsync("channels/general/feed"));

        Assert.Contains("<figure class=\"r-file r-image\"><img src=\"data:image/png;base64," + Convert.ToBase64String(png) + "\"", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"A line: &quot;on time&quot; rose from 50% to 80% &lt;script&gt;\"", html, StringComparison.Ordinal);
        Assert.Contains("width=\"640\" height=\"360\"", html, StringComparison.Ordinal);
        Assert.Contains("<figcaption>On time &lt;b&gt;by week&lt;/b&gt;</figcaption>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileOfAnUnusualMediaType_IsADownload_UnderAGenericType_ItsNameEscaped()
    {
        var file = new FileBlock("a\"><script>.csv", "text/html\"onmouseover=x", "Promises", "alt", [1, 2, 3]);

        var html = new Host.Playground.PlaygroundHtmlRenderer().Render(Reply.Private(ReplyTone.Info, "s", file));

        Assert.Contains("href=\"data:application/octet-stream;base64,AQID\"", html, StringComparison.Ordinal);
        Assert.Contains("download=\"a&quot;&gt;&lt;script&gt;.csv\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    private static List<Dictionary<string, string>> Read(byte[] csv) => TestCsv.Read(csv).Rows;

    [GeneratedRegex("<a href=\"data:text/csv;base64,(?<data>[A-Za-z0-9+/=]+)\" download=\"(?<name>[^\"]+)\"")]
    private static partial Regex DownloadLink();
}
