using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests;

/// <summary>
/// The whole app in-process on a real SQLite file, with a pinned clock. Requests go through the real pipeline:
/// signature check, form parsing, core, storage, Block Kit rendering.
/// </summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    public const string Secret = "test-signing-secret";

    // Monday 23 Nov 2026, 10:00 in New York.
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;

    public BotHost(string connectionString, FakeTimeProvider? clock = null, IDictionary<string, string?>? settings = null)
    {
        Clock = clock ?? new FakeTimeProvider(Start);
        ConnectionString = connectionString;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:PromiseBot"] = connectionString,
            ["Slack:SigningSecret"] = Secret,
            ["PromiseBot:DefaultTimeZone"] = "America/New_York",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            _settings[k] = v;
        }
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Extra service registrations applied last (e.g. a failing dependency to prove an entry point's catch).</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    public string ConnectionString { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            ExtraServices?.Invoke(services);
        });
    }

    /// <summary>Posts a correctly signed slash command and returns the status and the JSON reply (if any).</summary>
    public async Task<(int Status, JsonObject? Json, string Raw)> CommandAsync(
        string text, string user = "U1", string channel = "C1", string team = "T1", string? triggerId = null)
    {
        var form = new Dictionary<string, string>
        {
            ["token"] = "ignored",
            ["team_id"] = team,
            ["team_domain"] = "acme",
            ["channel_id"] = channel,
            ["channel_name"] = channel.StartsWith('D') ? "directmessage" : "general",
            ["user_id"] = user,
            ["user_name"] = "someone",
            ["command"] = "/promise",
            ["text"] = text,
            ["response_url"] = "https://hooks.slack.com/commands/T1/1/x",
            ["trigger_id"] = triggerId ?? Guid.NewGuid().ToString("N"),
            ["api_app_id"] = "A1",
        };
        var body = new FormUrlEncodedContent(form).ReadAsStringAsync().Result;
        return await PostSignedAsync(body, Clock.GetUtcNow());
    }

    public async Task<(int Status, JsonObject? Json, string Raw)> PostSignedAsync(string body, DateTimeOffset signedAt, string? secret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        SlackSigner.AddHeaders(request, secret ?? Secret, body, signedAt);
        return await SendAsync(request);
    }

    public async Task<(int Status, JsonObject? Json, string Raw)> SendAsync(HttpRequestMessage request)
    {
        using var client = CreateClient();
        using var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        JsonObject? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            json = JsonNode.Parse(raw)!.AsObject();
        }

        return ((int)response.StatusCode, json, raw);
    }

    public long Count(string table)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM " + table);
    }
}

/// <summary>Readable access to a Block Kit reply in assertions.</summary>
public static class SlackReply
{
    public static string Type(this JsonObject? reply) => (string)Json(reply)["response_type"]!;

    /// <summary>All the text of the message: fallback text plus every text object in every block.</summary>
    public static string AllText(this JsonObject? reply)
    {
        var sb = new StringBuilder((string?)Json(reply)["text"]).Append('\n');
        Collect(Json(reply)["blocks"], sb);
        return sb.ToString();
    }

    private static JsonObject Json(JsonObject? reply) => reply ?? throw new Xunit.Sdk.XunitException("The response had no JSON body.");

    private static void Collect(JsonNode? node, StringBuilder sb)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, sb);
                }

                break;
            case JsonObject obj:
                if (obj["text"] is JsonValue value && value.TryGetValue<string>(out var s))
                {
                    sb.Append(s).Append('\n');
                }

                foreach (var (key, child) in obj)
                {
                    if (key != "text" || child is not JsonValue)
                    {
                        Collect(child, sb);
                    }
                }

                break;
        }
    }
}
