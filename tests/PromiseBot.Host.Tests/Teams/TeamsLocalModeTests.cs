using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Host.Outbox;
using PromiseBot.Host.Playground;
using PromiseBot.Teams.Hosting;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Host.Tests.Teams;

/// <summary>
/// The unauthenticated local mode (the Agents Playground sends no token): only with
/// <c>Teams__AllowUnauthenticatedLocal=true</c>, no app id, Development and a loopback-only listener. Everything else
/// answers an unsigned activity 401 and stores nothing, however the host was started.
/// </summary>
public sealed class TeamsLocalModeTests
{
    /// <summary>The host as the given settings and environment start it (as <c>dotnet run</c> would, minus Kestrel).</summary>
    private sealed class StartedHost(string connectionString, string environment, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        public FakeTimeProvider Clock { get; } = new(BotHost.Start);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:PromiseBot", connectionString);
            builder.UseSetting("PromiseBot:DefaultTimeZone", "America/New_York");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseEnvironment(environment);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    private static string Activity(string serviceUrl, string id = "1") => $$"""
        { "type": "message", "id": "{{id}}", "channelId": "msteams", "serviceUrl": "{{serviceUrl}}",
          "from": { "id": "user-id-0", "name": "Alex Wilber" }, "recipient": { "id": "00000000-0000-0000-0000-00000000000011", "name": "PromiseBot" },
          "conversation": { "id": "personal-chat-id", "conversationType": "personal", "tenantId": "00000000-0000-0000-0000-000000000001" },
          "text": "Try the playground by Friday 5pm" }
        """;

    /// <summary>How the README's commands start the host: the launch profile of <c>dotnet run</c> (quick start and the
    /// local Teams recipe without its opt-in), and the deployment steps' <c>--no-launch-profile</c> (Production).</summary>
    public static TheoryData<string> ReadmeStarts() => ["launch profile", "deployment"];

    private static (string Environment, Dictionary<string, string?> Settings) ReadmeStart(string how)
    {
        if (how == "deployment")
        {
            // `dotnet run --no-launch-profile --project src/PromiseBot.Host --urls http://0.0.0.0:5080` with the Slack secrets.
            return ("Production", new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:5080", ["Slack:SigningSecret"] = BotHost.Secret });
        }

        // `dotnet run --project src/PromiseBot.Host` applies Properties/launchSettings.json: read it, as dotnet run does.
        var path = Path.Combine(PlatformValidators.RepoRoot, "src", "PromiseBot.Host", "Properties", "launchSettings.json");
        var profile = JsonNode.Parse(File.ReadAllText(path))!["profiles"]!["PromiseBot.Host"]!;
        var settings = new Dictionary<string, string?> { ["urls"] = (string?)profile["applicationUrl"] };
        var environment = "Production";
        foreach (var (key, value) in profile["environmentVariables"]?.AsObject() ?? [])
        {
            if (key == "ASPNETCORE_ENVIRONMENT")
            {
                environment = (string)value!;
            }
            else
            {
                settings[key.Replace("__", ":", StringComparison.Ordinal)] = (string?)value;
            }
        }

        return (environment, settings);
    }

    private static async Task<int> PostAsync(WebApplicationFactory<Program> host, string body, string contentType = "application/json",
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }

        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>Rows in the tables an activity could write, in the configured file and the playground's own one.</summary>
    private static long Stored(string connectionString)
    {
        long total = 0;
        foreach (var cs in new[] { connectionString, PlaygroundMode.DatabaseFor(connectionString) })
        {
            var file = new SqliteConnectionStringBuilder(cs).DataSource;
            if (!File.Exists(file))
            {
                continue;
            }

            using var connection = new SqliteConnection(cs);
            connection.Open();
            total += connection.ExecuteScalar<long>(
                "SELECT (SELECT COUNT(*) FROM promises) + (SELECT COUNT(*) FROM conversation_references) + (SELECT COUNT(*) FROM outbox WHERE platform = 'Teams')");
        }

        return total;
    }

    [Theory]
    [MemberData(nameof(ReadmeStarts))]
    public async Task StartedTheWayTheReadmeSays_AnUnsignedTeamsRequestIs401_AndNothingIsStored(string how)
    {
        using var db = new TempDatabase();
        var (environment, settings) = ReadmeStart(how);
        await using var host = new StartedHost(db.ConnectionString, environment, settings);

        var status = await PostAsync(host, Activity("http://localhost:56150/"));

        Assert.Equal(401, status);
        Assert.Equal(0L, Stored(db.ConnectionString));
    }

    [Fact]
    public void TheReadmesDeploymentSteps_RunTheHostInProduction()
    {
        var readme = File.ReadAllText(Path.Combine(PlatformValidators.RepoRoot, "README.md"));
        var start = readme.IndexOf("## Connect a real Slack workspace", StringComparison.Ordinal);
        var end = readme.IndexOf("### Try Teams on your machine", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README sections moved");

        var runs = readme[start..end].Split('\n').Where(l => l.Contains("dotnet run", StringComparison.Ordinal)).ToList();

        Assert.True(runs.Count >= 3, "expected the Slack HTTP, Socket Mode and Teams start commands");
        Assert.All(runs, line => Assert.True(
            line.Contains("--no-launch-profile", StringComparison.Ordinal) || line.Contains("ASPNETCORE_ENVIRONMENT=Production", StringComparison.Ordinal),
            "runs with the Development launch profile: " + line.Trim()));
    }

    [Fact]
    public void TheLaunchProfile_ListensOnLoopback_AndDoesNotOptIn()
    {
        var (environment, settings) = ReadmeStart("launch profile");

        Assert.Equal("Development", environment);
        Assert.Null(ListenAddresses.FirstNotLoopback(ListenAddresses.Configured(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())));
        Assert.False(settings.ContainsKey(TeamsLocalMode.OptInKey));
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", null, "Development")]
    [InlineData("http://+:5080", null, "Development")]
    [InlineData("http://*:5080", null, "Development")]
    [InlineData("http://[::]:5080", null, "Development")]
    [InlineData("http://localhost:5080;http://192.168.1.20:5080", null, "Development")]
    [InlineData("http://promisebot.example.com:5080", null, "Development")]
    [InlineData(null, "8080", "Development")]
    [InlineData("http://localhost:5080", null, "Production")]
    public async Task OptInWithoutALoopbackOnlyListenerOrOutsideDevelopment_IsRefused(string? urls, string? httpPorts, string environment)
    {
        using var db = new TempDatabase();
        await using var host = new StartedHost(db.ConnectionString, environment, new Dictionary<string, string?>
        {
            [TeamsLocalMode.OptInKey] = "true",
            ["urls"] = urls,
            ["http_ports"] = httpPorts,
            ["PromiseBot:Playground"] = "false",
        });

        var status = await PostAsync(host, Activity("http://localhost:56150/"));

        Assert.Equal(401, status);
        Assert.Equal(0L, Stored(db.ConnectionString));
        var mode = host.Services.GetRequiredService<TeamsLocalMode>();
        Assert.False(mode.Enabled);
        Assert.NotNull(mode.RefusedBecause);
    }

    [Fact]
    public async Task OptInWithAnAppId_StillNeedsAToken()
    {
        using var db = new TempDatabase();
        await using var host = new StartedHost(db.ConnectionString, "Development", new Dictionary<string, string?>
        {
            [TeamsLocalMode.OptInKey] = "true",
            ["urls"] = "http://localhost:5080",
            ["Teams:AppId"] = "app-id",
            ["Teams:AppPassword"] = "secret",
            ["Teams:OpenIdMetadataUrl"] = "http://127.0.0.1:9/metadata",
            ["Teams:TokenEndpoint"] = "http://127.0.0.1:9/token",
            ["PromiseBot:Playground"] = "false",
        });

        Assert.Equal(401, await PostAsync(host, Activity("http://localhost:56150/")));
        Assert.Equal(0L, Stored(db.ConnectionString));
    }

    [Fact]
    public async Task OptInOnLoopback_AnUnsignedActivityIsServed_AndTheReplyReachesTheLocalConnectorWithoutAToken()
    {
        using var db = new TempDatabase();
        await using var connector = await FakeBotConnector.StartAsync();
        connector.RequireToken = false;
        await using var host = new StartedHost(db.ConnectionString, "Development", new Dictionary<string, string?>
        {
            [TeamsLocalMode.OptInKey] = "true",
            ["urls"] = "http://localhost:5080",
            ["PromiseBot:Playground"] = "false",
        });

        var status = await PostAsync(host, Activity(connector.ServiceUrl));
        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sent = await connector.WaitForCallAsync("send", cancellationToken: wait.Token);

        Assert.Equal(200, status);
        using (var connection = new SqliteConnection(db.ConnectionString))
        {
            Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM promises WHERE workspace = 'teams:00000000-0000-0000-0000-000000000001'"));
            Assert.Equal("sent", connection.ExecuteScalar<string>("SELECT status FROM outbox WHERE platform = 'Teams'"));
        }

        Assert.Null(sent.Authorization);
        Assert.Equal("personal-chat-id", sent.ConversationId);
        Assert.Equal("/amer/", sent.ServicePath);
        Assert.Contains("Try the playground", JsonText.AllStrings(sent.Json));
        var activity = await PlatformValidators.BotActivityAsync(sent.RawBody);
        Assert.True(activity.IsValid, activity.ToString());
        var card = await PlatformValidators.AdaptiveCardAsync(sent.Json!["attachments"]![0]!.ToJsonString());
        Assert.True(card.IsValid, card.ToString());
    }

    [Theory]
    [InlineData("https://attacker.example.com/")]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("http://10.0.0.5:56150/")]
    public async Task LocalMode_RefusesAnUnsignedActivityWhoseServiceUrlIsOffThisMachine(string serviceUrl)
    {
        using var db = new TempDatabase();
        await using var host = new StartedHost(db.ConnectionString, "Development", new Dictionary<string, string?>
        {
            [TeamsLocalMode.OptInKey] = "true",
            ["PromiseBot:Playground"] = "false",
        });

        Assert.Equal(401, await PostAsync(host, Activity(serviceUrl)));
        Assert.Equal(0L, Stored(db.ConnectionString));
    }

    [Theory]
    [InlineData("application/json", "X-Forwarded-For", "203.0.113.7", 401)]
    [InlineData("application/json", "X-Forwarded-Host", "promisebot.ngrok.app", 401)]
    [InlineData("application/json", "Forwarded", "for=203.0.113.7", 401)]
    [InlineData("text/plain", null, null, 415)]
    [InlineData("application/x-www-form-urlencoded", null, null, 415)]
    public async Task LocalMode_RefusesRequestsThroughATunnelOrFromAWebPage(string contentType, string? header, string? value, int expected)
    {
        using var db = new TempDatabase();
        await using var host = new StartedHost(db.ConnectionString, "Development", new Dictionary<string, string?>
        {
            [TeamsLocalMode.OptInKey] = "true",
            ["PromiseBot:Playground"] = "false",
        });
        var headers = header is null ? null : new Dictionary<string, string> { [header] = value! };

        Assert.Equal(expected, await PostAsync(host, Activity("http://localhost:56150/"), contentType, headers));
        Assert.Equal(0L, Stored(db.ConnectionString));
    }
}
