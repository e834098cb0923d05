using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Testing;
using PromiseBot.Testing.Fuzzing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Fuzzing;

/// <summary>
/// The short form of <c>bench/http-fuzz.sh</c>: the whole app in-process (Slack signing secret, Teams local mode, the
/// playground) gets a few hundred malformed or hostile requests on every receiver: bad and missing signatures, stale
/// timestamps, truncated, oversized and invalid-UTF-8 bodies, wrong content types, correctly signed but mutated
/// payloads (<see cref="FuzzBytes"/>, <see cref="FuzzJson"/>, hostile text). None is answered 500 or more, signed
/// hostile commands echo no <c>&lt;!channel&gt;</c>-style markup, and afterwards a signed command still works.
/// </summary>
public sealed class HostileRequestsTests : IDisposable
{
    private const int Requests = 400;
    private const string Secret = BotHost.Secret;

    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private sealed class FuzzHost(string connectionString) : WebApplicationFactory<Program>
    {
        public FakeTimeProvider Clock { get; } = new(BotHost.Start);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:PromiseBot", connectionString);
            builder.UseSetting("PromiseBot:DefaultTimeZone", "America/New_York");
            builder.UseSetting("Slack:SigningSecret", Secret);
            builder.UseSetting("Teams:AllowUnauthenticatedLocal", "true");
            builder.UseSetting("urls", "http://127.0.0.1:5080");
            builder.UseSetting("PromiseBot:Playground", "true");
            builder.UseEnvironment("Development");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    [Fact]
    public async Task HostileRequests_AreNeverAnswered5xx_AndASignedCommandWorksAfterwards()
    {
        await using var host = new FuzzHost(_db.ConnectionString);
        using var client = host.CreateClient();
        var random = new Random(20261204);
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            var (path, describe, request) = Hostile(random, host.Clock.GetUtcNow());
            using (request)
            {
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var key = $"{path} {status / 100}xx";
                statuses[key] = statuses.GetValueOrDefault(key) + 1;
                var body = await response.Content.ReadAsStringAsync();
                if (status >= 500)
                {
                    failures.Add($"{path} {status} for {describe}: {body[..Math.Min(body.Length, 300)]}");
                }
                else if (path == "/slack/commands" && status == 200 && ForgedSlackMarkup(body) is { } forged)
                {
                    failures.Add($"'{forged}' in the reply to {describe}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + string.Join(", ", statuses.Select(s => $"{s.Key}={s.Value}")));
        Assert.True(statuses.Keys.Count(k => k.EndsWith("4xx", StringComparison.Ordinal)) >= 4, string.Join(", ", statuses.Keys));

        var (finalStatus, reply) = await SignedCommandAsync(client, host.Clock.GetUtcNow(), "add Fuzz survivor check for Acme by Friday 5pm");
        Assert.Equal(200, finalStatus);
        Assert.Contains("Fuzz survivor check", reply, StringComparison.Ordinal);
    }

    /// <summary>Regressions the fuzz runs found: a string of invalid UTF-8 or a lone surrogate escape parses as JSON and
    /// threw when it was read (an unhandled exception, 500); now each is a malformed body, 400.</summary>
    [Theory]
    [InlineData("/slack/events", "bytes")]
    [InlineData("/slack/events", "surrogate")]
    [InlineData("/slack/interactions", "surrogate")]
    [InlineData("/api/messages", "bytes")]
    [InlineData("/api/messages", "surrogate")]
    public async Task AStringThatIsNotText_IsAMalformedBody_Answered400(string path, string broken)
    {
        await using var host = new FuzzHost(_db.ConnectionString);
        using var client = host.CreateClient();
        var json = path switch
        {
            "/slack/events" => """{"token":"x","team_id":"T0FUZZ","type":"event_callback","event_id":"Ev1","event":{"type":"message","channel":"D0FUZZ","user":"U0FUZZ","text":"list","ts":"1.2","channel_type":"BROKEN"}}""",
            "/slack/interactions" => """{"type":"block_actions","team":{"id":"T0FUZZ"},"user":{"id":"U0FUZZ"},"trigger_id":"BROKEN","actions":[{"type":"button","action_id":"promise_done","value":"1:1"}]}""",
            _ => FuzzCorpus.Activities[6].Replace("https://smba.trafficmanager.net/amer/", "http://127.0.0.1:9/", StringComparison.Ordinal).Replace("\"f1\"", "\"BROKEN\"", StringComparison.Ordinal),
        };
        var at = json.IndexOf("BROKEN", StringComparison.Ordinal);
        byte[] bytes = [.. Encoding.UTF8.GetBytes(json[..at]), .. broken == "bytes" ? new byte[] { 0xFF, 0xFE } : "\\ud800"u8.ToArray(), .. Encoding.UTF8.GetBytes(json[(at + 6)..])];
        using var request = path switch
        {
            "/slack/events" => Signed(path, bytes, "application/json", host.Clock.GetUtcNow()),
            "/slack/interactions" => Signed(path, Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(Encoding.UTF8.GetString(bytes))), "application/x-www-form-urlencoded", host.Clock.GetUtcNow()),
            _ => Post(path, bytes, "application/json"),
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
    }

    private static string? ForgedSlackMarkup(string body)
    {
        foreach (var forged in new[] { "<!channel", "<!here", "<!everyone", "<!subteam", "<#C0EVIL", "<https://evil.example", "<http://evil.example", "<mailto:" })
        {
            if (body.Contains(forged, StringComparison.OrdinalIgnoreCase))
            {
                return forged;
            }
        }

        return null;
    }

    private static async Task<(int Status, string Body)> SignedCommandAsync(HttpClient client, DateTimeOffset now, string text)
    {
        using var request = Signed("/slack/commands", Encoding.UTF8.GetBytes(SlashForm(text, "final")), "application/x-www-form-urlencoded", now);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string SlashForm(string text, string trigger) =>
        new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = "x", ["team_id"] = "T0FUZZ", ["channel_id"] = "C0FUZZ", ["channel_name"] = "fuzz", ["user_id"] = "U0FUZZ",
            ["command"] = "/promise", ["text"] = text, ["trigger_id"] = "fuzz." + trigger, ["api_app_id"] = "A1",
            ["response_url"] = "https://hooks.slack.com/commands/1/2/3",
        }).ReadAsStringAsync().Result;

    private static HttpRequestMessage Signed(string path, byte[] body, string? contentType, DateTimeOffset at, string secret = Secret)
    {
        var request = Post(path, body, contentType);
        // The signature is over the bytes as sent; Latin-1 keeps every byte as one char for the signer.
        var (timestamp, _) = SlackSigner.Sign(secret, "", at);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SignatureOver(secret, timestamp, body));
        return request;
    }

    private static string SignatureOver(string secret, string timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), prefix.Concat(body).ToArray());
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    private static HttpRequestMessage Post(string path, byte[] body, string? contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            request.Content.Headers.ContentType = type;
        }

        return request;
    }

    private static readonly string[] ContentTypes =
        ["application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data; boundary=x", "application/json; charset=latin1"];

    private static (string Path, string Describe, HttpRequestMessage Request) Hostile(Random random, DateTimeOffset now)
    {
        var seed = random.Next();
        var form = Encoding.UTF8.GetBytes(SlashForm(FuzzText.Mutate(seed, FuzzCorpus.Commands), seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        switch (random.Next(14))
        {
            case 0:
                return ("/slack/commands", "a bad signature", Signed("/slack/commands", form, "application/x-www-form-urlencoded", now, "not-the-secret"));
            case 1:
                return ("/slack/commands", "a stale timestamp", Signed("/slack/commands", form, "application/x-www-form-urlencoded", now.AddMinutes(-6 - random.Next(10_000))));
            case 2:
            {
                // Signed over the whole body, sent cut short.
                var request = Signed("/slack/commands", form, "application/x-www-form-urlencoded", now);
                request.Content = new ByteArrayContent(form[..random.Next(form.Length)]);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
                return ("/slack/commands", "a truncated body", request);
            }
            case 3:
            case 4:
            {
                var body = FuzzBytes.Mutate(seed, [Encoding.UTF8.GetString(form), .. FuzzCorpus.SlashBodies]);
                return ("/slack/commands", $"signed mutated form {Fuzz.Printable(Encoding.Latin1.GetString(body))}", Signed("/slack/commands", body, ContentTypes[random.Next(ContentTypes.Length)], now));
            }
            case 5:
            {
                var path = new[] { "/slack/commands", "/slack/events", "/slack/interactions", "/api/messages", "/playground/api/command" }[random.Next(5)];
                var body = new byte[(1 + random.Next(2)) * 1024 * 1024];
                return (path, "an oversized body", Signed(path, body, "application/json", now));
            }
            case 6:
            case 7:
            {
                var body = FuzzJson.Mutate(seed, FuzzCorpus.Events);
                return ("/slack/events", $"signed mutated event {Fuzz.Printable(Encoding.Latin1.GetString(body))}", Signed("/slack/events", body, "application/json", now));
            }
            case 8:
            case 9:
            {
                var json = FuzzJson.Mutate(seed, FuzzCorpus.Interactions);
                byte[] body = random.Next(4) == 0
                    ? [.. "payload="u8.ToArray(), .. json]
                    : Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(Encoding.UTF8.GetString(json)));
                return ("/slack/interactions", $"signed mutated interaction {Fuzz.Printable(Encoding.Latin1.GetString(body))}", Signed("/slack/interactions", body, "application/x-www-form-urlencoded", now));
            }
            case 10:
            case 11:
            {
                var body = FuzzJson.Mutate(seed, FuzzCorpus.Activities.Select(a => a.Replace("https://smba.trafficmanager.net/amer/", "http://127.0.0.1:9/", StringComparison.Ordinal)).ToArray());
                return ("/api/messages", $"mutated activity {Fuzz.Printable(Encoding.Latin1.GetString(body))}", Post("/api/messages", body, ContentTypes[random.Next(ContentTypes.Length)]));
            }
            default:
            {
                var playground = new JsonObject { ["person"] = "maya", ["channel"] = "general", ["text"] = FuzzText.Mutate(seed, FuzzCorpus.Commands), ["requestId"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                var body = FuzzJson.Mutate(seed, [playground.ToJsonString()]);
                return ("/playground/api/command", $"mutated playground command {Fuzz.Printable(Encoding.Latin1.GetString(body))}", Post("/playground/api/command", body, ContentTypes[random.Next(ContentTypes.Length)]));
            }
        }
    }
}
