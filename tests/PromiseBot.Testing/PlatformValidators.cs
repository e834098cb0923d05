using System.Diagnostics;

namespace PromiseBot.Testing;

/// <summary>The outcome of one validator run: exit 0 = valid (warnings allowed), 1 = invalid, 2/3 = usage/setup.</summary>
public sealed record ValidatorResult(string Script, int ExitCode, string StdOut, string StdErr)
{
    public bool IsValid => ExitCode == 0;

    /// <summary>A message for assertion failures: the script, the exit code and the findings.</summary>
    public override string ToString() => $"{Script} exited {ExitCode}\n{StdErr}\n{StdOut}";
}

/// <summary>
/// Runs the shared platform validators (<c>../shared/tools/validators</c>, see its README) so rendered payloads and
/// manifests are held to what Slack and Teams accept. Needs bash, node and npm; the first run does <c>npm ci</c>.
/// </summary>
public static class PlatformValidators
{
    /// <summary>Overrides where <c>shared/</c> lives (default: the sibling of the directory holding PromiseBot.sln).</summary>
    public const string SharedDirVariable = "PROMISEBOT_SHARED_DIR";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly Lazy<string> ValidatorsDir = new(FindValidatorsDir);

    /// <summary>Validates a Slack message / view / block array given as JSON text.</summary>
    public static Task<ValidatorResult> BlockKitAsync(string json) => RunOnTextAsync("validate-block-kit.sh", json, ".json");

    /// <summary>Validates a Slack app manifest file (YAML or JSON).</summary>
    public static Task<ValidatorResult> SlackManifestAsync(string path) => RunAsync("validate-slack-manifest.sh", path);

    /// <summary>Validates an Adaptive Card (bare or as an attachment) given as JSON text.</summary>
    public static Task<ValidatorResult> AdaptiveCardAsync(string json) => RunOnTextAsync("validate-adaptive-card.sh", json, ".json");

    /// <summary>Validates an outgoing Bot Framework activity given as JSON text.</summary>
    public static Task<ValidatorResult> BotActivityAsync(string json) => RunOnTextAsync("validate-bot-activity.sh", json, ".json");

    /// <summary>Validates a Teams manifest.json or upload zip file.</summary>
    public static Task<ValidatorResult> TeamsManifestAsync(string path) => RunAsync("validate-teams-manifest.sh", path);

    /// <summary>The repository root: the nearest ancestor of the test binaries that contains PromiseBot.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static async Task<ValidatorResult> RunOnTextAsync(string script, string content, string extension)
    {
        var file = Path.Combine(Path.GetTempPath(), $"promisebot-{Guid.NewGuid():N}{extension}");
        await File.WriteAllTextAsync(file, content);
        try
        {
            return await RunAsync(script, file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static async Task<ValidatorResult> RunAsync(string script, string file)
    {
        var scriptPath = Path.Combine(ValidatorsDir.Value, script);
        if (!File.Exists(scriptPath))
        {
            throw new FileNotFoundException($"Validator {script} not found in {ValidatorsDir.Value}", scriptPath);
        }

        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot,
        };
        start.ArgumentList.Add(scriptPath);
        start.ArgumentList.Add(Path.GetFullPath(file));

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within {Timeout}");
        }

        return new ValidatorResult(script, process.ExitCode, await stdout, await stderr);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PromiseBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PromiseBot.sln above {AppContext.BaseDirectory}");
    }

    private static string FindValidatorsDir()
    {
        var shared = Environment.GetEnvironmentVariable(SharedDirVariable);
        if (string.IsNullOrEmpty(shared))
        {
            shared = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
        }

        return Path.Combine(shared, "tools", "validators");
    }
}
