using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PromiseBot.Testing.Teams.Connector;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, random port) that answers like the Bot Connector REST API
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference) for what
/// PromiseBot uses: send (<c>POST v3/conversations/{id}/activities</c>), reply (<c>POST .../activities/{id}</c>),
/// update (<c>PUT .../activities/{id}</c>) and create conversation (<c>POST v3/conversations</c>). It records every
/// call with its headers and body, requires a bearer token, and injects Teams' failures: 429 with Retry-After,
/// 412/500/502/504, 403 MessageWritesBlocked, 404 — at a seeded rate, for the next n calls, or for one conversation
/// or user.
/// <code>
/// await using var connector = await FakeBotConnector.StartAsync();
/// // store a conversation reference whose serviceUrl is connector.ServiceUrl
/// </code>
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private const string Marker = "/v3/conversations";

    private readonly WebApplication _app;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly List<BotConnectorCall> _calls = [];
    private readonly List<(string? Operation, int Count, TaskCompletionSource<BotConnectorCall> Done)> _waiters = [];
    private readonly Queue<(FakeConnectorFailure Kind, string? Operation)> _next = new();
    private readonly ConcurrentDictionary<string, bool> _blockedConversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _blockedUsers = new(StringComparer.Ordinal);
    private long _nextActivity;

    private FakeBotConnector(WebApplication app, int seed)
    {
        _app = app;
        _random = new Random(seed);
    }

    /// <summary>The server's root, ending in '/'.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>A serviceUrl with a path, like Teams' regional ones (<c>https://smba.trafficmanager.net/amer/</c>).</summary>
    public string ServiceUrl => BaseUrl + "amer/";

    /// <summary>Decides whether a bearer token is accepted; null accepts any non-empty bearer token. A missing or
    /// rejected token gets 401.</summary>
    public Func<string, bool>? IsValidToken { get; set; }

    /// <summary>False: answer calls without a bearer token too, as the Microsoft 365 Agents Playground's local
    /// connector does (PromiseBot's unauthenticated local mode sends none). A token that is sent is still checked.</summary>
    public bool RequireToken { get; set; } = true;

    /// <summary>Fraction (0..1) of calls answered with <see cref="FailureKind"/>.</summary>
    public double FailureRate { get; set; }

    public FakeConnectorFailure FailureKind { get; set; } = FakeConnectorFailure.Throttled;

    /// <summary>The <c>Retry-After</c> seconds sent with 429s; null sends a 429 without the header.</summary>
    public int? RetryAfterSeconds { get; set; } = 1;

    public IReadOnlyList<BotConnectorCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<FakeBotConnector> StartAsync(int seed = 1, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeBotConnector(app, seed);
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);
        fake.BaseUrl = app.Urls.Single().TrimEnd('/') + "/";
        return fake;
    }

    /// <summary>The conversation id create-conversation returns for a user (stable per user).</summary>
    public static string DirectConversationFor(string userId) => "a:dm-" + userId;

    public IReadOnlyList<BotConnectorCall> CallsTo(string operation) => [.. Calls.Where(c => c.Operation == operation)];

    /// <summary>The next <paramref name="count"/> calls (of <paramref name="operation"/>, or of any) fail this way.</summary>
    public void FailNext(FakeConnectorFailure kind, int count = 1, string? operation = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _next.Enqueue((kind, operation));
            }
        }
    }

    /// <summary>Every post to this conversation gets 403 MessageWritesBlocked.</summary>
    public void BlockConversation(string conversationId) => _blockedConversations[conversationId] = true;

    /// <summary>The user blocked the bot: creating their 1:1 chat or posting into it gets 403 MessageWritesBlocked.</summary>
    public void BlockUser(string userId)
    {
        _blockedUsers[userId] = true;
        BlockConversation(DirectConversationFor(userId));
    }

    public void ClearFailures()
    {
        lock (_gate)
        {
            _next.Clear();
        }

        _blockedConversations.Clear();
        _blockedUsers.Clear();
        FailureRate = 0;
    }

    /// <summary>Completes when <paramref name="operation"/> (or any call, when null) has happened <paramref name="count"/> times.</summary>
    public Task<BotConnectorCall> WaitForCallAsync(string? operation, int count = 1, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var matching = _calls.Where(c => operation is null || c.Operation == operation).ToList();
            if (matching.Count >= count)
            {
                return Task.FromResult(matching[count - 1]);
            }

            var done = new TaskCompletionSource<BotConnectorCall>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((operation, count, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers["X-Correlating-OperationId"] = Guid.NewGuid().ToString("N");
        var call = await RecordAsync(context);

        var authorization = call.Authorization ?? string.Empty;
        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : string.Empty;
        if ((token.Length == 0 && (RequireToken || authorization.Length > 0)) || (token.Length > 0 && IsValidToken is { } valid && !valid(token)))
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "Authorization has been denied for this request.");
            return;
        }

        if (call.Operation == "unknown")
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", "Unknown path");
            return;
        }

        if (Injected(call) is { } failure)
        {
            await FailAsync(context, failure);
            return;
        }

        if (call.Json is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "BadSyntax", "Body is not a JSON object");
            return;
        }

        switch (call.Operation)
        {
            case "createConversation":
                var member = (call.Json["members"] as JsonArray)?.FirstOrDefault()?["id"]?.GetValue<string>();
                if (string.IsNullOrEmpty(member) || call.Json["bot"]?["id"] is null)
                {
                    await ErrorAsync(context, StatusCodes.Status400BadRequest, "BadArgument", "bot and members are required");
                    return;
                }

                await WriteJsonAsync(context, StatusCodes.Status201Created, new JsonObject { ["id"] = DirectConversationFor(member) });
                return;

            case "update":
                await WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["id"] = call.ActivityId });
                return;

            default:
                var id = "activity-" + Interlocked.Increment(ref _nextActivity).ToString(CultureInfo.InvariantCulture);
                await WriteJsonAsync(context, StatusCodes.Status201Created, new JsonObject { ["id"] = id });
                return;
        }
    }

    private FakeConnectorFailure? Injected(BotConnectorCall call)
    {
        var member = call.Operation == "createConversation"
            ? (call.Json?["members"] as JsonArray)?.FirstOrDefault()?["id"]?.ToString()
            : null;
        if ((call.ConversationId is { } conversation && _blockedConversations.ContainsKey(conversation))
            || (member is not null && _blockedUsers.ContainsKey(member)))
        {
            return FakeConnectorFailure.MessageWritesBlocked;
        }

        lock (_gate)
        {
            if (_next.TryPeek(out var next) && (next.Operation is null || next.Operation == call.Operation))
            {
                _next.Dequeue();
                return next.Kind;
            }

            // Always draw, so the failure pattern for a seed does not depend on the rate.
            return _random.NextDouble() < FailureRate ? FailureKind : null;
        }
    }

    private Task FailAsync(HttpContext context, FakeConnectorFailure failure)
    {
        switch (failure)
        {
            case FakeConnectorFailure.Throttled:
                if (RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                return ErrorAsync(context, StatusCodes.Status429TooManyRequests, "Throttled", "Too many requests");
            case FakeConnectorFailure.PreconditionFailed:
                return ErrorAsync(context, StatusCodes.Status412PreconditionFailed, "PreconditionFailed", "Conversation is being updated");
            case FakeConnectorFailure.BadGateway:
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                context.Response.ContentType = "text/html";
                return context.Response.WriteAsync("<html><body>502 Bad Gateway</body></html>", context.RequestAborted);
            case FakeConnectorFailure.GatewayTimeout:
                return ErrorAsync(context, StatusCodes.Status504GatewayTimeout, "GatewayTimeout", "Upstream timed out");
            case FakeConnectorFailure.ServerError:
                return ErrorAsync(context, StatusCodes.Status500InternalServerError, "InternalServerError", "Something went wrong");
            case FakeConnectorFailure.MessageWritesBlocked:
                return WriteJsonAsync(context, StatusCodes.Status403Forbidden, new JsonObject
                {
                    ["error"] = new JsonObject
                    {
                        ["code"] = "Forbidden",
                        ["subCode"] = "MessageWritesBlocked",
                        ["message"] = "Bot is not allowed to send messages to this user",
                    },
                });
            default:
                return ErrorAsync(context, StatusCodes.Status404NotFound, "ConversationNotFound", "Conversation not found");
        }
    }

    private async Task<BotConnectorCall> RecordAsync(HttpContext context)
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

        JsonObject? json = null;
        if ((request.ContentType ?? string.Empty).StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && body.Length > 0)
        {
            try
            {
                json = JsonNode.Parse(body) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                json = null;
            }
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? string.Empty;
        var rawPath = rawTarget.Split('?')[0];
        var (operation, servicePath, conversation, activity) = Parse(request.Method, rawPath);
        var call = new BotConnectorCall(operation, request.Method, servicePath, rawTarget, conversation, activity, headers, json, body);
        lock (_gate)
        {
            _calls.Add(call);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var (op, count, done) = _waiters[i];
                if (_calls.Count(c => op is null || c.Operation == op) >= count)
                {
                    done.TrySetResult(call);
                    _waiters.RemoveAt(i);
                }
            }
        }

        return call;
    }

    private static (string Operation, string ServicePath, string? Conversation, string? Activity) Parse(string method, string rawPath)
    {
        var at = rawPath.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return ("unknown", rawPath, null, null);
        }

        var servicePath = rawPath[..(at + 1)];
        var rest = rawPath[(at + Marker.Length)..];
        if (rest.Length == 0 && method == HttpMethods.Post)
        {
            return ("createConversation", servicePath, null, null);
        }

        // Escaped ids contain no '/', so the segments are exact.
        var parts = rest.Split('/');
        if (parts.Length < 3 || parts[0].Length != 0 || parts[2] != "activities")
        {
            return ("unknown", servicePath, null, null);
        }

        var conversation = Uri.UnescapeDataString(parts[1]);
        if (parts.Length == 3)
        {
            return (method == HttpMethods.Post ? "send" : "unknown", servicePath, conversation, null);
        }

        var activity = Uri.UnescapeDataString(parts[3]);
        return method switch
        {
            "POST" => ("reply", servicePath, conversation, activity),
            "PUT" => ("update", servicePath, conversation, activity),
            _ => ("unknown", servicePath, conversation, activity),
        };
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        WriteJsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private static Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
