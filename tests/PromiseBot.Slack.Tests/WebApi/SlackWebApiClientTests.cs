using Microsoft.Extensions.Options;
using PromiseBot.Slack.WebApi;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Slack.Tests.WebApi;

public sealed class SlackWebApiClientTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync(seed: 42);
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private SlackWebApiClient Client(string? token = "xoxb-fake-token") =>
        new(_http, Options.Create(new SlackOptions { ApiBaseUrl = _slack.BaseUrl, BotToken = token }));

    [Fact]
    public async Task PostToResponseUrl_PostsOnlyToSlacksHooks_OrTheConfiguredApiHost()
    {
        var origin = new Uri(_slack.BaseUrl).GetLeftPart(UriPartial.Authority);
        var body = new System.Text.Json.Nodes.JsonObject { ["response_type"] = "ephemeral", ["text"] = "late answer" };

        Assert.True(await Client().PostToResponseUrlAsync(origin + "/hooks/commands/T1/1/x", body, CancellationToken.None));
        Assert.False(await Client().PostToResponseUrlAsync("https://evil.example/hooks/commands/T1/1/x", body, CancellationToken.None));
        Assert.False(await Client().PostToResponseUrlAsync("http://127.0.0.1:1/hooks/x", body, CancellationToken.None));
        Assert.False(await Client().PostToResponseUrlAsync("not a url", body, CancellationToken.None));
        Assert.False(await Client().PostToResponseUrlAsync(null, body, CancellationToken.None));

        var call = Assert.Single(_slack.CallsTo("response_url"));
        Assert.Equal("late answer", call.Arg("text"));
        Assert.Null(call.Authorization);
    }

    [Fact]
    public async Task GetUserInfo_KnownUser_ReturnsZoneAndFlags()
    {
        _slack.AddUser("U123", "America/Los_Angeles");
        _slack.AddUser("UBOT1", "Europe/Berlin", isBot: true, deleted: true);

        var user = await Client().GetUserInfoAsync("T1", "U123", CancellationToken.None);
        var bot = await Client().GetUserInfoAsync("T1", "UBOT1", CancellationToken.None);

        Assert.NotNull(user);
        Assert.Equal("U123", user.Id);
        Assert.Equal("America/Los_Angeles", user.TimeZone);
        Assert.InRange(user.TimeZoneOffsetSeconds!.Value, -8 * 3600, -7 * 3600);
        Assert.False(user.IsBot);
        Assert.False(user.Deleted);
        Assert.True(bot!.IsBot);
        Assert.True(bot.Deleted);
    }

    [Fact]
    public async Task GetUserInfo_SendsGetWithUserQueryAndBearerToken()
    {
        _slack.AddUser("U1", "UTC");

        await Client().GetUserInfoAsync("T1", "U1", CancellationToken.None);

        var call = Assert.Single(_slack.CallsTo("users.info"));
        Assert.Equal("GET", call.HttpMethod);
        Assert.Equal("U1", call.Query["user"]);
        Assert.Equal("Bearer xoxb-fake-token", call.Authorization);
    }

    [Fact]
    public async Task GetUserInfo_UserWithoutZone_ReturnsNullZone()
    {
        _slack.AddUser("U2", timeZone: null);
        Assert.Null((await Client().GetUserInfoAsync("T1", "U2", CancellationToken.None))!.TimeZone);
    }

    [Fact]
    public async Task GetUserInfo_UnknownUser_ReturnsNull()
    {
        Assert.Null(await Client().GetUserInfoAsync("T1", "UNOBODY", CancellationToken.None));
    }

    [Fact]
    public async Task OkFalse_BecomesTypedException()
    {
        _slack.FailMethod("users.info", "account_inactive");

        var e = await Assert.ThrowsAsync<SlackApiException>(() => Client().GetUserInfoAsync("T1", "U1", CancellationToken.None));

        Assert.Equal("account_inactive", e.Error);
        Assert.Equal("users.info", e.Method);
        Assert.True(e.IsPermanent);
        Assert.Null(e.StatusCode);
    }

    [Fact]
    public async Task WrongToken_IsInvalidAuth()
    {
        var e = await Assert.ThrowsAsync<SlackApiException>(() => Client("xoxb-wrong").AuthTestAsync("T1", CancellationToken.None));
        Assert.Equal("invalid_auth", e.Error);
    }

    [Fact]
    public async Task NoToken_FailsWithoutCallingSlack()
    {
        var e = await Assert.ThrowsAsync<SlackApiException>(() => Client(token: null).AuthTestAsync("T1", CancellationToken.None));
        Assert.Equal("not_authed", e.Error);
        Assert.Empty(_slack.Calls);
    }

    [Fact]
    public async Task Http429_SurfacesRetryAfter()
    {
        _slack.FailureRate = 1;
        _slack.RetryAfterSeconds = 17;

        var e = await Assert.ThrowsAsync<SlackRateLimitedException>(() => Client().GetUserInfoAsync("T1", "U1", CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(17), e.RetryAfter);
        Assert.Equal("ratelimited", e.Error);
        Assert.False(e.IsPermanent);
    }

    [Fact]
    public async Task Http500_IsRetryableApiError()
    {
        _slack.FailureRate = 1;
        _slack.FailureKind = FakeSlackFailure.ServerError;

        var e = await Assert.ThrowsAsync<SlackApiException>(() => Client().AuthTestAsync("T1", CancellationToken.None));

        Assert.Equal("http_500", e.Error);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.False(e.IsPermanent);
    }

    [Fact]
    public async Task AuthTest_PostsFormAndReturnsBotIdentity()
    {
        var info = await Client().AuthTestAsync("T1", CancellationToken.None);

        Assert.Equal(new SlackAuthInfo("https://fake.slack.test/", "Fake Team", "T0FAKE", "promisebot", "UFAKEBOT", "BFAKE", null, false, null), info);
        var call = Assert.Single(_slack.CallsTo("auth.test"));
        Assert.Equal("POST", call.HttpMethod);
        Assert.StartsWith("application/x-www-form-urlencoded", call.Headers["Content-Type"]);
    }

    [Fact]
    public async Task BaseUrlWithoutTrailingSlash_StillHitsApiPath()
    {
        var client = new SlackWebApiClient(_http, Options.Create(new SlackOptions { ApiBaseUrl = _slack.BaseUrl.TrimEnd('/'), BotToken = "xoxb-fake-token" }));
        await client.AuthTestAsync("T1", CancellationToken.None);
        Assert.Single(_slack.CallsTo("auth.test"));
    }

    [Fact]
    public async Task CancelledToken_Propagates()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().GetUserInfoAsync("T1", "U1", cts.Token));
    }
}
