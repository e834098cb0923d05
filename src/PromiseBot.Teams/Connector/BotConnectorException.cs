using System.Net;

namespace PromiseBot.Teams.Connector;

/// <summary>
/// A non-success answer from the Bot Connector or from the token endpoint. Carries what the messenger needs to
/// classify it: the HTTP status, the error code from the body (<c>{"error":{"code"}}</c> for the connector,
/// <c>{"error":"invalid_client"}</c> for the token endpoint) and, for 429, the <c>Retry-After</c> delay.
/// </summary>
public sealed class BotConnectorException : Exception
{
    public BotConnectorException()
    {
    }

    public BotConnectorException(string message)
        : base(message)
    {
    }

    public BotConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BotConnectorException(
        string operation, HttpStatusCode? status, string? errorCode, TimeSpan? retryAfter = null, string? correlationId = null, Exception? innerException = null)
        : base(Describe(operation, status, errorCode, correlationId), innerException)
    {
        Operation = operation;
        Status = status;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
        CorrelationId = correlationId;
    }

    /// <summary>"token", "send", "reply", "update" or "createConversation".</summary>
    public string Operation { get; } = string.Empty;

    /// <summary>Null when the answer was not HTTP-level (an unreadable body on a 2xx).</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>The platform's error code (<c>MessageWritesBlocked</c>, <c>ConversationNotFound</c>, <c>invalid_client</c>, ...).</summary>
    public string? ErrorCode { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>The connector's <c>X-Correlating-OperationId</c>, for support requests.</summary>
    public string? CorrelationId { get; }

    public bool IsTokenFailure => Operation == BotFrameworkTokenClient.Operation;

    private static string Describe(string operation, HttpStatusCode? status, string? errorCode, string? correlationId) =>
        $"Bot Framework {operation} failed: {(status is { } s ? "HTTP " + (int)s : "invalid response")}"
        + (errorCode is null ? string.Empty : " " + errorCode)
        + (correlationId is null ? string.Empty : " (operation " + correlationId + ")");
}
