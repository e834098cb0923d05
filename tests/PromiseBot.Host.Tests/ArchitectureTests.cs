using System.Reflection;
using System.Xml.Linq;

namespace PromiseBot.Host.Tests;

/// <summary>The dependency rules of docs/architecture.md, checked so they cannot rot.</summary>
public sealed partial class ArchitectureTests
{
    private static readonly string[] IoAssemblyPrefixes =
    [
        "Microsoft.Data.Sqlite", "Dapper", "Microsoft.AspNetCore", "System.Net.Http", "Quartz", "Npgsql", "PromiseBot.Storage",
        "PromiseBot.Slack", "PromiseBot.Teams", "PromiseBot.Host", "Microsoft.IdentityModel", "System.Net.WebSockets",
    ];

    [Fact]
    public void Core_ReferencesNoIoStorageOrTransportAssembly()
    {
        var references = typeof(PromiseBot.Core.Commands.InboundCommand).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var offending = references.Where(r => IoAssemblyPrefixes.Any(p => r.StartsWith(p, StringComparison.Ordinal))).ToList();

        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("PromiseBot.Storage", "PromiseBot.Slack")]
    [InlineData("PromiseBot.Storage", "PromiseBot.Teams")]
    [InlineData("PromiseBot.Slack", "PromiseBot.Storage")]
    [InlineData("PromiseBot.Slack", "PromiseBot.Teams")]
    [InlineData("PromiseBot.Teams", "PromiseBot.Slack")]
    [InlineData("PromiseBot.Teams", "PromiseBot.Storage")]
    public void Adapters_NeverReferenceEachOther(string project, string forbidden)
    {
        var assembly = Assembly.Load(project);

        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name == forbidden);
        Assert.DoesNotContain(ProjectReferences(project), r => r.Contains(forbidden, StringComparison.Ordinal));
    }

    /// <summary>Every adapter project: each <c>src/PromiseBot.*</c> that is not Core, Storage or Host.</summary>
    public static TheoryData<string> AdapterProjects()
    {
        var data = new TheoryData<string>();
        foreach (var adapter in AdapterNames())
        {
            data.Add(adapter);
        }

        return data;
    }

    private static List<string> AdapterNames() =>
        [.. Directory.GetDirectories(Path.Combine(RepoRoot(), "src"), "PromiseBot.*")
            .Select(dir => Path.GetFileName(dir))
            .Where(name => name is not ("PromiseBot.Core" or "PromiseBot.Storage" or "PromiseBot.Host"))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void TheAdaptersAreFound()
    {
        Assert.Contains("PromiseBot.Slack", AdapterNames());
        Assert.Contains("PromiseBot.Teams", AdapterNames());
    }

    [Theory]
    [MemberData(nameof(AdapterProjects))]
    public void Adapters_DoNotReferenceStorage_NorADatabasePackage(string adapter)
    {
        var assembly = Assembly.Load(adapter);
        var packages = Csproj(adapter).Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!).ToList();

        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name is "PromiseBot.Storage" or "Microsoft.Data.Sqlite" or "Dapper");
        Assert.DoesNotContain(ProjectReferences(adapter), r => r.Contains("PromiseBot.Storage", StringComparison.Ordinal));
        Assert.DoesNotContain(packages, p => p is "Microsoft.Data.Sqlite" or "Dapper");
    }

    [Theory]
    [MemberData(nameof(AdapterProjects))]
    public void Core_ReferencesNoAdapter(string adapter)
    {
        var core = typeof(PromiseBot.Core.Commands.InboundCommand).Assembly;

        Assert.DoesNotContain(core.GetReferencedAssemblies(), a => a.Name == adapter);
        Assert.DoesNotContain(ProjectReferences("PromiseBot.Core"), r => r.Contains(adapter, StringComparison.Ordinal));
    }

    // Reading a request's body, its form or a JSON document out of it: what a receiver does.
    private static readonly string[] PayloadReading =
    [
        "Request.Body", "ReadFormAsync", "ReadFromJsonAsync", "ReadLimitedAsync", "ParseQuery", "JsonDocument.Parse", "JsonNode.Parse", "Request.Form",
    ];

    /// <summary>Adapters whose receivers live in their own project (all of them).</summary>
    public static TheoryData<string> AdaptersWithTheirOwnReceivers() => new() { "Slack", "Teams" };

    [Theory]
    [MemberData(nameof(AdaptersWithTheirOwnReceivers))]
    public void Host_ParsesNoPayloadOfAnAdapter(string platform)
    {
        var host = Path.Combine(RepoRoot(), "src", "PromiseBot.Host");
        var offending = new List<string>();
        foreach (var file in Directory.EnumerateFiles(host, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(host, f)))
        {
            var source = File.ReadAllText(file);
            var relative = Path.GetRelativePath(host, file);
            var aboutPlatform = relative.StartsWith(platform + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || source.Contains("PromiseBot." + platform, StringComparison.Ordinal);

            // The adapter's request verifier, its payload parsers and its HTTP front door are the adapter's alone.
            offending.AddRange(new[] { $"PromiseBot.{platform}.Verification", $"PromiseBot.{platform}.Http", $"{platform}RequestVerifier", $"{platform}HttpRequest" }
                .Where(token => source.Contains(token, StringComparison.Ordinal))
                .Select(token => relative + ": " + token));
            if (aboutPlatform)
            {
                offending.AddRange(PayloadReading.Where(token => source.Contains(token, StringComparison.Ordinal)).Select(token => relative + ": " + token));
            }
        }

        Assert.Empty(offending);
        Assert.False(Directory.Exists(Path.Combine(host, platform)) && Directory.EnumerateFiles(Path.Combine(host, platform), "*.cs").Any(),
            $"src/PromiseBot.Host/{platform} should be gone: its code is the adapter's, its composition is AddX/MapXEndpoints");
    }

    private static bool IsBuildOutput(string project, string file)
    {
        var relative = Path.GetRelativePath(project, file);
        return relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    [Fact]
    public void CoreProject_HasOnlyPureLibraryPackages()
    {
        var packages = Csproj("PromiseBot.Core").Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!).ToList();
        var projects = ProjectReferences("PromiseBot.Core");

        Assert.Empty(projects);
        // PublicHoliday: national holidays computed in memory (no I/O, no dependencies) for `calendar holidays import`.
        // CsvHelper: `export`'s CSV, text formatting onto a TextWriter the caller owns (no I/O, no dependencies).
        Assert.All(packages, p => Assert.Contains(p, new[] { "NodaTime", "Microsoft.Extensions.Caching.Memory", "PublicHoliday", "CsvHelper" }));
    }

    /// <summary>
    /// Host composes storage through its ports and <c>AddSqliteStorage()</c>: no ADO.NET provider or Dapper, no SQL,
    /// and no SQLite type but that one composition call (the Quartz job store's <c>UseSqlite</c> is Quartz's own
    /// configuration of its tables, not our SQL).
    /// </summary>
    [Fact]
    public void Host_ContainsNoSql()
    {
        var references = typeof(PromiseBot.Host.Composition.PromiseBotHostExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, r => r is "Dapper" or "Microsoft.Data.Sqlite" or "Npgsql" || r.StartsWith("System.Data", StringComparison.Ordinal));

        var host = Path.Combine(RepoRoot(), "src", "PromiseBot.Host");
        var sources = Directory.EnumerateFiles(host, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                     && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);
        var offences = new List<string>();
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            foreach (System.Text.RegularExpressions.Match m in ForbiddenInHost().Matches(text))
            {
                if (m.Value != "AddSqliteStorage")
                {
                    offences.Add(Path.GetRelativePath(host, file) + ": " + m.Value);
                }
            }
        }

        Assert.Empty(offences);
    }

    // Dapper or ADO.NET, a SQLite type (SqliteWriter, SqliteOptions, ...) or the start of a SQL statement.
    [System.Text.RegularExpressions.GeneratedRegex(
        @"\bDapper\b|Microsoft\.Data\.Sqlite|System\.Data\b|\bDb(Connection|Transaction|Command)\b|\b(Add)?Sqlite[A-Z]\w*|\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|ALTER\s+TABLE|DROP\s+TABLE|PRAGMA)\b")]
    private static partial System.Text.RegularExpressions.Regex ForbiddenInHost();

    [Fact]
    public void Teams_HostHoldsNoTeamsTransport_TheAdapterOwnsIt()
    {
        var host = typeof(Program).Assembly;

        Assert.DoesNotContain(host.GetTypes(), t => t.Namespace?.StartsWith("PromiseBot.Host.Teams", StringComparison.Ordinal) == true);
        Assert.False(Directory.Exists(Path.Combine(RepoRoot(), "src", "PromiseBot.Host", "Teams")), "src/PromiseBot.Host/Teams should be gone");
        // Host composes the adapter (AddTeams, MapTeamsEndpoints); it never reads activities or card data itself.
        string[] adapterWork = ["ActivityJson", "TeamsActivityTranslator", "PromiseBot.Teams.Activities", "PromiseBot.Teams.Auth", "TeamsActivityHandler"];
        var offending = Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src", "PromiseBot.Host"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => adapterWork.Where(w => File.ReadAllText(f).Contains(w, StringComparison.Ordinal)).Select(w => $"{Path.GetFileName(f)}: {w}"))
            .ToList();
        Assert.Empty(offending);
    }

    [Fact]
    public void Teams_AdapterReferencesCoreOnly_NotStorageNorHost()
    {
        var references = Assembly.Load("PromiseBot.Teams").GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("PromiseBot.", StringComparison.Ordinal)).ToList();

        Assert.Equal(["PromiseBot.Core"], references);
        Assert.Equal(["..\\PromiseBot.Core\\PromiseBot.Core.csproj"], ProjectReferences("PromiseBot.Teams"));
        Assert.DoesNotContain(typeof(PromiseBot.Core.Commands.InboundCommand).Assembly.GetReferencedAssemblies(), a => a.Name == "PromiseBot.Teams");
    }

    private static IReadOnlyList<string> ProjectReferences(string project) =>
        Csproj(project).Descendants("ProjectReference").Select(e => (string)e.Attribute("Include")!).ToList();

    private static XDocument Csproj(string project) =>
        XDocument.Load(Path.Combine(RepoRoot(), "src", project, project + ".csproj"));

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PromiseBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PromiseBot.sln not found above " + AppContext.BaseDirectory);
    }
}
