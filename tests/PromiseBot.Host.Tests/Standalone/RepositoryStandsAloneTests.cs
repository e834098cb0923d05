using System.Text.RegularExpressions;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Standalone;

/// <summary>
/// A clone of PromiseBot works wherever it is put: no file points at a folder beside the repository, and every
/// relative link in the README and docs/ leads to a file that exists.
/// </summary>
public sealed partial class RepositoryStandsAloneTests
{
    // Spelled in pieces so that this file does not match itself.
    private static readonly string[] OutsideReferences =
    [
        string.Concat("..", "/", "shared"), string.Concat("..", "\\", "shared"), string.Concat("shared", "/", "tools"),
        string.Concat("shared", "/", "docs"),
    ];

    // Build output, installed packages and local state (see .gitignore): not part of the repository.
    private static readonly HashSet<string> SkippedDirectories = [".git", "bin", "obj", "node_modules", "TestResults", "out", "build", "artifacts", "promisebot-keys"];

    // The validators' install lock is held (flock) while npm ci runs, so it cannot even be read then.
    private static readonly HashSet<string> SkippedFiles = [".npm-ci.lock"];

    [Fact]
    public void NoFileOfTheRepository_RefersToAFolderBesideIt()
    {
        var (scanned, found) = Scan(PlatformValidators.RepoRoot);

        Assert.Contains("README.md", scanned);
        Assert.Contains(Path.Combine(".ci", "run"), scanned);
        Assert.Contains(Path.Combine("tests", "PromiseBot.Testing", "PlatformValidators.cs"), scanned);
        Assert.Empty(found);
    }

    [Fact]
    public void TheScan_FindsAPlantedReference_AndSkipsBuildOutput()
    {
        var root = Directory.CreateTempSubdirectory("promisebot-scan-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "src", "bin"));
            File.WriteAllText(Path.Combine(root, "src", "Options.cs"), $"// see {OutsideReferences[0]}/docs/architecture.md\n");
            File.WriteAllText(Path.Combine(root, "src", "bin", "copy.txt"), OutsideReferences[0]);
            File.WriteAllText(Path.Combine(root, "README.md"), "nothing outside\n");

            var (scanned, found) = Scan(root);

            Assert.Equal([Path.Combine("src", "Options.cs") + ":1"], found);
            Assert.Equal(2, scanned.Count);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void EveryRelativeLinkInTheReadmeAndDocs_LeadsToAFile()
    {
        var root = PlatformValidators.RepoRoot;
        var documents = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "tests", "validators"), "README.md"))
            .ToList();

        var broken = new List<string>();
        var links = 0;
        foreach (var document in documents)
        {
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(document)))
            {
                var target = link.Groups["target"].Value.Split('#')[0];
                if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                links++;
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, target));
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    broken.Add($"{Path.GetRelativePath(root, document)}: {target}");
                }
            }
        }

        Assert.Contains(documents, d => d.EndsWith(Path.Combine("docs", "architecture.md"), StringComparison.Ordinal));
        Assert.Contains("(docs/architecture.md)", File.ReadAllText(Path.Combine(root, "README.md")), StringComparison.Ordinal);
        Assert.True(links > 3, $"only {links} relative links found");
        Assert.Empty(broken);
    }

    /// <summary>Every text file under <paramref name="root"/> (relative paths) and each "file:line" naming an outside folder.</summary>
    private static (List<string> Scanned, List<string> Found) Scan(string root)
    {
        var scanned = new List<string>();
        var found = new List<string>();
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                if (!SkippedDirectories.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(dir).Where(f => !SkippedFiles.Contains(Path.GetFileName(f))))
            {
                var bytes = File.ReadAllBytes(file);
                if (Array.IndexOf(bytes, (byte)0) >= 0)
                {
                    continue; // binary: icons, zips, databases
                }

                var relative = Path.GetRelativePath(root, file);
                scanned.Add(relative);
                var lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    if (OutsideReferences.Any(r => lines[i].Contains(r, StringComparison.OrdinalIgnoreCase)))
                    {
                        found.Add($"{relative}:{i + 1}");
                    }
                }
            }
        }

        return (scanned, found);
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
