using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Playground;

/// <summary>Customer feedback and customer updates in the playground: the buttons post the command they stand for.</summary>
public sealed class PlaygroundFeedbackTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundFeedbackTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    [Fact]
    public async Task TheDoneConfirmation_HasFiveScoreButtons_AndAClickDeliveredTwiceRecordsOnce()
    {
        await _host.CommandAsync("Send the quote to Acme tomorrow");

        var done = (string)(await _host.CommandAsync("done 1"))["html"]!;
        Assert.Contains("Record customer feedback for #1:", done);
        for (var score = 1; score <= 5; score++)
        {
            Assert.Contains($"data-command=\"feedback 1 {score}\"", done);
        }

        var first = await _host.CommandAsync("feedback 1 4", person: "sam", requestId: "click-1");
        var again = await _host.CommandAsync("feedback 1 4", person: "sam", requestId: "click-1");

        Assert.Contains("Recorded customer feedback for", (string)first["html"]!);
        Assert.Contains("already", (string)again["summary"]!);
        var history = (string)(await _host.CommandAsync("history 1"))["html"]!;
        Assert.Equal(1, Count(history, "recorded customer feedback 4/5"));
        var show = (string)(await _host.CommandAsync("show 1"))["html"]!;
        Assert.Contains("Customer feedback", show);
        Assert.Contains("4/5", show);
    }

    [Fact]
    public async Task TheAtRiskDm_OffersADraft_AndItsCommandAnswersWithIt()
    {
        // Mon 10:00 New York; due 13:00, so the at-risk alert (4 h before) is due at once.
        await _host.CommandAsync("Call Acme back in 3 hours for Acme");
        await _host.AdvanceAsync(new { hours = 1 });

        var dm = Assert.Single(await _host.FeedAsync("people/maya/dms"), d => d.Contains("At risk", StringComparison.Ordinal));
        Assert.Contains("data-command=\"update 1\"", dm);

        var draft = (string)(await _host.CommandAsync("update 1"))["html"]!;
        Assert.Contains("Hi Acme, a quick update on Call Acme back: we&#x27;re running a little behind on it, but we still expect to deliver by Mon 23 Nov, 13:00 EST.", draft);
    }

    [Fact]
    public async Task FeedbackOnAnOpenPromise_IsRefused_AndTheCommentIsEscaped()
    {
        await _host.CommandAsync("Send the quote to Acme tomorrow");

        var refused = await _host.CommandAsync("feedback 1 4");
        Assert.Equal("error", ((string)refused["tone"]!).ToLowerInvariant());
        Assert.Contains("still open", (string)refused["html"]!);

        await _host.CommandAsync("done 1");
        var recorded = (string)(await _host.CommandAsync("feedback 1 5 <script>alert(1)</script>"))["html"]!;
        Assert.DoesNotContain("<script>", recorded);
        Assert.Contains("&lt;script&gt;", recorded);
    }
}
