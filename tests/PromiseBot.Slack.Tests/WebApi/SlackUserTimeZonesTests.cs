using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Core.Promises;
using PromiseBot.Slack.WebApi;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Slack.Tests.WebApi;

public sealed class SlackUserTimeZonesTests : IAsyncLifetime
{
    private static readonly WorkspaceId Team = new("T1");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
    private FakeSlackApi _slack = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private SlackUserTimeZones Directory(string? token = "xoxb-fake-token") => new(
        new SlackWebApiClient(_http, Options.Create(new SlackOptions { ApiBaseUrl = _slack.BaseUrl, BotToken = token })),
        _time,
        NullLogger<SlackUserTimeZones>.Instance);

    [Fact]
    public async Task SecondLookup_IsServedFromCache()
    {
        _slack.AddUser("U1", "Asia/Tokyo");
        var directory = Directory();

        Assert.Equal("Asia/Tokyo", await directory.GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None));
        Assert.Equal("Asia/Tokyo", await directory.GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None));

        Assert.Single(_slack.CallsTo("users.info"));
    }

    [Fact]
    public async Task CachedZone_ExpiresAfter24Hours()
    {
        _slack.AddUser("U1", "Asia/Tokyo");
        var directory = Directory();
        await directory.GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None);
        _slack.AddUser("U1", "Europe/Paris");

        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal("Asia/Tokyo", await directory.GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None));

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("Europe/Paris", await directory.GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None));
        Assert.Equal(2, _slack.CallsTo("users.info").Count);
    }

    [Fact]
    public async Task CacheIsPerWorkspaceAndUser()
    {
        _slack.AddUser("U1", "Asia/Tokyo");
        _slack.AddUser("U2", "Europe/Paris");
        var directory = Directory();

        Assert.Equal("Asia/Tokyo", await directory.GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None));
        Assert.Equal("Europe/Paris", await directory.GetTimeZoneAsync(Team, new UserId("U2"), CancellationToken.None));
        Assert.Equal("Asia/Tokyo", await directory.GetTimeZoneAsync(new WorkspaceId("T2"), new UserId("U1"), CancellationToken.None));
        Assert.Equal(3, _slack.CallsTo("users.info").Count);
    }

    [Theory]
    [InlineData(FakeSlackFailure.ServerError)]
    [InlineData(FakeSlackFailure.RateLimited)]
    public async Task Failure_IsCachedAsUnknownForFiveMinutes(FakeSlackFailure failure)
    {
        _slack.AddUser("U1", "Asia/Tokyo");
        _slack.FailureRate = 1;
        _slack.FailureKind = failure;
        var directory = Directory();

        Assert.Null(await directory.GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None));
        _slack.ClearFailures();
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Null(await directory.GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None));
        Assert.Single(_slack.CallsTo("users.info"));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("Asia/Tokyo", await directory.GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None));
        Assert.Equal(2, _slack.CallsTo("users.info").Count);
    }

    [Fact]
    public async Task SlowSlack_TimesOutAfterOneAndAHalfSeconds_AndIsCachedBriefly()
    {
        _slack.AddUser("U1", "Asia/Tokyo");
        _slack.Hold("users.info");
        var directory = Directory();

        var lookup = directory.GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None);
        await _slack.WaitForCallAsync("users.info");
        _time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.False(lookup.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Null(await lookup.WaitAsync(TimeSpan.FromSeconds(10)));
        _slack.Release("users.info");
        Assert.Null(await directory.GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None));
        Assert.Single(_slack.CallsTo("users.info"));
    }

    [Fact]
    public async Task CallerCancellation_IsNotSwallowedOrCached()
    {
        _slack.AddUser("U1", "Asia/Tokyo");
        _slack.Hold("users.info");
        var directory = Directory();
        using var cts = new CancellationTokenSource();

        var lookup = directory.GetTimeZoneAsync(Team, new UserId("U1"), cts.Token);
        await _slack.WaitForCallAsync("users.info");
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lookup);
        _slack.Release("users.info");
        Assert.Equal("Asia/Tokyo", await directory.GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None));
    }

    [Fact]
    public async Task UnknownUserOrZone_IsNull()
    {
        _slack.AddUser("U1", "Mars/Olympus_Mons");
        var directory = Directory();

        Assert.Null(await directory.GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None));
        Assert.Null(await directory.GetTimeZoneAsync(Team, new UserId("UNOBODY"), CancellationToken.None));
    }

    [Fact]
    public async Task NoBotToken_ReturnsNullWithoutCallingSlack()
    {
        Assert.Null(await Directory(token: null).GetTimeZoneAsync(Team, new UserId("U1"), CancellationToken.None));
        Assert.Empty(_slack.Calls);
    }
}
