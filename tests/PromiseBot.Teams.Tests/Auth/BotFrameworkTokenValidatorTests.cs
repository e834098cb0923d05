using Microsoft.Extensions.Time.Testing;
using PromiseBot.Teams.Auth;
using PromiseBot.Testing.Teams.Auth;

namespace PromiseBot.Teams.Tests.Auth;

public sealed class BotFrameworkTokenValidatorTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private FakeOpenIdServer _openId = null!;
    private BotFrameworkTokenValidator _validator = null!;

    public async Task InitializeAsync()
    {
        _openId = await FakeOpenIdServer.StartAsync(AppId, _clock);
        _validator = new BotFrameworkTokenValidator(_openId.MetadataUrl, AppId, _http, _clock);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _openId.DisposeAsync();
    }

    private Task<InboundToken> ValidateAsync(string token) => _validator.ValidateAsync("Bearer " + token, default);

    [Fact]
    public async Task ValidToken_IsAccepted_AndAuthorizesAnMsteamsActivityFromItsServiceUrl()
    {
        var token = await ValidateAsync(_openId.MintToken(ServiceUrl));

        Assert.Equal(TeamsAuthFailure.None, token.Failure);
        Assert.Contains("msteams", token.Endorsements);
        Assert.Equal(TeamsAuthFailure.None, token.Authorize("msteams", ServiceUrl));
        Assert.Equal(TeamsAuthFailure.None, token.Authorize("msteams", ServiceUrl.ToUpperInvariant()));
    }

    [Theory]
    [InlineData(BadToken.Expired, TeamsAuthFailure.Lifetime)]
    [InlineData(BadToken.WrongAudience, TeamsAuthFailure.WrongAudience)]
    [InlineData(BadToken.WrongIssuer, TeamsAuthFailure.WrongIssuer)]
    [InlineData(BadToken.UnknownKey, TeamsAuthFailure.UnknownKey)]
    [InlineData(BadToken.OtherKeySameKid, TeamsAuthFailure.BadSignature)]
    public async Task BadToken_IsRefusedWithItsReason(BadToken bad, TeamsAuthFailure expected)
    {
        var token = await ValidateAsync(_openId.MintToken(ServiceUrl, bad));

        Assert.Equal(expected, token.Failure);
        Assert.Equal(401, token.Failure.ToStatusCode());
        Assert.Equal(expected, token.Authorize("msteams", ServiceUrl));
    }

    [Fact]
    public async Task AVerifiedToken_IsRemembered_ButNeverPastItsExpiry_AndOnlyForTheSameString()
    {
        var token = _openId.MintToken(ServiceUrl);
        Assert.True((await ValidateAsync(token)).IsValid);
        var metadataFetches = _openId.KeySetRequests;

        // Same string again: accepted from memory (no new key fetch needed, no signature check).
        Assert.True((await ValidateAsync(token)).IsValid);
        // A different string with the same claims but the wrong signature is still checked, and refused.
        Assert.Equal(TeamsAuthFailure.BadSignature, (await ValidateAsync(_openId.MintToken(ServiceUrl, BadToken.OtherKeySameKid))).Failure);

        // Minted tokens live an hour; past that plus the 5-minute skew the remembered verdict no longer counts.
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(6));
        Assert.Equal(TeamsAuthFailure.Lifetime, (await ValidateAsync(token)).Failure);
        Assert.Equal(metadataFetches, _openId.KeySetRequests);
    }

    [Fact]
    public async Task KeyWithoutTheMsteamsEndorsement_IsForbidden()
    {
        var token = await ValidateAsync(_openId.MintToken(ServiceUrl, BadToken.NotEndorsed));

        Assert.True(token.IsValid);
        Assert.Equal(TeamsAuthFailure.NotEndorsed, token.Authorize("msteams", ServiceUrl));
        Assert.Equal(403, TeamsAuthFailure.NotEndorsed.ToStatusCode());
        Assert.Equal(TeamsAuthFailure.None, token.Authorize("webchat", ServiceUrl));
    }

    [Fact]
    public async Task ServiceUrlClaim_MustMatchTheActivity()
    {
        var spoiled = await ValidateAsync(_openId.MintToken(ServiceUrl, BadToken.ServiceUrlMismatch));
        var valid = await ValidateAsync(_openId.MintToken(ServiceUrl));

        Assert.Equal(TeamsAuthFailure.ServiceUrlMismatch, spoiled.Authorize("msteams", ServiceUrl));
        Assert.Equal(TeamsAuthFailure.ServiceUrlMismatch, valid.Authorize("msteams", "https://evil.example.com/"));
        Assert.Equal(TeamsAuthFailure.NotEndorsed, valid.Authorize(null, ServiceUrl));
    }

    [Theory]
    [InlineData(null, TeamsAuthFailure.MissingToken)]
    [InlineData("", TeamsAuthFailure.MissingToken)]
    [InlineData("Basic dXNlcjpwYXNz", TeamsAuthFailure.MissingToken)]
    [InlineData("Bearer ", TeamsAuthFailure.MissingToken)]
    [InlineData("Bearer not-a-jwt", TeamsAuthFailure.Malformed)]
    [InlineData("Bearer e30.e30.", TeamsAuthFailure.BadSignature)]
    public async Task MissingOrMalformedHeader_IsRefused(string? header, TeamsAuthFailure expected)
    {
        var token = await _validator.ValidateAsync(header, default);

        Assert.False(token.IsValid);
        Assert.Equal(expected, token.Failure);
    }

    [Fact]
    public async Task Lifetime_AllowsFiveMinutesOfSkewAndNoMore()
    {
        var minted = _openId.MintToken(ServiceUrl); // expires one hour from now

        _clock.Advance(TimeSpan.FromMinutes(64));
        Assert.True((await ValidateAsync(minted)).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(TeamsAuthFailure.Lifetime, (await ValidateAsync(minted)).Failure);
    }

    [Fact]
    public async Task Keys_AreFetchedOnceAndCached()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await ValidateAsync(_openId.MintToken(ServiceUrl))).IsValid);
        }

        Assert.Equal(1, _openId.KeySetRequests);
    }

    [Fact]
    public async Task UnknownKeyId_RefetchesTheKeysAtMostHourly_SoARotatedKeyIsAccepted()
    {
        Assert.True((await ValidateAsync(_openId.MintToken(ServiceUrl))).IsValid);
        Assert.Equal(TeamsAuthFailure.UnknownKey, (await ValidateAsync(_openId.MintToken(ServiceUrl, BadToken.UnknownKey))).Failure);
        Assert.Equal(2, _openId.KeySetRequests);

        // Junk kids within the hour do not reach the metadata endpoint again.
        _openId.PublishUnknownKey();
        Assert.Equal(TeamsAuthFailure.UnknownKey, (await ValidateAsync(_openId.MintToken(ServiceUrl, BadToken.UnknownKey))).Failure);
        Assert.Equal(2, _openId.KeySetRequests);

        _clock.Advance(TimeSpan.FromMinutes(61));
        var rotated = await ValidateAsync(_openId.MintToken(ServiceUrl, BadToken.UnknownKey));

        Assert.True(rotated.IsValid);
        Assert.Equal(3, _openId.KeySetRequests);
    }

    [Fact]
    public async Task UnreachableMetadata_RefusesEverything()
    {
        var validator = new BotFrameworkTokenValidator("http://127.0.0.1:1/v1/.well-known/openidconfiguration", AppId, _http, _clock);

        var token = await validator.ValidateAsync("Bearer " + _openId.MintToken(ServiceUrl), default);

        Assert.Equal(TeamsAuthFailure.MetadataUnavailable, token.Failure);
    }

    [Theory]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("ftp://127.0.0.1/metadata")]
    [InlineData("not a url")]
    public void PlainHttpMetadata_IsOnlyAcceptedForLoopbackHosts(string url)
    {
        Assert.Throws<ArgumentException>(() => new BotFrameworkTokenValidator(url, AppId, _http, _clock));
    }

    [Fact]
    public void KeySet_KeepsEachKeysEndorsements()
    {
        var keys = BotFrameworkSigningKeysRetriever.Parse("""
            {"keys":[
              {"kty":"RSA","use":"sig","kid":"a","n":"sXch","e":"AQAB","endorsements":["msteams","skype"]},
              {"kty":"RSA","use":"sig","kid":"b","n":"sXch","e":"AQAB"},
              {"kty":"RSA","use":"sig","n":"sXch","e":"AQAB","endorsements":["msteams"]}
            ]}
            """);

        Assert.Equal(2, keys.Keys.Count);
        Assert.Equal(["msteams", "skype"], keys.EndorsementsOf("a"));
        Assert.Empty(keys.EndorsementsOf("b"));
        Assert.Empty(keys.EndorsementsOf("zzz"));
    }
}
