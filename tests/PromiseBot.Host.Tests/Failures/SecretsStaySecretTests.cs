using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Host.Outbox;
using PromiseBot.Slack.OAuth;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Failures;

/// <summary>
/// The host runs with known secret values (the Slack signing secret, a configured bot token, the OAuth client secret,
/// a workspace's bot token that arrives through an install, the Teams app password) and every endpoint is driven, the
/// failures included: good and forged commands, stale signatures, broken events and clicks, an install and a forged
/// callback, Teams activities with no or a forged token, the health endpoints. None of the secrets may appear in any
/// log line (exceptions included), in any response, or in the database file and its journal (tokens are stored
/// encrypted with the data-protection key ring).
/// </summary>
public sealed class SecretsStaySecretTests : IAsyncLifetime
{
    private const string BotToken = "xoxb-SECRETBOT-4417-abcdef";
    private const string InstalledToken = "xoxb-SECRETINSTALL-9921-zyxwvu";
    private const string ClientSecret = "SECRETCLIENT-5521-qwerty";
    private const string AppPassword = "SECRETTEAMS-9931-asdfgh";
    private const string RedirectUri = "https://bot.example/slack/oauth/callback";

    private static readonly string[] Secrets = [BotHost.Secret, BotToken, InstalledToken, ClientSecret, AppPassword];

    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(BotHost.Start);
    private readonly CapturedLogs _logs = new();
    private readonly List<string> _responses = [];
    private FakeSlackApi _slack = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync(timeProvider: _clock);
        _slack.BotToken = BotToken;
        _slack.ClientSecret = ClientSecret;
        _slack.AddUser("U1", "America/New_York");
        _host = new BotHost(_db.ConnectionString, _clock, new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = _slack.BaseUrl,
            ["Slack:BotToken"] = BotToken,
            ["Slack:ClientId"] = _slack.ClientId,
            ["Slack:ClientSecret"] = ClientSecret,
            ["Slack:RedirectUri"] = RedirectUri,
            ["Slack:AuthorizeUrl"] = "https://slack.test/oauth/v2/authorize",
            ["Teams:AppId"] = "00000000-0000-0000-0000-000000000001",
            ["Teams:AppPassword"] = AppPassword,
            // Nothing listens there: a token or key fetch fails at once, as it would with the network down.
            ["Teams:OpenIdMetadataUrl"] = "http://127.0.0.1:9/openid",
            ["Teams:TokenEndpoint"] = "http://127.0.0.1:9/token",
            ["PromiseBot:Metrics:Enabled"] = "true",
        });
        _host.Services.GetRequiredService<ILoggerFactory>().AddProvider(_logs);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        _db.Dispose();
    }

    private async Task<int> SendAsync(HttpRequestMessage request)
    {
        using var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var response = await client.SendAsync(request);
        _responses.Add(response.Headers + "\n" + await response.Content.ReadAsStringAsync());
        return (int)response.StatusCode;
    }

    private static HttpRequestMessage Post(string path, string body, string contentType) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };

    private static HttpRequestMessage Signed(string path, string body, string contentType, DateTimeOffset at, string secret = BotHost.Secret)
    {
        var request = Post(path, body, contentType);
        SlackSigner.AddHeaders(request, secret, body, at);
        return request;
    }

    private static string Slash(string text, string trigger) =>
        $"token=x&team_id=T1&team_domain=acme&channel_id=C1&channel_name=general&user_id=U1&user_name=sam&command=%2Fpromise&text={Uri.EscapeDataString(text)}"
        + $"&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&trigger_id={trigger}&api_app_id=A1";

    private async Task DriveEveryEndpointAsync()
    {
        var now = _clock.GetUtcNow();
        const string form = "application/x-www-form-urlencoded";

        // Slack slash commands: good ones (a create, a refusal, a list), forged, stale, unsigned, replayed, garbage.
        Assert.Equal(200, await SendAsync(Signed("/slack/commands", Slash("Send the quote to Acme by Friday 5pm", "t1"), form, now)));
        Assert.Equal(200, await SendAsync(Signed("/slack/commands", Slash("done 99", "t2"), form, now)));
        Assert.Equal(200, await SendAsync(Signed("/slack/commands", Slash("list", "t3"), form, now)));
        Assert.Equal(401, await SendAsync(Signed("/slack/commands", Slash("list", "t4"), form, now, secret: "wrong-secret")));
        Assert.Equal(401, await SendAsync(Signed("/slack/commands", Slash("list", "t5"), form, now.AddMinutes(-10))));
        Assert.Equal(401, await SendAsync(Post("/slack/commands", Slash("list", "t6"), form)));
        Assert.True(await SendAsync(Signed("/slack/commands", Slash("list", "t3"), form, now)) is 200 or 401);
        Assert.Equal(400, await SendAsync(Signed("/slack/commands", "%%%not a form", form, now)));

        // Events and clicks: a DM that creates a promise, broken JSON, a forged body, a click that is not a payload.
        var dm = new JsonObject
        {
            ["type"] = "event_callback", ["team_id"] = "T1", ["api_app_id"] = "A1", ["event_id"] = "Ev1", ["event_time"] = 1795446000,
            ["event"] = new JsonObject { ["type"] = "message", ["channel_type"] = "im", ["channel"] = "D1", ["user"] = "U1", ["text"] = "Call Initech back by tomorrow 3pm", ["ts"] = "1795446000.000100" },
        }.ToJsonString();
        Assert.Equal(200, await SendAsync(Signed("/slack/events", dm, "application/json", now)));
        Assert.Equal(400, await SendAsync(Signed("/slack/events", "{\"type\":\"event_callback\",", "application/json", now)));
        Assert.Equal(401, await SendAsync(Signed("/slack/events", dm, "application/json", now, secret: "wrong-secret")));
        Assert.Equal(400, await SendAsync(Signed("/slack/interactions", "payload=%7Bnot-json", form, now)));
        Assert.Equal(401, await SendAsync(Post("/slack/interactions", "payload=%7B%7D", form)));
        await _host.Services.GetRequiredService<PromiseBot.Slack.Events.SlackEventWorker>().ProcessDueAsync(CancellationToken.None);

        // An install of another workspace (its token arrives from Slack), a callback with a forged state, one with an error.
        using (var install = new HttpRequestMessage(HttpMethod.Get, "/slack/install"))
        {
            using var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            using var started = await client.SendAsync(install);
            var location = started.Headers.Location!;
            _responses.Add(started.Headers + "\n" + location);
            var state = QueryHelpers.ParseQuery(location.Query)["state"].ToString();
            var code = _slack.IssueCode(new FakeSlackInstall("T9", "Acme", InstalledToken, BotUserId: "UACMEBOT"), RedirectUri);
            using var callback = new HttpRequestMessage(HttpMethod.Get, $"/slack/oauth/callback?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");
            callback.Headers.Add("Cookie", SlackInstallEndpoints.StateCookie + "=" + state);
            Assert.Equal(200, await SendAsync(callback));
        }

        Assert.Equal(400, await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/slack/oauth/callback?code=bad&state=forged")));
        Assert.True(await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/slack/oauth/callback?error=access_denied&state=x")) < 500);

        // Teams: no token, a forged token, a body that is not an activity.
        const string activity = """{"type":"message","id":"1","serviceUrl":"http://127.0.0.1:9/","channelId":"msteams","from":{"id":"29:1"},"conversation":{"id":"a:1"},"recipient":{"id":"28:bot"},"text":"list"}""";
        Assert.Equal(401, await SendAsync(Post("/api/messages", activity, "application/json")));
        var forged = Post("/api/messages", activity, "application/json");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln");
        Assert.Equal(401, await SendAsync(forged));
        var garbage = Post("/api/messages", "{", "application/json");
        garbage.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AppPassword);
        Assert.True(await SendAsync(garbage) is >= 400 and < 500);

        // Operations endpoints, and the outbox sending what the commands queued (with the bot tokens, to the fake Slack).
        foreach (var path in new[] { "/healthz", "/readyz", "/metrics" })
        {
            Assert.True(await SendAsync(new HttpRequestMessage(HttpMethod.Get, path)) < 500, path);
        }

        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task NoSecretAppears_InTheLogs_TheReplies_OrTheDatabaseFile()
    {
        await DriveEveryEndpointAsync();

        // The run did what it should: both tokens were used towards Slack, the install was stored.
        Assert.NotEmpty(_slack.CallsTo("chat.postMessage"));
        Assert.Equal(1, _host.Count("slack_installations"));
        Assert.NotEmpty(_logs.Lines);

        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(_logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(_responses, r => r.Contains(secret, StringComparison.Ordinal));
        }

        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        var files = Directory.GetFiles(_db.Folder).Where(f => Path.GetFileName(f).StartsWith("promisebot.db", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var secret in Secrets)
            {
                Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(secret)), $"{secret} is in {Path.GetFileName(file)} as plain text");
                Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(secret)), $"{secret} is in {Path.GetFileName(file)} as UTF-16");
            }
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {state} {exception}");
        }
    }
}
