using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PromiseBot.Testing.Teams.Auth;

/// <summary>The ways <see cref="FakeOpenIdServer.MintToken"/> can spoil a token.</summary>
public enum BadToken
{
    /// <summary>Expired more than the five minutes of allowed skew ago.</summary>
    Expired,
    WrongAudience,
    WrongIssuer,
    /// <summary>Signed by a key whose kid the key set does not publish.</summary>
    UnknownKey,
    /// <summary>Names the published key's kid but is signed by a different private key (a forgery).</summary>
    OtherKeySameKid,
    /// <summary>Signed by a published key whose endorsements do not include <c>msteams</c>.</summary>
    NotEndorsed,
    /// <summary>A <c>serviceurl</c> claim different from the activity's <c>serviceUrl</c>.</summary>
    ServiceUrlMismatch,
}

/// <summary>
/// A Bot Framework-like token issuer on 127.0.0.1 (Kestrel, random port): it serves an OpenID metadata document
/// (<see cref="MetadataUrl"/>, use as <c>Teams:OpenIdMetadataUrl</c>) and a JWKS whose keys carry
/// <c>endorsements</c>, and mints RS256 tokens, valid or spoiled in one chosen way (<see cref="BadToken"/>).
/// <code>
/// await using var openId = await FakeOpenIdServer.StartAsync("app-id", clock);
/// request.Headers.Authorization = new("Bearer", openId.MintToken(serviceUrl));
/// </code>
/// </summary>
public sealed class FakeOpenIdServer : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string EndorsedKeyId = "fake-msteams-key";
    public const string UnendorsedKeyId = "fake-webchat-key";
    public const string UnpublishedKeyId = "fake-unpublished-key";

    // RSA key generation is slow on a busy machine; every server shares these.
    private static readonly Lazy<RSA> EndorsedRsa = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> UnendorsedRsa = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> ForgerRsa = new(() => RSA.Create(2048));

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<(string Kid, RSA Key, string[] Endorsements)> _published;
    private int _metadataRequests;
    private int _keySetRequests;

    private FakeOpenIdServer(WebApplication app, string appId, TimeProvider time)
    {
        _app = app;
        AppId = appId;
        _time = time;
        _published =
        [
            (EndorsedKeyId, EndorsedRsa.Value, ["msteams"]),
            (UnendorsedKeyId, UnendorsedRsa.Value, ["webchat", "directline"]),
        ];
    }

    /// <summary>The audience valid tokens carry (the bot's app id).</summary>
    public string AppId { get; }

    public string BaseUrl { get; private set; } = string.Empty;

    public string MetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    public string KeySetUrl => BaseUrl + "/v1/.well-known/keys";

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public int KeySetRequests => Volatile.Read(ref _keySetRequests);

    public static async Task<FakeOpenIdServer> StartAsync(string appId, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeOpenIdServer(app, appId, timeProvider ?? TimeProvider.System);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server.BaseUrl = app.Urls.Single().TrimEnd('/');
        return server;
    }

    /// <summary>Publishes the key used for <see cref="BadToken.UnknownKey"/> from now on (a key rotation).</summary>
    public void PublishUnknownKey()
    {
        lock (_gate)
        {
            _published.Add((UnpublishedKeyId, ForgerRsa.Value, ["msteams"]));
        }
    }

    /// <summary>
    /// A token for an activity whose <c>serviceUrl</c> is <paramref name="serviceUrl"/>: valid (issued now, expiring
    /// in an hour) unless <paramref name="bad"/> names one thing to spoil.
    /// </summary>
    public string MintToken(string serviceUrl, BadToken? bad = null)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var (kid, rsa) = bad switch
        {
            BadToken.UnknownKey => (UnpublishedKeyId, ForgerRsa.Value),
            BadToken.OtherKeySameKid => (EndorsedKeyId, ForgerRsa.Value),
            BadToken.NotEndorsed => (UnendorsedKeyId, UnendorsedRsa.Value),
            _ => (EndorsedKeyId, EndorsedRsa.Value),
        };
        var issuedAt = bad == BadToken.Expired ? now.AddHours(-2) : now.AddMinutes(-1);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = bad == BadToken.WrongIssuer ? "https://sts.windows.net/evil-tenant/" : Issuer,
            Audience = bad == BadToken.WrongAudience ? "some-other-bot" : AppId,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = bad == BadToken.Expired ? now.AddMinutes(-6) : now.AddHours(1),
            Claims = new Dictionary<string, object>
            {
                ["serviceurl"] = bad == BadToken.ServiceUrlMismatch ? "https://evil.example.com/" : serviceUrl,
            },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (HttpMethods.IsGet(context.Request.Method) && path == "/v1/.well-known/openidconfiguration")
        {
            Interlocked.Increment(ref _metadataRequests);
            var metadata = new JsonObject
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = BaseUrl + "/v1/.well-known/authorize",
                ["jwks_uri"] = KeySetUrl,
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            };
            return Json(context, metadata);
        }

        if (HttpMethods.IsGet(context.Request.Method) && path == "/v1/.well-known/keys")
        {
            Interlocked.Increment(ref _keySetRequests);
            var keys = new JsonArray();
            lock (_gate)
            {
                foreach (var (kid, rsa, endorsements) in _published)
                {
                    var parameters = rsa.ExportParameters(includePrivateParameters: false);
                    keys.Add(new JsonObject
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["kid"] = kid,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                        ["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]),
                    });
                }
            }

            return Json(context, new JsonObject { ["keys"] = keys });
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static Task Json(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }
}
