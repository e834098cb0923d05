using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PromiseBot.Core.Retention;
using PromiseBot.Host.Tests.Playground;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Retention;

/// <summary>
/// <c>export all</c> in the playground on a real SQLite file: the manager gets one zip to download with the manifest,
/// a CSV per table (promises, events, calendars, holidays, targets, guarantees, credits, settings) and the retention
/// archive as JSON; anyone else is refused.
/// </summary>
public sealed partial class PlaygroundExportAllTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundExportAllTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private async Task<string> Say(string text, string person = "maya") => (string)(await _host.CommandAsync(text, person))["html"]!;

    [Fact]
    public async Task ExportAll_GivesTheManagerAZip_WithEveryTableAsCsv_TheManifest_AndTheRetentionArchive()
    {
        await Say("config manager <@maya>");
        await Say("Send the old quote to Acme by Friday 5pm");                  // #1: archived below
        await Say("done 1");
        var purged = await _host.Services.GetRequiredService<DataLifecycleService>()
            .PurgeAsync(Instant.FromDateTimeOffset(BotHost.Start.AddYears(7).AddDays(1)), CancellationToken.None);
        Assert.Equal(1, purged);
        await Say("calendar holiday add 24 Dec 2026 Christmas Eve");
        await Say("sla #support 4 business hours");
        await Say("guarantee premium credit 10% per day late max 100%");
        await Say("Redesign the landing page by today 5pm for Acme guarantee premium value $1,000");   // #2: late, a credit
        await Say("Call back Globex tomorrow 5pm #support");                                          // #3: open
        await _host.AdvanceAsync(new { hours = 8 });
        Assert.Contains("Pending credit", await Say("done 2"));

        Assert.Contains("can export the whole workspace", await Say("export all", person: "sam"));
        var answer = await _host.CommandAsync("export all");

        Assert.Equal("private", (string)answer["visibility"]!);
        Assert.Contains("2 promises", (string)answer["summary"]!);
        var link = DownloadLink().Match((string)answer["html"]!);
        Assert.True(link.Success, (string)answer["html"]!);
        Assert.Equal("promisebot-playground-2026-11-23.zip", link.Groups["name"].Value);
        using var zip = new ZipArchive(new MemoryStream(Convert.FromBase64String(link.Groups["data"].Value)));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        foreach (var table in new[] { "promises", "promise_events", "calendars", "calendar_holidays", "sla_targets", "guarantee_tiers", "promise_guarantees", "service_credits", "workspace_settings", "recovery_notes", "customer_feedback" })
        {
            Assert.Contains("tables/" + table + ".csv", names);
        }

        Assert.Contains("manifest.json", names);
        Assert.Contains("retention-archive/batch-1.json", names);

        var promises = Csv(zip, "promises");
        Assert.Equal(["2", "3"], promises.Select(r => r["number"]));
        Assert.Equal("Redesign the landing page", promises[0]["title"]);
        Assert.Equal("Christmas Eve", Assert.Single(Csv(zip, "calendar_holidays"))["name"]);
        Assert.Equal("support", Assert.Single(Csv(zip, "sla_targets"))["category"]);
        Assert.Equal("premium", Assert.Single(Csv(zip, "guarantee_tiers"))["name"]);
        Assert.Single(Csv(zip, "service_credits"));
        var settings = Assert.Single(Csv(zip, "workspace_settings"));
        Assert.Equal(("maya", "7"), (settings["manager"], settings["retention_years"]));
        Assert.True(Csv(zip, "promise_events").Count >= 3);

        using var manifest = JsonDocument.Parse(Read(zip, "manifest.json"));
        Assert.Equal("playground", manifest.RootElement.GetProperty("workspace").GetString());
        Assert.Contains(manifest.RootElement.GetProperty("tables").EnumerateArray(),
            t => t.GetProperty("file").GetString() == "tables/promises.csv" && t.GetProperty("rows").GetInt32() == 2);
        using var archive = JsonDocument.Parse(Read(zip, "retention-archive/batch-1.json"));
        Assert.Equal("Send the old quote to Acme", archive.RootElement.GetProperty("tables").GetProperty("promises")[0].GetProperty("title").GetString());
        Assert.Contains("Retention, export and erasure", await Say("help export all"));
    }

    private static List<Dictionary<string, string>> Csv(ZipArchive zip, string table) => TestCsv.Read(Read(zip, "tables/" + table + ".csv")).Rows;

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var entry = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        return copy.ToArray();
    }

    [GeneratedRegex("<a href=\"data:application/zip;base64,(?<data>[A-Za-z0-9+/=]+)\" download=\"(?<name>[^\"]+)\"")]
    private static partial Regex DownloadLink();
}
