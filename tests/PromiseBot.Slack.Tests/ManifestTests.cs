using PromiseBot.Testing;

namespace PromiseBot.Slack.Tests;

public sealed class ManifestTests
{
    private static readonly string ManifestPath = Path.Combine(PlatformValidators.RepoRoot, "manifests", "slack", "manifest.yaml");

    [Fact]
    public async Task SlackManifest_PassesTheManifestValidator()
    {
        var result = await PlatformValidators.SlackManifestAsync(ManifestPath);
        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void SlackManifest_DeclaresThePromiseCommandAndOnlyTheScopesWeUse()
    {
        var manifest = File.ReadAllText(ManifestPath);

        Assert.Contains("command: /promise\n", manifest);
        Assert.Contains("url: https://YOUR-HOST/slack/commands", manifest);
        var scopes = manifest.Split('\n')
            .SkipWhile(l => l.Trim() != "bot:").Skip(1)
            .Select(l => l.Trim()).Where(l => !l.StartsWith('#'))
            .TakeWhile(l => l.StartsWith("- ", StringComparison.Ordinal))
            .Select(l => l[2..]);
        Assert.Equal(["commands", "chat:write", "users:read", "im:write", "app_mentions:read", "im:history"], scopes);
    }

    [Fact]
    public async Task Validator_RejectsABrokenManifest()
    {
        // Proves the helper reports failures instead of passing everything.
        var result = await PlatformValidators.RunOnTextAsync("validate-slack-manifest.sh", "display_information:\n  name: x\nfeatures:\n  slash_commands:\n    - command: promise\n", ".yaml");
        Assert.Equal(1, result.ExitCode);
        Assert.NotEmpty(result.StdErr);
    }
}
