using System.IO.Compression;
using System.Text.Json.Nodes;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Standalone;

/// <summary>
/// The validator runner in tests/validators accepts what the platforms accept and refuses what they refuse: every
/// sample under tests/validators/samples passes (good-*) or fails for the stated reason (bad-*).
/// </summary>
public sealed class ValidatorRunnerTests
{
    private static readonly string Samples = Path.Combine(PlatformValidators.ValidatorsDir, "samples");

    private static readonly Dictionary<string, string> ScriptFor = new()
    {
        ["block-kit"] = "validate-block-kit.sh",
        ["slack"] = "validate-slack-manifest.sh",
        ["teams"] = "validate-teams-manifest.sh",
        ["adaptive-card"] = "validate-adaptive-card.sh",
        ["bot-activity"] = "validate-bot-activity.sh",
    };

    // Each sample and, for a bad one, a piece of the finding that must make it fail.
    private static readonly Dictionary<string, string?> Expected = new()
    {
        ["block-kit/good-message.json"] = null,
        ["block-kit/good-modal.json"] = null,
        ["block-kit/bad-header-in-mrkdwn.json"] = "/blocks/0/text: must be plain_text, not mrkdwn",
        ["block-kit/bad-button-text-too-long.json"] = "(at most 75)",
        ["block-kit/bad-duplicate-block-id.json"] = "block_id \"row:1\" is also used at /blocks/0",
        ["block-kit/bad-unknown-property.json"] = "'\"colour\"' does not exist in type 'SectionBlock'",
        ["block-kit/bad-empty-message.json"] = "no_text",
        ["block-kit/bad-modal-title-too-long.json"] = "the view title is 28 characters (at most 24)",
        ["slack/good-minimal.yaml"] = null,
        ["slack/bad-events-without-request-url.yaml"] = "event subscriptions need a request_url",
        ["slack/bad-event-without-scope.yaml"] = "the event message.im needs the bot scope im:history",
        ["slack/bad-unknown-key.yaml"] = "\"additionalProperty\":\"tagline\"",
        ["slack/bad-duplicate-key.yaml"] = "Map keys must be unique",
        ["slack/bad-name-too-long.json"] = "/display_information/name: must NOT have more than 35 characters",
        ["teams/bad-short-name-too-long.json"] = "/name/short: must NOT have more than 30 characters",
        ["teams/bad-schema-names-another-version.json"] = "$schema names v1.17 but manifestVersion is \"1.29\"",
        ["teams/bad-version-not-semver.json"] = "the app version \"1.0\" must be MAJOR.MINOR.PATCH",
        ["teams/bad-unknown-scope.json"] = "/bots/0/scopes/1: must be equal to one of the allowed values",
        ["adaptive-card/good-card.json"] = null,
        ["adaptive-card/good-attachment.json"] = null,
        ["adaptive-card/bad-version-too-new.json"] = "version 1.6 is newer than Teams renders (1.5)",
        ["adaptive-card/bad-numeric-version.json"] = "version must be a string",
        ["adaptive-card/bad-unknown-element.json"] = "Unknown element type \"PromiseList\"",
        ["adaptive-card/bad-open-url-without-url.json"] = "must have required property 'url'",
        ["adaptive-card/bad-seven-actions.json"] = "TooManyActions",
        ["adaptive-card/bad-misspelt-property.json"] = "unknown property \"colour\"",
        ["adaptive-card/good-people-picker.json"] = null,
        ["adaptive-card/bad-people-picker-dataset.json"] = "a Teams people picker is",
        ["bot-activity/good-message.json"] = null,
        ["bot-activity/good-typing.json"] = null,
        ["bot-activity/bad-empty-message.json"] = "a message needs non-empty text or at least one attachment",
        ["bot-activity/bad-pascal-case.json"] = "PascalCase property names (Type, Text)",
        ["bot-activity/bad-card-inside.json"] = "/attachments/0/content/version: version 1.6 is newer",
        ["bot-activity/bad-unknown-text-format.json"] = "\"html\" is none of",
        ["bot-activity/bad-mention-without-id.json"] = "mentioned.id",
    };

    public static TheoryData<string> SampleNames() => [.. Expected.Keys];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public async Task EachSample_PassesOrFailsForItsReason(string sample)
    {
        var kind = sample.Split('/')[0];

        var result = await PlatformValidators.RunAsync(ScriptFor[kind], Path.Combine(Samples, sample));

        if (Expected[sample] is { } reason)
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains(reason, result.StdErr, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(result.ExitCode == 0, result.ToString());
        }
    }

    [Fact]
    public void EverySampleOnDisk_IsListedWithItsReason_AndEveryValidatorHasBadOnes()
    {
        var onDisk = Directory.EnumerateFiles(Samples, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Samples, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), onDisk);
        foreach (var kind in ScriptFor.Keys)
        {
            Assert.True(Expected.Count(e => e.Key.StartsWith(kind + "/bad-", StringComparison.Ordinal)) >= 3, kind);
        }
    }

    [Theory]
    [InlineData("validate-block-kit.sh")]
    [InlineData("validate-slack-manifest.sh")]
    [InlineData("validate-teams-manifest.sh")]
    [InlineData("validate-adaptive-card.sh")]
    [InlineData("validate-bot-activity.sh")]
    public async Task AMissingFile_IsAUsageError(string script)
    {
        var result = await PlatformValidators.RunAsync(script, Path.Combine(Path.GetTempPath(), $"promisebot-missing-{Guid.NewGuid():N}.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotJson_IsInvalid()
    {
        var result = await PlatformValidators.BlockKitAsync("{\"text\": \"x\",");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not valid JSON", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiftyOneBlocks_AreTooManyForAMessage_ButFineInAModal()
    {
        JsonArray Blocks() => [.. Enumerable.Range(0, 51).Select(i => (JsonNode)new JsonObject { ["type"] = "divider", ["block_id"] = $"d{i}" })];

        var message = await PlatformValidators.BlockKitAsync(new JsonObject { ["text"] = "x", ["blocks"] = Blocks() }.ToJsonString());
        var modal = await PlatformValidators.BlockKitAsync(new JsonObject
        {
            ["type"] = "modal", ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Promises" }, ["blocks"] = Blocks(),
        }.ToJsonString());

        Assert.Equal(1, message.ExitCode);
        Assert.Contains("51 blocks; a message holds at most 50", message.StdErr, StringComparison.Ordinal);
        Assert.True(modal.IsValid, modal.ToString());
    }

    [Theory]
    [InlineData("nested", "manifest.json must sit at the root of the zip")]
    [InlineData("missing-icon", "outline.png is not in the package")]
    [InlineData("colour-outline", "the outline icon must be white on transparent")]
    [InlineData("small-colour-icon", "the color icon is 32x32; it must be 192x192")]
    public async Task ABrokenTeamsPackage_IsRefused(string broken, string reason)
    {
        var teams = Path.Combine(PlatformValidators.RepoRoot, "manifests", "teams");
        var zip = Path.Combine(Path.GetTempPath(), $"promisebot-{broken}-{Guid.NewGuid():N}.zip");
        try
        {
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                var prefix = broken == "nested" ? "teams/" : "";
                archive.CreateEntryFromFile(Path.Combine(teams, "manifest.json"), prefix + "manifest.json");
                archive.CreateEntryFromFile(Path.Combine(teams, broken == "small-colour-icon" ? "outline.png" : "color.png"), prefix + "color.png");
                if (broken != "missing-icon")
                {
                    archive.CreateEntryFromFile(Path.Combine(teams, broken == "colour-outline" ? "color.png" : "outline.png"), prefix + "outline.png");
                }
            }

            var result = await PlatformValidators.TeamsManifestAsync(zip);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(reason, result.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(zip);
        }
    }
}
