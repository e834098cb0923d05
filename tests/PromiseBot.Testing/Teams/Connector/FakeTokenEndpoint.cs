using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace PromiseBot.Testing.Teams.Connector;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, random port) that answers like the Entra v2 token endpoint for the
/// client-credentials grant (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow):
/// it checks <c>grant_type</c>, <c>client_id</c>, <c>client_secret</c> and <c>scope</c>, answers
/// <c>{token_type, expires_in, ext_expires_in, access_token}</c> with a new token each time, and counts requests.
/// Bad credentials get 401 <c>invalid_client</c>, a bad scope 400 <c>invalid_scope</c>, like Entra.
/// </summary>
public sealed class FakeTokenEndpoint : IAsyncDisposable
{
    public const string BotFrameworkScope = "https://api.botframework.com/.default";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<string> _issued = [];
    private TaskCompletionSource? _hold;
    private int _requests;

    private FakeTokenEndpoint(WebApplication app) => _app = app;

    /// <summary>The token URL (use as <c>Teams:TokenEndpoint</c>), with a tenant segment like Entra's.</summary>
    public string TokenUrl { get; private set; } = string.Empty;

    public string ClientId { get; set; } = "00000000-0000-0000-0000-00000000b07a";

    public string ClientSecret { get; set; } = "fake-app-password";

    /// <summary>The <c>expires_in</c> of issued tokens, in seconds.</summary>
    public int ExpiresInSeconds { get; set; } = 3600;

    /// <summary>Requests received, good or bad.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Every access token issued, in order.</summary>
    public IReadOnlyList<string> IssuedTokens
    {
        get
        {
            lock (_gate)
            {
                return [.. _issued];
            }
        }
    }

    /// <summary>The most recently issued token, or null.</summary>
    public string? LatestToken
    {
        get
        {
            lock (_gate)
            {
                return _issued.Count == 0 ? null : _issued[^1];
            }
        }
    }

    public static async Task<FakeTokenEndpoint> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeTokenEndpoint(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);
        fake.TokenUrl = app.Urls.Single().TrimEnd('/') + "/fake-tenant/oauth2/v2.0/token";
        return fake;
    }

    /// <summary>Holds answers (requests are counted) until <see cref="Release"/>: a slow endpoint, to show that
    /// concurrent callers share one request.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _hold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        TaskCompletionSource? hold;
        lock (_gate)
        {
            hold = _hold;
            _hold = null;
        }

        hold?.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        Task? hold;
        lock (_gate)
        {
            hold = _hold?.Task;
        }

        if (hold is not null)
        {
            await hold.WaitAsync(context.RequestAborted);
        }

        if (context.Request.Method != HttpMethods.Post
            || !context.Request.Path.Value!.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal)
            || !(context.Request.ContentType ?? string.Empty).StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            await ErrorAsync(context, 400, "invalid_request");
            return;
        }

        var form = QueryHelpers.ParseQuery(body);
        string Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : string.Empty;

        if (Field("grant_type") != "client_credentials")
        {
            await ErrorAsync(context, 400, "unsupported_grant_type");
            return;
        }

        if (Field("client_id") != ClientId || Field("client_secret") != ClientSecret)
        {
            await ErrorAsync(context, 401, "invalid_client");
            return;
        }

        if (Field("scope") != BotFrameworkScope)
        {
            await ErrorAsync(context, 400, "invalid_scope");
            return;
        }

        string token;
        lock (_gate)
        {
            token = "fake-access-token-" + (_issued.Count + 1).ToString(CultureInfo.InvariantCulture);
            _issued.Add(token);
        }

        await WriteAsync(context, 200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = ExpiresInSeconds,
            ["ext_expires_in"] = ExpiresInSeconds,
            ["access_token"] = token,
        });
    }

    private static Task ErrorAsync(HttpContext context, int status, string error) =>
        WriteAsync(context, status, new JsonObject { ["error"] = error, ["error_description"] = "AADSTS00000: fake " + error });

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
