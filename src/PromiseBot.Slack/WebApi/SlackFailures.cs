namespace PromiseBot.Slack.WebApi;

/// <summary>The one rule for "Slack trouble": which failures of a Slack call are Slack's or the network's, not ours.</summary>
public static class SlackFailures
{
    /// <summary>
    /// Slack said no (<see cref="SlackApiException"/>, including rate limits), could not be reached
    /// (<see cref="HttpRequestException"/>), or did not answer in time (a cancellation that is not
    /// <paramref name="cancellationToken"/>'s own: HttpClient's timeout, or a shorter one of the caller's). A best-effort
    /// call (a redraw, a form, the Home tab, a person check) logs these and moves on; anything else is a bug.
    /// </summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        exception is SlackApiException or HttpRequestException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
