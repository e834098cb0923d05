using System.Text.Json;

namespace PromiseBot.Teams;

/// <summary>
/// The one answer to "did a Bot Framework endpoint let us down, or is this a bug?" for the Teams adapter: the Bot
/// Connector, the token endpoint and the OpenID metadata with its signing keys could not be reached, answered with
/// something unreadable, or timed out (HttpClient's timeout, not our own cancellation). Such a failure is retried
/// (the outbox) or reported as unavailable (token checks); anything else is a bug and goes to the entry point's catch.
/// </summary>
public static class TeamsTransientFailure
{
    public static bool Is(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException or IOException or JsonException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>
    /// <see cref="Is"/>, or a signing-key fetch that failed: IdentityModel's <c>ConfigurationManager</c> reports a
    /// metadata document or key set it could not fetch or read as <see cref="InvalidOperationException"/> (IDX20803),
    /// and so does our retriever for a document without a usable <c>jwks_uri</c>.
    /// </summary>
    public static bool IsKeyFetch(Exception exception, CancellationToken cancellationToken) =>
        exception is InvalidOperationException || Is(exception, cancellationToken);

    /// <summary>A short reason for the outbox row: <c>network: ConnectionError</c>, <c>timeout</c>, <c>unreadable</c>.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        HttpRequestException http => "network: " + http.HttpRequestError,
        OperationCanceledException => "timeout",
        JsonException => "unreadable",
        _ => "network: " + exception.GetType().Name,
    };
}
