using System.Text.Json.Nodes;

namespace PromiseBot.Testing.Teams.Connector;

/// <summary>One request the fake Bot Connector received, recorded before auth checks and failure injection.</summary>
/// <param name="Operation"><c>send</c>, <c>reply</c>, <c>update</c>, <c>createConversation</c> or <c>unknown</c>.</param>
/// <param name="ServicePath">The path before <c>v3/</c>, e.g. <c>/amer/</c>: shows the serviceUrl's path was kept.</param>
/// <param name="RawTarget">The request target exactly as sent (ids still escaped).</param>
/// <param name="ConversationId">Unescaped, for activity operations.</param>
/// <param name="ActivityId">Unescaped, for reply and update.</param>
/// <param name="Json">The body when it was a JSON object, else null.</param>
public sealed record BotConnectorCall(
    string Operation,
    string HttpMethod,
    string ServicePath,
    string RawTarget,
    string? ConversationId,
    string? ActivityId,
    IReadOnlyDictionary<string, string> Headers,
    JsonObject? Json,
    string RawBody)
{
    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;
}

/// <summary>How an injected failure is answered (Teams' documented retryable and permanent answers).</summary>
public enum FakeConnectorFailure
{
    /// <summary>429 with <c>Retry-After</c>.</summary>
    Throttled,

    /// <summary>412 Precondition Failed.</summary>
    PreconditionFailed,

    /// <summary>502 Bad Gateway, with an HTML body as a proxy would send.</summary>
    BadGateway,

    /// <summary>504 Gateway Timeout.</summary>
    GatewayTimeout,

    /// <summary>500 Internal Server Error.</summary>
    ServerError,

    /// <summary>403 with <c>{"error":{"code":"Forbidden","subCode":"MessageWritesBlocked"}}</c>: the user blocked or uninstalled the bot.</summary>
    MessageWritesBlocked,

    /// <summary>404 <c>ConversationNotFound</c>.</summary>
    NotFound,
}
