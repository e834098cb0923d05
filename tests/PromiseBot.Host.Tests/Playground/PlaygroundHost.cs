using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Host.Playground;

namespace PromiseBot.Host.Tests.Playground;

/// <summary>
/// The whole app with the playground on, on a temp SQLite file, wired as in production except that the playground
/// clock runs on a <see cref="FakeTimeProvider"/> pinned to <see cref="BotHost.Start"/> (Mon 23 Nov 2026, 10:00 New York).
/// </summary>
public sealed class PlaygroundHost(string connectionString, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public FakeTimeProvider Baseline { get; } = new(BotHost.Start);

    /// <summary>Extra service registrations applied last (e.g. a failing dependency).</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:PromiseBot", connectionString);
        builder.UseSetting("PromiseBot:DefaultTimeZone", "America/New_York");
        builder.UseSetting("PromiseBot:Playground", "true");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new PlaygroundClock(Baseline));
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<PlaygroundClock>());
            ExtraServices?.Invoke(services);
        });
    }

    /// <param name="requestId">The page's id of the request; the same id twice is the same request delivered twice.</param>
    public async Task<JsonObject> CommandAsync(string text, string person = "maya", string channel = "general", string? requestId = null)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/playground/api/command", new { person, channel, text, requestId = requestId ?? Guid.NewGuid().ToString("N") });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A click on a button drawn at <paramref name="version"/> (a new promise is at version 1).</summary>
    public async Task<JsonObject> ActionAsync(string action, int number, string person = "maya", string channel = "general", string? when = null, int version = 1)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/playground/api/action", new { person, channel, action, number, version, when, requestId = Guid.NewGuid().ToString("N") });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Submits the new-promise form; returns the status and the JSON answer (the reply, or the problems by field).</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonObject Body)> FormAsync(object form)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/playground/api/form", form);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    public async Task<JsonObject> AdvanceAsync(object by)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/playground/api/clock/advance", by);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Sets the clock to a local date and time in the person's zone; the status code and the answer.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonObject Body)> JumpAsync(string at, string person = "maya")
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/playground/api/clock/set", new { person, at });
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    /// <summary>The HTML of every item in a feed, oldest first.</summary>
    public async Task<List<string>> FeedAsync(string path)
    {
        using var client = CreateClient();
        var feed = (await client.GetFromJsonAsync<JsonObject>("/playground/api/" + path))!;
        return [.. feed["items"]!.AsArray().Select(i => (string)i!["html"]!)];
    }
}
