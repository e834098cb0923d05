using System.Reflection;
using System.Xml.Linq;

namespace PromiseBot.Host.Tests;

/// <summary>The dependency rules of docs/architecture.md, checked so they cannot rot.</summary>
public sealed class ArchitectureTests
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
