using System.Text.Json;

namespace PromiseBot.Teams.Tests;

public sealed class TeamsTransientFailureTests
{
    public static TheoryData<Exception, bool, bool> Cases() => new()
    {
        { new HttpRequestException("refused", null, System.Net.HttpStatusCode.BadGateway), true, true },
        { new IOException("reset"), true, true },
        { new JsonException("half a body"), true, true },
        { new TaskCanceledException("HttpClient.Timeout"), true, true },
        { new InvalidOperationException("IDX20803: Unable to obtain configuration"), false, true },
        { new ArgumentException("a bug"), false, false },
        { new NullReferenceException(), false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void NetworkTimeoutAndUnreadableAnswersAreTransient_BugsAreNot(Exception exception, bool transient, bool keyFetch)
    {
        Assert.Equal(transient, TeamsTransientFailure.Is(exception, CancellationToken.None));
        Assert.Equal(keyFetch, TeamsTransientFailure.IsKeyFetch(exception, CancellationToken.None));
    }

    [Fact]
    public void OurOwnCancellation_IsNotATransientFailure()
    {
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();

        Assert.False(TeamsTransientFailure.Is(new OperationCanceledException(stopping.Token), stopping.Token));
        Assert.Equal("timeout", TeamsTransientFailure.Describe(new TaskCanceledException()));
        Assert.Equal("network: ConnectionError", TeamsTransientFailure.Describe(new HttpRequestException(HttpRequestError.ConnectionError, "refused")));
    }
}
