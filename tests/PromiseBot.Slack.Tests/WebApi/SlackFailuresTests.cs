using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.Tests.WebApi;

public sealed class SlackFailuresTests
{
    [Fact]
    public void SlackRefusals_NetworkFailures_AndTimeouts_AreTransient()
    {
        Assert.True(SlackFailures.IsTransient(new SlackApiException("users.info", "internal_error"), CancellationToken.None));
        Assert.True(SlackFailures.IsTransient(new HttpRequestException("connection refused"), CancellationToken.None));
        Assert.True(SlackFailures.IsTransient(new TaskCanceledException("HttpClient.Timeout"), CancellationToken.None));
        Assert.True(SlackFailures.IsTransient(new OperationCanceledException("our own shorter timeout"), CancellationToken.None));
    }

    [Fact]
    public void OurOwnCancellation_AndBugs_AreNot()
    {
        var stopping = new CancellationToken(canceled: true);

        Assert.False(SlackFailures.IsTransient(new TaskCanceledException(), stopping));
        Assert.False(SlackFailures.IsTransient(new InvalidOperationException(), CancellationToken.None));
        Assert.False(SlackFailures.IsTransient(new NullReferenceException(), CancellationToken.None));
    }
}
