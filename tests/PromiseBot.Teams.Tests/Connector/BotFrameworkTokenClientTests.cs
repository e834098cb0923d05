using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Teams.Connector;

namespace PromiseBot.Teams.Tests.Connector;

public sealed class BotFrameworkTokenClientTests : IAsyncLifetime
{
    private TeamsConnectorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await TeamsConnectorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task GetToken_IsFetchedOnceWithTheClientCredentialsAndThenCached()
    {
        var first = await _rig.Tokens.GetTokenAsync(CancellationToken.None);
        var second = await _rig.Tokens.GetTokenAsync(CancellationToken.None);

        // The fake answers only a form POST with grant_type=client_credentials, the app id and password, and the
        // Bot Framework scope; anything else gets an OAuth error.
        Assert.Equal("fake-access-token-1", first);
        Assert.Equal(first, second);
        Assert.Equal(1, _rig.TokenEndpoint.RequestCount);
    }

    [Fact]
    public async Task GetToken_IsReusedUntilFiveMinutesBeforeExpiry_ThenRefreshed()
    {
        _rig.TokenEndpoint.ExpiresInSeconds = 3600;
        var first = await _rig.Tokens.GetTokenAsync(CancellationToken.None);

        _rig.Clock.Advance(TimeSpan.FromMinutes(55) - TimeSpan.FromSeconds(1));
        var stillCached = await _rig.Tokens.GetTokenAsync(CancellationToken.None);
        _rig.Clock.Advance(TimeSpan.FromSeconds(1));
        var refreshed = await _rig.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal(first, stillCached);
        Assert.Equal("fake-access-token-2", refreshed);
        Assert.Equal(2, _rig.TokenEndpoint.RequestCount);
    }

    [Fact]
    public async Task GetToken_ConcurrentCallersDuringARefresh_ShareOneRequest()
    {
        _rig.TokenEndpoint.Hold();
        var callers = Enumerable.Range(0, 8).Select(_ => _rig.Tokens.GetTokenAsync(CancellationToken.None)).ToList();
        Assert.True(SpinWait.SpinUntil(() => _rig.TokenEndpoint.RequestCount == 1, TimeSpan.FromSeconds(30)));

        _rig.TokenEndpoint.Release();
        var tokens = await Task.WhenAll(callers);

        Assert.All(tokens, t => Assert.Equal("fake-access-token-1", t));
        Assert.Equal(1, _rig.TokenEndpoint.RequestCount);
    }

    [Fact]
    public async Task GetToken_WrongSecret_ThrowsWithTheOAuthErrorCode()
    {
        _rig.TokenEndpoint.ClientSecret = "rotated";

        var e = await Assert.ThrowsAsync<BotConnectorException>(() => _rig.Tokens.GetTokenAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        Assert.Equal("invalid_client", e.ErrorCode);
        Assert.True(e.IsTokenFailure);
        Assert.DoesNotContain("rotated", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://login.example.com/t/oauth2/v2.0/token")]
    [InlineData("ftp://127.0.0.1/token")]
    [InlineData("not a url")]
    public void Constructor_TokenEndpointThatIsNotHttpsOrLoopback_IsRejected(string endpoint)
    {
        using var http = new HttpClient();
        var options = Options.Create(new TeamsOptions { AppId = "app", AppPassword = "secret", TokenEndpoint = endpoint });

        Assert.Throws<ArgumentException>(() => new BotFrameworkTokenClient(http, options, new FakeTimeProvider()));
    }
}
