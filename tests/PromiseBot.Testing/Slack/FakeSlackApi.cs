using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace PromiseBot.Testing.Slack;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, random port) that answers like the Slack Web API
/// (https://docs.slack.dev/apis/web-api/) for the methods PromiseBot uses: <c>users.info</c>, <c>auth.test</c>,
/// <c>chat.postMessage</c>, <c>chat.update</c>, <c>chat.postEphemeral</c>, <c>chat.getPermalink</c>,
/// <c>conversations.open</c>, <c>views.open</c>, <c>views.publish</c>, <c>oauth.v2.access</c> (code exchange and
/// token rotation, see <see cref="IssueCode"/>), the external file upload (<c>files.getUploadURLExternal</c>, the upload
/// URL on this server, recorded as method <c>upload_url</c>, <c>files.completeUploadExternal</c>, <c>files.info</c>: see
/// <see cref="Files"/>) and Socket Mode (<c>apps.connections.open</c> with the app token, then
/// WebSockets: see <see cref="SocketMode"/>). It records every call, and can inject 429/500 failures (seeded, so
/// deterministic), per-method <c>ok:false</c> errors, faults on the next calls of one method
/// (<see cref="InjectFault"/>: 429, 500, a dropped connection before or after handling) and held (slow) responses.
/// <code>
/// await using var slack = await FakeSlackApi.StartAsync();
/// slack.AddUser("U1", "Europe/Berlin");
/// // point Slack:ApiBaseUrl at slack.BaseUrl, Slack:BotToken at slack.BotToken
/// </code>
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly List<SlackApiCall> _calls = [];
    private readonly List<(string Method, int Count, TaskCompletionSource<SlackApiCall> Done)> _waiters = [];
    private readonly ConcurrentDictionary<string, FakeSlackUser> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _methodErrors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeSlackInstall> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeSlackInstall> _refreshTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedTriggers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeSlackFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeSlackFault>> _faults = new(StringComparer.Ordinal);
    private long _nextTs;
    private long _nextFile;
    private long _nextCode;

    private FakeSlackApi(WebApplication app, TimeProvider time, int seed)
    {
        _app = app;
        _time = time;
        _random = new Random(seed);
    }

    /// <summary>Base URL of the fake Web API, ending in <c>/api/</c> (use as <c>Slack:ApiBaseUrl</c>).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>
    /// The token calls must carry as <c>Authorization: Bearer</c> (tokens issued through <c>oauth.v2.access</c> are
    /// accepted too); null accepts any (or none) until the first install.
    /// </summary>
    public string? BotToken { get; set; } = "xoxb-fake-token";

    /// <summary>The app-level token <c>apps.connections.open</c> requires (use as <c>Slack:AppToken</c>).</summary>
    public string AppToken { get; set; } = "xapp-1-A0FAKE-1-fake";

    /// <summary>The Socket Mode server: connections, envelopes, acknowledgements.</summary>
    public FakeSocketMode SocketMode { get; } = new();

    public string TeamId { get; set; } = "T0FAKE";

    public string TeamName { get; set; } = "Fake Team";

    public string BotUserId { get; set; } = "UFAKEBOT";

    public string BotId { get; set; } = "BFAKE";

    /// <summary>The OAuth client id <c>oauth.v2.access</c> expects in its Basic auth header.</summary>
    public string ClientId { get; set; } = "1111.2222";

    /// <summary>The OAuth client secret <c>oauth.v2.access</c> expects in its Basic auth header.</summary>
    public string ClientSecret { get; set; } = "fake-client-secret";

    /// <summary>Fraction (0..1) of calls answered with <see cref="FailureKind"/> instead of normally.</summary>
    public double FailureRate { get; set; }

    public FakeSlackFailure FailureKind { get; set; } = FakeSlackFailure.RateLimited;

    /// <summary>The <c>Retry-After</c> seconds sent with injected 429s.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Every call so far, in arrival order.</summary>
    public IReadOnlyList<SlackApiCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Starts the server. <paramref name="seed"/> makes injected failures repeatable.</summary>
    public static async Task<FakeSlackApi> StartAsync(int seed = 1, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddLogging();
        var app = builder.Build();
        var fake = new FakeSlackApi(app, timeProvider ?? TimeProvider.System, seed);
        app.UseWebSockets();
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);
        fake.BaseUrl = app.Urls.Single().TrimEnd('/') + "/api/";
        return fake;
    }

    public IReadOnlyList<SlackApiCall> CallsTo(string method) => [.. Calls.Where(c => c.Method == method)];

    /// <summary>When set, <c>files.getUploadURLExternal</c> hands out upload URLs under this base instead of its own
    /// (to prove the client refuses to send bytes elsewhere).</summary>
    public string? UploadUrlBase { get; set; }

    /// <summary>Every file <c>files.getUploadURLExternal</c> created, in order (completed or not).</summary>
    public IReadOnlyList<FakeSlackFile> Files => [.. _files.Values.OrderBy(f => f.Id, StringComparer.Ordinal)];

    /// <summary>The files <c>files.completeUploadExternal</c> accepted, in order of their ids.</summary>
    public IReadOnlyList<FakeSlackFile> CompletedFiles => [.. Files.Where(f => f.IsCompleted)];

    /// <summary>
    /// Answers the next <paramref name="times"/> calls of <paramref name="method"/> (a Web API method, or
    /// <c>upload_url</c> for the upload POST) with <paramref name="fault"/>; faults queued for one method are used in
    /// order. Each faulted call is recorded like any other.
    /// </summary>
    public void InjectFault(string method, FakeSlackFault fault, int times = 1)
    {
        var queue = _faults.GetOrAdd(method, _ => new ConcurrentQueue<FakeSlackFault>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(fault);
        }
    }

    /// <summary>Makes <c>users.info</c> know a user. A null zone is answered without <c>tz</c>.</summary>
    public void AddUser(string userId, string? timeZone, bool isBot = false, bool deleted = false) =>
        _users[userId] = new FakeSlackUser(userId, timeZone, isBot, deleted);

    /// <summary>
    /// Makes <c>oauth.v2.access</c> exchange the returned code, once, for <paramref name="install"/>; with
    /// <paramref name="redirectUri"/> the exchange must name the same one (else <c>bad_redirect_uri</c>). From then on
    /// the install's access token is accepted like <see cref="BotToken"/> (until it expires, with rotation).
    /// </summary>
    public string IssueCode(FakeSlackInstall install, string? redirectUri = null)
    {
        ArgumentNullException.ThrowIfNull(install);
        var code = "code-" + Interlocked.Increment(ref _nextCode).ToString(CultureInfo.InvariantCulture);
        _codes[code] = install with { RedirectUri = redirectUri };
        return code;
    }

    /// <summary>The workspace (team or enterprise id) whose token this is, or null when the fake never issued it.</summary>
    public string? WorkspaceOfToken(string token) => _tokens.TryGetValue(token, out var issued) ? issued.Install.Key : null;

    /// <summary>Answers every call to <paramref name="method"/> with <c>{"ok":false,"error":...}</c> (HTTP 200).</summary>
    public void FailMethod(string method, string error = "channel_not_found") => _methodErrors[method] = error;

    /// <summary>Removes per-method errors and random failures.</summary>
    public void ClearFailures()
    {
        _methodErrors.Clear();
        FailureRate = 0;
    }

    /// <summary>Holds responses to <paramref name="method"/> (the call is recorded) until <see cref="Release"/>:
    /// a slow Slack, for timeout tests without sleeping.</summary>
    public void Hold(string method) => _holds.TryAdd(method, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Release(string method)
    {
        if (_holds.TryRemove(method, out var hold))
        {
            hold.TrySetResult();
        }
    }

    /// <summary>Answers every call to <paramref name="method"/> only after <paramref name="by"/> (the call is recorded
    /// on arrival): a Slack that is slow but not stuck, so sends are in flight when a test cuts a host off.</summary>
    public void Delay(string method, TimeSpan by) => _delays[method] = by;

    /// <summary>Completes when <paramref name="method"/> has been called <paramref name="count"/> times in total.</summary>
    public Task<SlackApiCall> WaitForCallAsync(string method, int count = 1, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var matching = _calls.Where(c => c.Method == method).ToList();
            if (matching.Count >= count)
            {
                return Task.FromResult(matching[count - 1]);
            }

            var done = new TaskCompletionSource<SlackApiCall>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((method, count, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hold in _holds.Values)
        {
            hold.TrySetResult();
        }

        SocketMode.Stop();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/link", StringComparison.Ordinal))
        {
            await SocketMode.AcceptAsync(context);
            return;
        }

        if (path.StartsWith("/hooks/", StringComparison.Ordinal))
        {
            // Stands in for https://hooks.slack.com/… response URLs: recorded as method "response_url".
            await RecordAsync(context, "response_url");
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok");
            return;
        }

        if (path.StartsWith(UploadPath, StringComparison.Ordinal))
        {
            await UploadAsync(context, path[UploadPath.Length..]);
            return;
        }

        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var call = await RecordAsync(context, path["/api/".Length..]);

        if (_holds.TryGetValue(call.Method, out var hold))
        {
            await hold.Task.WaitAsync(context.RequestAborted);
        }

        if (_delays.TryGetValue(call.Method, out var delay))
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (call.Method == "oauth.v2.access")
        {
            await WriteJsonAsync(context, OAuthAccess(call));
            return;
        }

        if (call.Method == "apps.connections.open")
        {
            // App-level token only: Slack refuses a bot token here with not_allowed_token_type.
            var socketRefused = call.Authorization is null ? "not_authed"
                : call.Authorization.StartsWith("Bearer xoxb-", StringComparison.Ordinal) ? "not_allowed_token_type"
                : call.Authorization != "Bearer " + AppToken ? "invalid_auth"
                : _methodErrors.GetValueOrDefault(call.Method);
            var host = context.Request.Host.Value;
            await WriteJsonAsync(context, socketRefused is not null
                ? Error(socketRefused)
                : new JsonObject { ["ok"] = true, ["url"] = $"ws://{host}/link/?ticket={SocketMode.NextTicket()}&app_id=A0FAKE" });
            return;
        }

        if (Authenticate(call) is { } refused)
        {
            await WriteJsonAsync(context, Error(refused));
            return;
        }

        if (_methodErrors.TryGetValue(call.Method, out var error))
        {
            await WriteJsonAsync(context, Error(error));
            return;
        }

        var fault = NextFault(call.Method);
        if (fault is FakeSlackFault.RateLimited or FakeSlackFault.ServerError or FakeSlackFault.DropConnection)
        {
            await WriteFaultAsync(context, fault.Value);
            return;
        }

        if (DrawFailure())
        {
            if (FailureKind == FakeSlackFailure.RateLimited)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await WriteJsonAsync(context, Error("ratelimited"));
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body>500 Internal Server Error</body></html>");
            }

            return;
        }

        var response = call.Method switch
        {
            "users.info" => UsersInfo(call),
            "auth.test" => new JsonObject
            {
                ["ok"] = true,
                ["url"] = "https://fake.slack.test/",
                ["team"] = TeamName,
                ["user"] = "promisebot",
                ["team_id"] = TeamId,
                ["user_id"] = BotUserId,
                ["bot_id"] = BotId,
                ["is_enterprise_install"] = false,
            },
            "chat.postMessage" => PostMessage(call),
            "chat.update" => Update(call),
            "conversations.open" => OpenConversation(call),
            "views.publish" => new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "VHOME" + call.Arg("user_id") } },
            "views.open" => OpenView(call),
            "chat.postEphemeral" => string.IsNullOrEmpty(call.Arg("channel")) || string.IsNullOrEmpty(call.Arg("user"))
                ? Error("channel_not_found")
                : new JsonObject { ["ok"] = true, ["message_ts"] = NextTs() },
            "chat.getPermalink" => string.IsNullOrEmpty(call.Arg("channel")) || string.IsNullOrEmpty(call.Arg("message_ts"))
                ? Error("message_not_found")
                : new JsonObject
                {
                    ["ok"] = true,
                    ["channel"] = call.Arg("channel"),
                    ["permalink"] = $"https://fake.slack.test/archives/{call.Arg("channel")}/p{call.Arg("message_ts")!.Replace(".", string.Empty, StringComparison.Ordinal)}",
                },
            "files.getUploadURLExternal" => GetUploadUrl(call, context),
            "files.completeUploadExternal" => CompleteUpload(call),
            "files.info" => FileInfo(call),
            _ => Error("unknown_method"),
        };
        if (fault == FakeSlackFault.DropAfterHandling)
        {
            context.Abort();
            return;
        }

        await WriteJsonAsync(context, response);
    }

    private async Task<SlackApiCall> RecordAsync(HttpContext context, string method)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonObject? json = null;
        var contentType = request.ContentType ?? string.Empty;
        if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var pair in QueryHelpers.ParseQuery(body))
            {
                form[pair.Key] = pair.Value.ToString();
            }
        }
        else if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && body.Length > 0)
        {
            json = JsonNode.Parse(body) as JsonObject;
        }

        var call = new SlackApiCall(method, request.Method, headers, query, form, json, body);
        Record(call);
        return call;
    }

    private void Record(SlackApiCall call)
    {
        var method = call.Method;
        lock (_gate)
        {
            _calls.Add(call);
            var count = _calls.Count(c => c.Method == method);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Method == method && _waiters[i].Count <= count)
                {
                    _waiters[i].Done.TrySetResult(call);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    // BotToken (when set) and every token issued by oauth.v2.access and not yet expired. A null BotToken accepts
    // anything until the first install; then only issued tokens.
    private string? Authenticate(SlackApiCall call)
    {
        var bearer = call.Authorization is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
        if (bearer is not null && _tokens.TryGetValue(bearer, out var issued))
        {
            return issued.ExpiresAt is { } expires && expires <= _time.GetUtcNow() ? "token_expired" : null;
        }

        if (BotToken is null ? _tokens.IsEmpty : bearer == BotToken)
        {
            return null;
        }

        return call.Authorization is null ? "not_authed" : "invalid_auth";
    }

    // https://docs.slack.dev/reference/methods/oauth.v2.access: Basic client_id:client_secret, then either a code
    // (install) or grant_type=refresh_token (token rotation: a new pair, the old refresh token is spent).
    private JsonObject OAuthAccess(SlackApiCall call)
    {
        if (!BasicCredentials(call, out var clientId, out var clientSecret) || clientId != ClientId)
        {
            return Error("invalid_client_id");
        }

        if (clientSecret != ClientSecret)
        {
            return Error("bad_client_secret");
        }

        FakeSlackInstall install;
        if (call.Arg("grant_type") == "refresh_token")
        {
            if (call.Arg("refresh_token") is not { } refresh || !_refreshTokens.TryRemove(refresh, out var rotating))
            {
                return Error("invalid_refresh_token");
            }

            var n = Interlocked.Increment(ref _nextCode).ToString(CultureInfo.InvariantCulture);
            install = rotating with { AccessToken = "xoxe.xoxb-rotated-" + n, RefreshToken = "xoxe-1-refresh-" + n };
        }
        else
        {
            if (call.Arg("code") is not { } code || !_codes.TryRemove(code, out var issued))
            {
                return Error("invalid_code");
            }

            if (issued.RedirectUri is not null && call.Arg("redirect_uri") != issued.RedirectUri)
            {
                return Error("bad_redirect_uri");
            }

            install = issued;
        }

        var expiresAt = install.ExpiresInSeconds is { } seconds ? _time.GetUtcNow().AddSeconds(seconds) : (DateTimeOffset?)null;
        _tokens[install.AccessToken] = new IssuedToken(install, expiresAt);
        var answer = new JsonObject
        {
            ["ok"] = true,
            ["app_id"] = "AFAKE",
            ["authed_user"] = new JsonObject { ["id"] = "UINSTALLER" },
            ["scope"] = install.Scope,
            ["token_type"] = "bot",
            ["access_token"] = install.AccessToken,
            ["bot_user_id"] = install.BotUserId,
            ["team"] = install.IsEnterpriseInstall ? null : new JsonObject { ["id"] = install.TeamId, ["name"] = install.TeamName },
            ["enterprise"] = install.EnterpriseId is null ? null : new JsonObject { ["id"] = install.EnterpriseId, ["name"] = install.EnterpriseName },
            ["is_enterprise_install"] = install.IsEnterpriseInstall,
        };
        if (install.RefreshToken is not null)
        {
            _refreshTokens[install.RefreshToken] = install;
            answer["refresh_token"] = install.RefreshToken;
            answer["expires_in"] = install.ExpiresInSeconds;
        }

        return answer;
    }

    private static bool BasicCredentials(SlackApiCall call, out string? clientId, out string? clientSecret)
    {
        clientId = clientSecret = null;
        if (call.Authorization is not { } header || !header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        (clientId, clientSecret) = (decoded[..colon], decoded[(colon + 1)..]);
        return true;
    }

    private const string UploadPath = "/upload/v1/";

    private FakeSlackFault? NextFault(string method) =>
        _faults.TryGetValue(method, out var queue) && queue.TryDequeue(out var fault) ? fault : null;

    private async Task WriteFaultAsync(HttpContext context, FakeSlackFault fault)
    {
        switch (fault)
        {
            case FakeSlackFault.RateLimited:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await WriteJsonAsync(context, Error("ratelimited"));
                break;
            case FakeSlackFault.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body>500 Internal Server Error</body></html>");
                break;
            default:
                context.Abort();
                break;
        }
    }

    // https://docs.slack.dev/reference/methods/files.getUploadURLExternal: filename and a positive length required,
    // alt_txt at most 1000 characters. The upload URL is on this server, like files.slack.com's is on Slack's.
    private JsonObject GetUploadUrl(SlackApiCall call, HttpContext context)
    {
        var fileName = call.Arg("filename");
        if (string.IsNullOrEmpty(fileName) || !int.TryParse(call.Arg("length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length <= 0)
        {
            return Error("missing_argument");
        }

        if (call.Arg("alt_txt") is { Length: > 1000 })
        {
            return Error("alt_txt_too_large");
        }

        var id = "F" + Interlocked.Increment(ref _nextFile).ToString("D9", CultureInfo.InvariantCulture);
        _files[id] = new FakeSlackFile(id, fileName, length, call.Arg("alt_txt"));
        return new JsonObject
        {
            ["ok"] = true,
            ["upload_url"] = (UploadUrlBase ?? $"{context.Request.Scheme}://{context.Request.Host.Value}{UploadPath}") + id,
            ["file_id"] = id,
        };
    }

    // The upload POST: no token (the URL is the credential), raw bytes or multipart; Slack answers with a status only.
    private async Task UploadAsync(HttpContext context, string fileId)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var bytes = buffer.ToArray();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var call = new SlackApiCall("upload_url", context.Request.Method, headers, new Dictionary<string, string>(), new Dictionary<string, string>(), null, string.Empty)
        {
            Bytes = bytes,
            Target = fileId,
        };
        Record(call);
        if (_holds.TryGetValue(call.Method, out var hold))
        {
            await hold.Task.WaitAsync(context.RequestAborted);
        }

        var fault = NextFault(call.Method);
        if (fault is FakeSlackFault.RateLimited or FakeSlackFault.ServerError or FakeSlackFault.DropConnection)
        {
            await WriteFaultAsync(context, fault.Value);
            return;
        }

        int status;
        lock (_gate)
        {
            status = !_files.TryGetValue(fileId, out var file) ? StatusCodes.Status404NotFound
                : file.IsCompleted ? StatusCodes.Status410Gone
                : bytes.Length != file.Length ? StatusCodes.Status400BadRequest
                : StatusCodes.Status200OK;
            if (status == StatusCodes.Status200OK)
            {
                file!.Bytes = bytes;
            }
        }

        if (fault == FakeSlackFault.DropAfterHandling)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(status == StatusCodes.Status200OK ? "OK - " + bytes.Length.ToString(CultureInfo.InvariantCulture) : "failed");
    }

    // https://docs.slack.dev/reference/methods/files.completeUploadExternal: "can only be called once". The fake refuses
    // an id it never handed out or whose bytes never arrived (file_not_found) and a second completion
    // (file_already_completed: the fake's own code; what Slack answers is not documented). channel_id must look like a
    // conversation id (C, G, D or Z), never a user id. Sharing is immediate here (Slack shares asynchronously).
    private JsonObject CompleteUpload(SlackApiCall call)
    {
        JsonArray? files;
        try
        {
            files = call.Arg("files") is { } json ? JsonNode.Parse(json) as JsonArray : null;
        }
        catch (System.Text.Json.JsonException)
        {
            files = null;
        }

        if (files is null || files.Count == 0 || files.Any(f => f?["id"] is null))
        {
            return Error("invalid_arguments");
        }

        var channel = call.Arg("channel_id");
        if (channel is not null && (channel.Length < 2 || "CGDZ".IndexOf(channel[0], StringComparison.Ordinal) < 0))
        {
            return Error("invalid_arguments");
        }

        lock (_gate)
        {
            var chosen = new List<(FakeSlackFile File, string? Title)>();
            foreach (var entry in files)
            {
                var id = (string?)entry!["id"];
                if (id is null || !_files.TryGetValue(id, out var file) || file.Bytes is null)
                {
                    return Error("file_not_found");
                }

                if (file.IsCompleted)
                {
                    file.Completions++;
                    return Error("file_already_completed");
                }

                chosen.Add((file, (string?)entry["title"]));
            }

            var answer = new JsonArray();
            foreach (var (file, title) in chosen)
            {
                file.Completions = 1;
                file.Channel = channel;
                file.Title = title ?? file.FileName;
                file.InitialComment = call.Arg("initial_comment");
                answer.Add(new JsonObject { ["id"] = file.Id, ["title"] = file.Title });
            }

            return new JsonObject { ["ok"] = true, ["files"] = answer };
        }
    }

    // https://docs.slack.dev/reference/methods/files.info: a completed file, with where it is shared; an upload that was
    // never completed is discarded by Slack, so it is file_not_found here.
    private JsonObject FileInfo(SlackApiCall call)
    {
        if (call.Arg("file") is not { } id || !_files.TryGetValue(id, out var file) || !file.IsCompleted)
        {
            return Error("file_not_found");
        }

        var json = new JsonObject
        {
            ["id"] = file.Id,
            ["name"] = file.FileName,
            ["title"] = file.Title,
            ["size"] = file.Length,
            ["channels"] = new JsonArray(),
            ["groups"] = new JsonArray(),
            ["ims"] = new JsonArray(),
        };
        if (file.Channel is { } channel)
        {
            var list = channel[0] switch { 'D' => "ims", 'G' => "groups", _ => "channels" };
            json[list]!.AsArray().Add(channel);
            json["shares"] = new JsonObject
            {
                [channel[0] == 'C' ? "public" : "private"] = new JsonObject { [channel] = new JsonArray(new JsonObject { ["ts"] = NextTs() }) },
            };
        }

        return new JsonObject { ["ok"] = true, ["file"] = json };
    }

    private bool DrawFailure()
    {
        lock (_gate)
        {
            // Always draw, so the failure pattern for a seed does not depend on the rate.
            return _random.NextDouble() < FailureRate;
        }
    }

    private JsonObject UsersInfo(SlackApiCall call)
    {
        var userId = call.Arg("user");
        if (userId is null || !_users.TryGetValue(userId, out var user))
        {
            return Error("user_not_found");
        }

        var json = new JsonObject
        {
            ["id"] = user.Id,
            ["team_id"] = TeamId,
            ["name"] = user.Id.ToLowerInvariant(),
            ["deleted"] = user.Deleted,
            ["is_bot"] = user.IsBot,
        };
        if (user.TimeZone is not null)
        {
            var offset = DateTimeZoneProviders.Tzdb.GetZoneOrNull(user.TimeZone)
                ?.GetUtcOffset(Instant.FromDateTimeOffset(_time.GetUtcNow())).Seconds ?? 0;
            json["tz"] = user.TimeZone;
            json["tz_label"] = user.TimeZone;
            json["tz_offset"] = offset;
        }

        return new JsonObject { ["ok"] = true, ["user"] = json };
    }

    private JsonObject PostMessage(SlackApiCall call)
    {
        var channel = call.Arg("channel");
        if (string.IsNullOrEmpty(channel))
        {
            return Error("channel_not_found");
        }

        if (string.IsNullOrEmpty(call.Arg("text")) && call.Arg("blocks") is null)
        {
            return Error("no_text");
        }

        var ts = NextTs();
        return new JsonObject
        {
            ["ok"] = true,
            ["channel"] = channel,
            ["ts"] = ts,
            ["message"] = new JsonObject { ["type"] = "message", ["text"] = call.Arg("text"), ["ts"] = ts, ["bot_id"] = BotId },
        };
    }

    private static JsonObject Update(SlackApiCall call)
    {
        var channel = call.Arg("channel");
        var ts = call.Arg("ts");
        if (string.IsNullOrEmpty(channel))
        {
            return Error("channel_not_found");
        }

        if (string.IsNullOrEmpty(ts))
        {
            return Error("message_not_found");
        }

        return new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts, ["text"] = call.Arg("text") };
    }

    // trigger_id is required and single-use in Slack (and expires after 3 s); the fake checks presence and reuse.
    private JsonObject OpenView(SlackApiCall call)
    {
        var trigger = call.Arg("trigger_id");
        if (string.IsNullOrEmpty(trigger) || call.Json?["view"] is not JsonObject)
        {
            return Error(string.IsNullOrEmpty(trigger) ? "invalid_trigger_id" : "invalid_arguments");
        }

        int count;
        lock (_gate)
        {
            if (!_usedTriggers.Add(trigger))
            {
                return Error("exchanged_trigger_id");
            }

            count = _usedTriggers.Count;
        }

        return new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "VMODAL" + count.ToString(CultureInfo.InvariantCulture) } };
    }

    private static JsonObject OpenConversation(SlackApiCall call)
    {
        var users = call.Arg("users");
        if (string.IsNullOrEmpty(users))
        {
            return Error("users_list_not_supplied");
        }

        return new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = DirectChannelFor(users) } };
    }

    /// <summary>The DM channel id <c>conversations.open</c> returns for a user (stable: <c>U123</c> → <c>D123</c>).</summary>
    public static string DirectChannelFor(string userId) => "D" + userId.Split(',')[0].TrimStart('U', 'W');

    private string NextTs() =>
        "1700000000." + Interlocked.Increment(ref _nextTs).ToString("D6", CultureInfo.InvariantCulture);

    private static JsonObject Error(string code) => new() { ["ok"] = false, ["error"] = code };

    private static Task WriteJsonAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private sealed record FakeSlackUser(string Id, string? TimeZone, bool IsBot, bool Deleted);

    private sealed record IssuedToken(FakeSlackInstall Install, DateTimeOffset? ExpiresAt);
}

/// <summary>
/// What <c>oauth.v2.access</c> answers for a code from <see cref="FakeSlackApi.IssueCode"/>. With
/// <see cref="RefreshToken"/> and <see cref="ExpiresInSeconds"/> the install uses token rotation: each refresh
/// answers a new <c>xoxe.xoxb-rotated-…</c> token with the same lifetime.
/// </summary>
public sealed record FakeSlackInstall(
    string? TeamId,
    string? TeamName,
    string AccessToken,
    string BotUserId = "UFAKEBOT",
    string? EnterpriseId = null,
    string? EnterpriseName = null,
    bool IsEnterpriseInstall = false,
    string? RefreshToken = null,
    int? ExpiresInSeconds = null,
    string Scope = "commands,chat:write,users:read,im:write,app_mentions:read,im:history,files:write,files:read")
{
    internal string? RedirectUri { get; init; }

    /// <summary>The installation key: the enterprise id for an org-wide install, else the team id.</summary>
    public string? Key => IsEnterpriseInstall ? EnterpriseId : TeamId;
}
