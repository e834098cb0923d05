using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace PromiseBot.Host.Tests;

/// <summary>
/// The README's Conventions that the compiler does not check: one top-level type per file, named like the file, and an
/// EventId on every log message, unique across the product (so a log line can be searched for by its number).
/// </summary>
public sealed partial class ConventionTests
{
    private static readonly string[] Projects = ["PromiseBot.Core", "PromiseBot.Storage", "PromiseBot.Slack", "PromiseBot.Teams", "PromiseBot.Host"];

    [Fact]
    public void EverySourceFile_DeclaresOneTopLevelType_NamedLikeTheFile()
    {
        var offences = new List<string>();
        var files = SourceFiles().ToList();
        Assert.True(files.Count > 100, $"only {files.Count} source files found under src/");
        foreach (var file in files)
        {
            // File-scoped namespaces put every top-level declaration at column 0; nested types are indented.
            var names = File.ReadLines(file)
                .Select(line => TopLevelDeclaration().Match(line))
                .Where(m => m.Success && !m.Groups["modifiers"].Value.Contains("file ", StringComparison.Ordinal))
                .Select(m => m.Groups["name"].Value)
                .ToList();
            var relative = Path.GetRelativePath(ArchitectureTests.RepoRoot(), file);
            if (names.Count > 1)
            {
                offences.Add($"{relative}: {names.Count} top-level types ({string.Join(", ", names)})");
            }

            // OutboxDispatcher.Unserved.cs is a part of OutboxDispatcher: the name is what comes before the first dot.
            var expected = Path.GetFileName(file).Split('.')[0];
            if (names.Count == 1 && names[0] != expected)
            {
                offences.Add($"{relative}: declares {names[0]}, expected {expected}");
            }
        }

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void EveryLogMessage_HasItsOwnEventId()
    {
        var messages = Projects.Select(Assembly.Load)
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (Name: $"{x.Method.DeclaringType!.FullName}.{x.Method.Name}", x.Attribute!.EventId))
            .ToList();
        Assert.True(messages.Count > 50, $"only {messages.Count} log messages found");

        var missing = messages.Where(m => m.EventId <= 0).Select(m => m.Name).ToList();
        Assert.True(missing.Count == 0, "no EventId: " + string.Join(", ", missing));
        var shared = messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Name))}").ToList();
        Assert.True(shared.Count == 0, "shared EventIds: " + string.Join("; ", shared));
    }

    private static IEnumerable<string> SourceFiles()
    {
        var src = Path.Combine(ArchitectureTests.RepoRoot(), "src");
        var sep = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^(?<modifiers>(?:(?:public|internal|file|static|sealed|abstract|partial|readonly|ref|unsafe)\s+)*)(?:record\s+struct|record\s+class|class|record|struct|interface|enum|delegate\s+\S+)\s+(?<name>\w+)")]
    private static partial Regex TopLevelDeclaration();
}
