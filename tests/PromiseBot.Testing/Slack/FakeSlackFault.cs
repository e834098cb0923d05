namespace PromiseBot.Testing.Slack;

/// <summary>A failure <see cref="FakeSlackApi.InjectFault"/> answers the next call(s) of one method with.</summary>
public enum FakeSlackFault
{
    /// <summary>HTTP 429 with <c>Retry-After</c> (<see cref="FakeSlackApi.RetryAfterSeconds"/>); nothing is done.</summary>
    RateLimited,

    /// <summary>HTTP 500 with a non-JSON body; nothing is done.</summary>
    ServerError,

    /// <summary>The connection is dropped before the call is handled: nothing is done, the caller sees a network error.</summary>
    DropConnection,

    /// <summary>The call is handled (a message posted, a file completed) and then the connection is dropped before the
    /// answer: Slack did it, the caller cannot know.</summary>
    DropAfterHandling,
}
