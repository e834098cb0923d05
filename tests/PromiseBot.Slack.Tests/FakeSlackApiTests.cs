using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Slack.Tests;

/// <summary>The fake is shared by Host tests, so its behaviour is pinned here.</summary>
public sealed class FakeSlackApiTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync(seed: 7);
        _http.DefaultRequestHeaders.Authorization = new("Bearer", _slack.BotToken);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body)> PostJsonAsync(string method, object body)
    {
        using var response = await _http.PostAsJsonAsync(_slack.BaseUrl + method, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text)!.AsObject() : null);
    }

    [Fact]
    public void BaseUrl_IsLoopbackApi()
    {
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/api/$", _slack.BaseUrl);
    }

    [Fact]
    public async Task PostMessage_ReturnsTsAndRecordsJsonBody()
    {
        var (status, body) = await PostJsonAsync("chat.postMessage", new { channel = "C1", text = "hi", blocks = new[] { new { type = "divider" } } });
        var (_, second) = await PostJsonAsync("chat.postMessage", new { channel = "C1", text = "again" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body!["ok"]!.GetValue<bool>());
        Assert.NotEqual(body["ts"]!.GetValue<string>(), second!["ts"]!.GetValue<string>());
        var call = _slack.CallsTo("chat.postMessage")[0];
        Assert.Equal("C1", call.Arg("channel"));
        Assert.Equal("[{\"type\":\"divider\"}]", call.Arg("blocks"));
    }

    [Fact]
    public async Task ConversationsOpen_ReturnsDirectChannelPerUser()
    {
        using var response = await _http.PostAsync(_slack.BaseUrl + "conversations.open", new FormUrlEncodedContent([new("users", "U42")]));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("D42", body["channel"]!["id"]!.GetValue<string>());
        Assert.Equal("U42", _slack.CallsTo("conversations.open")[0].Form["users"]);
    }

    [Fact]
    public async Task ChatUpdate_EchoesChannelAndTs()
    {
        var (_, body) = await PostJsonAsync("chat.update", new { channel = "C1", ts = "1.2", text = "edited" });
        Assert.Equal("1.2", body!["ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task MethodOverride_ReturnsOkFalse()
    {
        _slack.FailMethod("chat.postMessage");

        var (status, body) = await PostJsonAsync("chat.postMessage", new { channel = "C404", text = "hi" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body!["ok"]!.GetValue<bool>());
        Assert.Equal("channel_not_found", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailureRate_IsDeterministicForASeed()
    {
        async Task<string> PatternAsync(int seed)
        {
            await using var slack = await FakeSlackApi.StartAsync(seed);
            slack.FailureRate = 0.3;
            slack.RetryAfterSeconds = 3;
            var pattern = new System.Text.StringBuilder();
            for (var i = 0; i < 40; i++)
            {
                using var response = await _http.PostAsJsonAsync(slack.BaseUrl + "chat.postMessage", new { channel = "C1", text = "x" });
                pattern.Append(response.StatusCode == HttpStatusCode.TooManyRequests ? 'R' : '.');
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
                }
            }

            return pattern.ToString();
        }

        var first = await PatternAsync(99);
        Assert.Equal(first, await PatternAsync(99));
        Assert.InRange(first.Count(c => c == 'R'), 4, 24);
    }

    [Fact]
    public async Task MissingToken_IsNotAuthed()
    {
        using var anonymous = new HttpClient();
        using var response = await anonymous.PostAsJsonAsync(_slack.BaseUrl + "auth.test", new { });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("not_authed", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task InstalledTokens_AreAcceptedBesideTheBotToken_UntilTheyExpire()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var slack = await FakeSlackApi.StartAsync(timeProvider: clock);
        var code = slack.IssueCode(new FakeSlackInstall("T9", "Acme", "xoxe.xoxb-acme", RefreshToken: "xoxe-1-r", ExpiresInSeconds: 60));
        using var oauth = new HttpRequestMessage(HttpMethod.Post, slack.BaseUrl + "oauth.v2.access") { Content = new FormUrlEncodedContent([new("code", code)]) };
        oauth.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(slack.ClientId + ":" + slack.ClientSecret)));
        using var exchanged = await _http.SendAsync(oauth);

        async Task<string?> ErrorWithAsync(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, slack.BaseUrl + "auth.test") { Content = new FormUrlEncodedContent([]) };
            request.Headers.Authorization = token is null ? null : new("Bearer", token);
            using var response = await _http.SendAsync(request);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]?.GetValue<string>();
        }

        Assert.Equal("xoxe.xoxb-acme", JsonNode.Parse(await exchanged.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>());
        Assert.Null(await ErrorWithAsync("xoxe.xoxb-acme"));
        Assert.Null(await ErrorWithAsync(slack.BotToken));
        Assert.Equal("invalid_auth", await ErrorWithAsync("xoxb-never-issued"));
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal("token_expired", await ErrorWithAsync("xoxe.xoxb-acme"));
    }
}
