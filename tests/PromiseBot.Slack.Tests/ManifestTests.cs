using System.Text.Json.Nodes;
using PromiseBot.Testing;
using YamlDotNet.RepresentationModel;

namespace PromiseBot.Slack.Tests;

public sealed class ManifestTests
{
    private static readonly string ManifestPath = Path.Combine(PlatformValidators.RepoRoot, "manifests", "slack", "manifest.yaml");
    private static readonly string SocketModeManifestPath = Path.Combine(PlatformValidators.RepoRoot, "manifests", "slack", "manifest.socket-mode.yaml");

    // What may differ between the HTTP and the Socket Mode app: where Slack sends requests, and the switch itself.
    // The OAuth redirect URL is public-host only too: a Socket Mode app on a laptop installs from its settings page.
    private static readonly HashSet<string> TransportKeys = ["url", "request_url", "message_menu_options_url", "socket_mode_enabled", "redirect_urls"];

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
        Assert.Equal(["commands", "chat:write", "users:read", "im:write", "app_mentions:read", "im:history", "files:write", "files:read"], scopes);
    }

    [Fact]
    public async Task SocketModeManifest_PassesTheManifestValidator()
    {
        var result = await PlatformValidators.SlackManifestAsync(SocketModeManifestPath);
        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void SocketModeManifest_IsTheHttpAppWithSocketModeOnAndNoRequestUrls()
    {
        var http = Load(ManifestPath);
        var socket = Load(SocketModeManifestPath);

        Assert.Equal("false", (string?)http["settings"]!["socket_mode_enabled"]);
        Assert.Equal("true", (string?)socket["settings"]!["socket_mode_enabled"]);
        Assert.DoesNotContain(Keys(socket), k => k is "url" or "request_url" or "message_menu_options_url");
        Assert.DoesNotContain("YOUR-HOST", File.ReadAllText(SocketModeManifestPath), StringComparison.Ordinal);

        // Everything else (commands, scopes, events, shortcuts, interactivity, app home) must be identical, so the two
        // apps cannot drift apart: change manifest.yaml, change this one with it.
        var httpApp = WithoutTransport(http);
        var socketApp = WithoutTransport(socket);
        Assert.True(JsonNode.DeepEquals(httpApp, socketApp), $"The manifests differ beyond request URLs:\nHTTP:   {httpApp.ToJsonString()}\nSocket: {socketApp.ToJsonString()}");
    }

    [Fact]
    public void ManifestComparison_NoticesADifferentScope()
    {
        // Proves the comparison above can fail.
        var socket = WithoutTransport(Load(SocketModeManifestPath));
        var changed = socket.DeepClone().AsObject();
        changed["oauth_config"]!["scopes"]!["bot"]!.AsArray().Add("channels:history");

        Assert.False(JsonNode.DeepEquals(socket, changed));
    }

    [Fact]
    public async Task Validator_RejectsABrokenManifest()
    {
        // Proves the helper reports failures instead of passing everything.
        var result = await PlatformValidators.RunOnTextAsync("validate-slack-manifest.sh", "display_information:\n  name: x\nfeatures:\n  slash_commands:\n    - command: promise\n", ".yaml");
        Assert.Equal(1, result.ExitCode);
        Assert.NotEmpty(result.StdErr);
    }

    private static JsonObject Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        return ToJson(yaml.Documents[0].RootNode).AsObject();
    }

    // Scalars stay text: the comparison is about structure and values, not YAML typing.
    private static JsonNode ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, (JsonNode?)ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? string.Empty),
        _ => throw new InvalidOperationException("Unexpected YAML node " + node.NodeType),
    };

    private static JsonObject WithoutTransport(JsonObject manifest)
    {
        var copy = manifest.DeepClone().AsObject();
        Strip(copy);
        return copy;
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).Where(TransportKeys.Contains).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, child) in obj)
                {
                    Strip(child);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Strip(item);
                }

                break;
        }
    }

    private static IEnumerable<string> Keys(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Keys(p.Value).Prepend(p.Key)),
        JsonArray array => array.SelectMany(Keys),
        _ => [],
    };
}
