using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Slack.SocketMode;
using PromiseBot.Slack.WebApi;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Slack.Tests.SocketMode;

public sealed class SocketModeMessageTests
{
    private static SocketModeMessage? Parse(string json) => SocketModeMessage.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Hello_AndDisconnect_AreRecognised()
    {
        Assert.Equal(new SocketModeMessage.Hello(2), Parse("""{"type":"hello","num_connections":2,"debug_info":{"host":"applink-1"},"connection_info":{"app_id":"A1"}}"""));
        Assert.Equal(new SocketModeMessage.Disconnect("refresh_requested"), Parse("""{"type":"disconnect","reason":"refresh_requested","debug_info":{"host":"applink-1"}}"""));
        Assert.Equal(new SocketModeMessage.Disconnect("unknown"), Parse("""{"type":"disconnect"}"""));
    }

    [Fact]
    public void Envelope_CarriesIdTypePayloadAndRetry()
    {
        var message = Parse("""{"envelope_id":"e1","type":"events_api","accepts_response_payload":false,"retry_attempt":1,"retry_reason":"timeout","payload":{"event_id":"Ev1"}}""");

        var envelope = Assert.IsType<SocketModeMessage.Envelope>(message);
        Assert.Equal(("e1", "events_api", false, 1, "timeout"), (envelope.EnvelopeId, envelope.Type, envelope.AcceptsResponsePayload, envelope.RetryAttempt, envelope.RetryReason));
        Assert.Equal("Ev1", envelope.Payload.GetProperty("event_id").GetString());
    }

    [Fact]
    public void Envelope_FirstDelivery_HasRetryZero_AndAcceptsResponse()
    {
        var envelope = Assert.IsType<SocketModeMessage.Envelope>(Parse("""{"envelope_id":"e2","type":"slash_commands","accepts_response_payload":true,"payload":{}}"""));

        Assert.Equal(0, envelope.RetryAttempt);
        Assert.True(envelope.AcceptsResponsePayload);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    [InlineData("{}")]
    [InlineData("""{"envelope_id":"","type":"events_api"}""")]
    public void Unusable_IsNull(string json) => Assert.Null(Parse(json));

    [Fact]
    public void OtherTypes_AreOther() => Assert.Equal(new SocketModeMessage.Other("pong"), Parse("""{"type":"pong"}"""));
}

public sealed class RecentDeliveriesTests
{
    [Fact]
    public void ASecondSighting_IsNotFresh_UntilTheWindowPasses()
    {
        var time = new FakeTimeProvider();
        var recent = new RecentDeliveries(time, TimeSpan.FromMinutes(15), capacity: 100);

        Assert.True(recent.TryRecord("envelope:1", "event:Ev1"));
        time.Advance(TimeSpan.FromMinutes(14));
        Assert.False(recent.TryRecord("envelope:2", "event:Ev1"));
        Assert.False(recent.TryRecord("envelope:1"));
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(recent.TryRecord("envelope:1", "event:Ev1"));
    }

    [Fact]
    public void KeysOfARedelivery_AreRememberedToo()
    {
        var recent = new RecentDeliveries(new FakeTimeProvider(), TimeSpan.FromMinutes(15), capacity: 100);

        Assert.True(recent.TryRecord("envelope:1", "event:Ev1"));
        Assert.False(recent.TryRecord("envelope:2", "event:Ev1"));

        Assert.False(recent.TryRecord("envelope:2"));
    }

    [Fact]
    public void TheSetIsBounded_OldestForgottenFirst()
    {
        var recent = new RecentDeliveries(new FakeTimeProvider(), TimeSpan.FromHours(1), capacity: 3);

        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            Assert.True(recent.TryRecord(key));
        }

        Assert.Equal(3, recent.Count);
        Assert.False(recent.TryRecord("d"));
        Assert.True(recent.TryRecord("a"));
    }
}

public sealed class SocketModeBackoffTests
{
    private static readonly SocketModeSettings Settings = new() { ReconnectDelay = TimeSpan.FromSeconds(1), MaxReconnectDelay = TimeSpan.FromSeconds(30) };

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(1000, 30)]
    public void Backoff_DoublesAndIsCapped(int failures, double seconds)
    {
        Assert.Equal(seconds, SocketModeClient.Backoff(failures, Settings, 0.5).TotalSeconds, precision: 6);
    }

    [Fact]
    public void Backoff_JitterStaysWithinTwentyPercent()
    {
        Assert.Equal(3.2, SocketModeClient.Backoff(3, Settings, 0).TotalSeconds, precision: 6);
        Assert.Equal(4.8, SocketModeClient.Backoff(3, Settings, 1).TotalSeconds, precision: 6);
    }
}

public sealed class SlackAppConnectionsClientTests : IAsyncLifetime
{
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

    private SlackAppConnectionsClient Client(string? appToken) =>
        new(_http, Options.Create(new SlackOptions { ApiBaseUrl = _slack.BaseUrl, AppToken = appToken }));

    [Fact]
    public async Task Open_ReturnsTheWebSocketUrl()
    {
        var url = await Client(_slack.AppToken).OpenAsync(CancellationToken.None);

        Assert.Equal("ws", url.Scheme);
        Assert.Equal("/link/", url.AbsolutePath);
    }

    [Theory]
    [InlineData("xapp-1-wrong", "invalid_auth")]
    [InlineData("xoxb-fake-token", "not_allowed_token_type")]
    public async Task Open_WithTheWrongToken_ThrowsSlacksError(string token, string error)
    {
        var e = await Assert.ThrowsAsync<SlackApiException>(() => Client(token).OpenAsync(CancellationToken.None));

        Assert.Equal(error, e.Error);
        Assert.Equal(SlackAppConnectionsClient.Method, e.Method);
    }

    [Fact]
    public async Task Open_WithoutAToken_DoesNotCallSlack()
    {
        Assert.False(Client(null).HasAppToken);
        Assert.Equal("not_authed", (await Assert.ThrowsAsync<SlackApiException>(() => Client(" ").OpenAsync(CancellationToken.None))).Error);
        Assert.Empty(_slack.Calls);
    }
}
