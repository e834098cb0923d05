using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using PromiseBot.Testing;

namespace PromiseBot.Teams.Tests;

public sealed class ManifestTests
{
    private static readonly string TeamsDir = Path.Combine(PlatformValidators.RepoRoot, "manifests", "teams");

    [Fact]
    public async Task TeamsManifest_PassesTheManifestValidator()
    {
        var result = await PlatformValidators.TeamsManifestAsync(Path.Combine(TeamsDir, "manifest.json"));

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void TeamsManifest_PinsOneSchemaVersion_AndOffersTheBotInEveryScope()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(TeamsDir, "manifest.json")))!;

        Assert.Equal("1.29", (string?)manifest["manifestVersion"]);
        Assert.EndsWith("/teams/v1.29/MicrosoftTeams.schema.json", (string?)manifest["$schema"], StringComparison.Ordinal);
        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        var titles = bot["commandLists"]![0]!["commands"]!.AsArray().Select(c => (string?)c!["title"]).ToList();
        Assert.Subset(new HashSet<string?>(titles), new HashSet<string?> { "help", "list", "list mine", "done", "extend" });
    }

    [Fact]
    public async Task BuildPackage_PutsTheAppIdIntoAZipThatPassesTheValidator()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "promisebot-teams-" + Guid.NewGuid().ToString("N"));
        try
        {
            const string appId = "7f3e9a52-1c4b-4d8e-a0f1-9b2c3d4e5f60";
            var (exitCode, stdout, stderr) = await RunBuildAsync(outDir, appId);
            Assert.True(exitCode == 0, stderr);
            var zipPath = stdout.Trim();
            Assert.Equal(Path.Combine(outDir, "promisebot-teams.zip"), zipPath);

            var validation = await PlatformValidators.TeamsManifestAsync(zipPath);
            Assert.True(validation.IsValid, validation.ToString());
            using var zip = ZipFile.OpenRead(zipPath);
            Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
            var packaged = JsonNode.Parse(await reader.ReadToEndAsync())!;
            Assert.Equal(appId, (string?)packaged["bots"]![0]!["botId"]);
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task BuildPackage_AppIdThatIsNotAGuid_IsRefused()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "promisebot-teams-" + Guid.NewGuid().ToString("N"));

        var (exitCode, _, stderr) = await RunBuildAsync(outDir, "not-a-guid");

        Assert.Equal(2, exitCode);
        Assert.Contains("must be a GUID", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunBuildAsync(string outDir, string appId)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = PlatformValidators.RepoRoot,
        };
        start.ArgumentList.Add(Path.Combine(TeamsDir, "build-package.sh"));
        start.Environment["OUT_DIR"] = outDir;
        start.Environment["TEAMS_APP_ID"] = appId;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
