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
/// Runs our platform validators (<c>tests/validators</c>, see its README: checks built on Slack's and Microsoft's own
/// packages and schemas) so rendered payloads and manifests are held to what Slack and Teams accept. Needs bash, node
/// and npm; the first use installs the pinned packages with <c>npm ci</c> when <c>node_modules</c> is missing or older
/// than <c>package-lock.json</c>, once per process and under a file lock shared with every other test process.
/// </summary>
public static class PlatformValidators
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly Lazy<Task> Install = new(InstallAsync);

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

    /// <summary>The validator runner inside the repository.</summary>
    public static string ValidatorsDir { get; } = Path.Combine(RepoRoot, "tests", "validators");

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
        var scriptPath = Path.Combine(ValidatorsDir, script);
        if (!File.Exists(scriptPath))
        {
            throw new FileNotFoundException($"Validator {script} not found in {ValidatorsDir}", scriptPath);
        }

        await Install.Value;
        var (exitCode, stdout, stderr) = await RunProcessAsync(script, RepoRoot, "bash", scriptPath, Path.GetFullPath(file));
        return new ValidatorResult(script, exitCode, stdout, stderr);
    }

    /// <summary>
    /// <c>npm ci</c> in the validators folder unless its packages are already installed. The check is repeated under
    /// <c>flock</c> on <c>.npm-ci.lock</c> (the lock <c>lib/setup.sh</c> takes too), so parallel test processes install
    /// once and never run a check against a half-written <c>node_modules</c>.
    /// </summary>
    private static async Task InstallAsync()
    {
        if (IsInstalled())
        {
            return;
        }

        const string InstallUnlessInstalled =
            "stamp=node_modules/.package-lock.json; " +
            "if [ -f \"$stamp\" ] && [ ! package-lock.json -nt \"$stamp\" ]; then exit 0; fi; " +
            "npm ci --no-audit --no-fund --loglevel=error";
        var (exitCode, stdout, stderr) = await RunProcessAsync(
            "npm ci", ValidatorsDir, "flock", Path.Combine(ValidatorsDir, ".npm-ci.lock"), "bash", "-c", InstallUnlessInstalled);
        if (exitCode != 0 || !IsInstalled())
        {
            throw new InvalidOperationException($"npm ci in {ValidatorsDir} failed (exit {exitCode}); the validators need Node.js and npm.\n{stderr}\n{stdout}");
        }
    }

    private static bool IsInstalled()
    {
        var stamp = new FileInfo(Path.Combine(ValidatorsDir, "node_modules", ".package-lock.json"));
        var lockFile = new FileInfo(Path.Combine(ValidatorsDir, "package-lock.json"));
        return stamp.Exists && stamp.LastWriteTimeUtc >= lockFile.LastWriteTimeUtc;
    }

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunProcessAsync(string what, string workingDirectory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}");
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
            throw new TimeoutException($"{what} did not finish within {Timeout}");
        }

        return (process.ExitCode, await stdout, await stderr);
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
}
