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

    [Fact]
    public void CoreProject_HasOnlyPureLibraryPackages()
    {
        var packages = Csproj("PromiseBot.Core").Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!).ToList();
        var projects = ProjectReferences("PromiseBot.Core");

        Assert.Empty(projects);
        Assert.All(packages, p => Assert.Contains(p, new[] { "NodaTime", "Microsoft.Extensions.Caching.Memory" }));
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
