using System.Text.Json.Nodes;

namespace PromiseBot.Testing.Slack;

/// <summary>One request the fake Slack Web API received, recorded before any failure injection.</summary>
/// <param name="Method">The Web API method from the path, e.g. <c>chat.postMessage</c>.</param>
/// <param name="Headers">Request headers, case-insensitive names.</param>
/// <param name="Json">The body when it was JSON, else null.</param>
/// <param name="RawBody">The body exactly as received.</param>
public sealed record SlackApiCall(
    string Method,
    string HttpMethod,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Form,
    JsonObject? Json,
    string RawBody)
{
    /// <summary>The body's bytes, for the upload POST (<c>upload_url</c>), whose body is not text.</summary>
    public byte[]? Bytes { get; init; }

    /// <summary>For <c>upload_url</c>: the file id in the URL.</summary>
    public string? Target { get; init; }

    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;

    /// <summary>An argument wherever Slack accepts it: JSON body, then form body, then query string.</summary>
    public string? Arg(string name) =>
        Json?[name] is { } node ? (node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString())
        : Form.TryGetValue(name, out var form) ? form
        : Query.TryGetValue(name, out var query) ? query
        : null;
}

/// <summary>How an injected random failure is answered.</summary>
public enum FakeSlackFailure
{
    /// <summary>HTTP 429 with <c>Retry-After</c>.</summary>
    RateLimited,

    /// <summary>HTTP 500 with a non-JSON body, as a broken proxy would send.</summary>
    ServerError,
}
