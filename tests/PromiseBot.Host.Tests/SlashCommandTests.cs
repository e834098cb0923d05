using System.Net;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests;

public sealed class SlashCommandTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly BotHost _host;

    public SlashCommandTests() => _host = new BotHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task SignedCreate_StoresTheRowAndConfirmsInChannel()
    {
        var (status, json, _) = await _host.CommandAsync("Send the quote to Acme by Friday 5pm for Acme #quotes");

        Assert.Equal(200, status);
        Assert.Equal("in_channel", json!.Type());
        var text = json.AllText();
        Assert.Contains("#1", text);
        Assert.Contains("Send the quote to Acme", text);
        Assert.Contains("Fri 27 Nov 17:00 EST", text);
        Assert.Contains("in 4 days", text);
        Assert.Contains("<@U1>", text);
        using var c = new SqliteConnection(_db.ConnectionString);
        var row = c.QuerySingle<(string Title, string Customer, string Owner, string Category, long DueAt)>(
            "SELECT title, customer, owner, category, due_at FROM promises WHERE workspace = 'T1' AND number = 1");
        Assert.Equal(("Send the quote to Acme", "Acme", "U1", "quotes"), (row.Title, row.Customer, row.Owner, row.Category));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 22, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), row.DueAt);
        Assert.Equal(1, _host.Count("promise_events"));
    }

    [Fact]
    public async Task DateWithoutTime_UsesEndOfBusinessAndSaysSo()
    {
        var (_, json, _) = await _host.CommandAsync("Refund confirmed for order 1182 by Dec 3 <@U123ABC> #refunds");

        var text = json!.AllText();
        Assert.Contains("Thu 3 Dec 17:00 EST", text);
        Assert.Contains("end of business", text);
        Assert.Contains("<@U123ABC>", text);
    }

    [Fact]
    public async Task FullLifecycle_EveryVerbBehavesAndIsInTheHistory()
    {
        await _host.CommandAsync("Send the quote to Acme by Friday 5pm");

        var list = await _host.CommandAsync("list");
        Assert.Equal("ephemeral", list.Json!.Type());
        Assert.Contains("Send the quote to Acme", list.Json.AllText());

        var paused = await _host.CommandAsync("pause 1 waiting on customer");
        Assert.Contains("waiting on customer", paused.Json!.AllText());
        var pausedAgain = await _host.CommandAsync("pause 1 customer");
        Assert.Contains("already paused", pausedAgain.Json!.AllText());
        Assert.Equal("ephemeral", pausedAgain.Json.Type());

        Assert.Contains("resumed", (await _host.CommandAsync("resume 1")).Json!.AllText());
        Assert.Contains("Mon 30 Nov 10:00 EST", (await _host.CommandAsync("extend 1 to Monday 10am because customer asked")).Json!.AllText());
        Assert.Contains("<@U2>", (await _host.CommandAsync("assign 1 <@U2|bob>")).Json!.AllText());
        Assert.Contains("<@U3>", (await _host.CommandAsync("backup 1 <@U3>")).Json!.AllText());

        var show = await _host.CommandAsync("show 1");
        var shown = show.Json!.AllText();
        Assert.Contains("<@U2>", shown);
        Assert.Contains("<@U3>", shown);
        Assert.Contains("Mon 30 Nov 10:00 EST", shown);

        var done = await _host.CommandAsync("done 1 sent by email", user: "U2");
        Assert.Equal("in_channel", done.Json!.Type());
        Assert.Contains("done, kept after renegotiation", done.Json.AllText()); // extended with a reason before its deadline
        Assert.Contains("already done", (await _host.CommandAsync("done 1")).Json!.AllText());
        Assert.Contains("can't", (await _host.CommandAsync("extend 1 to Tuesday")).Json!.AllText());

        var history = (await _host.CommandAsync("history 1")).Json!.AllText();
        foreach (var expected in new[] { "made the promise", "paused", "moved the due date", "reassigned", "backup", "done", "customer asked", "sent by email" })
        {
            Assert.Contains(expected, history);
        }

        Assert.Equal(7, _host.Count("promise_events"));
    }

    [Fact]
    public async Task Cancel_ClosesThePromiseAndListAllStillShowsIt()
    {
        await _host.CommandAsync("Call back Dana at Globex tomorrow 10am for Globex #callback");
        var cancel = await _host.CommandAsync("cancel 1 customer withdrew");
        Assert.Contains("cancelled", cancel.Json!.AllText());

        Assert.Contains("nothing here", (await _host.CommandAsync("list")).Json!.AllText());
        Assert.Contains("Call back Dana at Globex", (await _host.CommandAsync("list all")).Json!.AllText());
    }

    [Fact]
    public async Task ListFilters_SpanTheWorkspaceAndDirectMessagesListYourOwn()
    {
        await _host.CommandAsync("Quote to Initech by tomorrow 9am #quotes", channel: "C1");
        await _host.CommandAsync("Refund to Hooli by Dec 10 <@U2> #refunds", channel: "C2");

        Assert.DoesNotContain("Refund to Hooli", (await _host.CommandAsync("list", channel: "C1")).Json!.AllText());
        Assert.Contains("Refund to Hooli", (await _host.CommandAsync("list #refunds", channel: "C1")).Json!.AllText());
        Assert.Contains("Refund to Hooli", (await _host.CommandAsync("list <@U2>", channel: "C1")).Json!.AllText());
        var due = (await _host.CommandAsync("list due")).Json!.AllText();
        Assert.Contains("Quote to Initech", due);
        Assert.DoesNotContain("Refund to Hooli", due);
        var dm = (await _host.CommandAsync("list", user: "U2", channel: "D123")).Json!.AllText();
        Assert.Contains("Refund to Hooli", dm);
        Assert.DoesNotContain("Quote to Initech", dm);

        _host.Clock.Advance(TimeSpan.FromDays(2));
        var overdue = (await _host.CommandAsync("list overdue #quotes")).Json!.AllText();
        Assert.Contains("Quote to Initech", overdue);
        Assert.Contains("late", overdue);
    }

    [Fact]
    public async Task UserText_IsEscapedSoItCannotPingAnyone()
    {
        var (_, json, raw) = await _host.CommandAsync("<!channel> call me & <!here> by tomorrow 10am");

        Assert.DoesNotContain("<!channel>", raw);
        Assert.DoesNotContain("<!here>", raw);
        Assert.Contains("&lt;!channel&gt; call me &amp; &lt;!here&gt;", json!.AllText());
    }

    [Theory]
    [InlineData("", "PromiseBot")]
    [InlineData("help", "PromiseBot")]
    [InlineData("frobnicate 12", "Try:")]
    [InlineData("Send the quote by yesterday", "Try:")]
    [InlineData("show 999", "no promise #999")]
    [InlineData("done", "Try:")]
    [InlineData("add Call \u0007Bob by Friday", "Try:")]
    public async Task BadOrHelpText_GetsAFriendlyEphemeralAnswer(string text, string expected)
    {
        var (status, json, _) = await _host.CommandAsync(text);

        Assert.Equal(200, status);
        Assert.Equal("ephemeral", json!.Type());
        Assert.Contains(expected, json.AllText());
        Assert.Equal(0, _host.Count("promises"));
    }

    [Fact]
    public async Task TextOver2000Characters_IsRefusedAndNothingIsStored()
    {
        var (status, json, _) = await _host.CommandAsync("add " + new string('x', 2100) + " by Friday");

        Assert.Equal(200, status);
        Assert.Equal("ephemeral", json!.Type());
        Assert.Equal(0, _host.Count("promises"));
    }

    [Fact]
    public async Task AnotherWorkspacesPromise_IsNotFoundAndUntouched()
    {
        await _host.CommandAsync("Send the quote by Friday 5pm", team: "T1");

        var (_, json, _) = await _host.CommandAsync("done 1", team: "T2");

        Assert.Contains("no promise #1", json!.AllText());
        Assert.Equal(1, _host.Count("promise_events"));
    }

    [Fact]
    public async Task ForgedStaleOrUnsignedRequests_Get401AndStoreNothing()
    {
        var body = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fpromise&text=Send+it+by+Friday&trigger_id=x1";

        var forged = await _host.PostSignedAsync(body, _host.Clock.GetUtcNow(), secret: "not-the-secret");
        var stale = await _host.PostSignedAsync(body, _host.Clock.GetUtcNow().AddMinutes(-6));
        var future = await _host.PostSignedAsync(body, _host.Clock.GetUtcNow().AddMinutes(6));
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        var none = await _host.SendAsync(unsigned);

        Assert.All(new[] { forged, stale, future, none }, r => Assert.Equal(401, r.Status));
        Assert.Equal(0, _host.Count("promises"));
        Assert.Equal(0, _host.Count("processed_deliveries"));
    }

    [Fact]
    public async Task ReplayedRequest_IsAppliedOnce()
    {
        await _host.CommandAsync("Send the quote by Friday 5pm", triggerId: "trigger-1");
        var (status, json, _) = await _host.CommandAsync("Send the quote by Friday 5pm", triggerId: "trigger-1");

        Assert.Equal(200, status);
        Assert.Contains("already handled: this is the promise it made, #1; I didn't make it twice.", json!.AllText());
        Assert.Contains("Send the quote", json.AllText());
        Assert.Equal(1, _host.Count("promises"));
    }

    [Fact]
    public async Task SignedButMalformedBody_Gets400()
    {
        var (status, _, _) = await _host.PostSignedAsync("text=hello&user_id=U1", _host.Clock.GetUtcNow());

        Assert.Equal(400, status);
        Assert.Equal(0, _host.Count("promises"));
    }

    [Fact]
    public async Task SslCheck_IsAnsweredWithoutDoingAnything()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
        {
            Content = new StringContent("ssl_check=1&token=abc", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };

        var (status, _, raw) = await _host.SendAsync(request);

        Assert.Equal(200, status);
        Assert.Equal("", raw);
        Assert.Equal(0, _host.Count("promises"));
    }

    [Fact]
    public async Task Data_SurvivesARestart()
    {
        await _host.CommandAsync("Send the quote by Friday 5pm");
        _host.Dispose();
        SqliteConnection.ClearAllPools();

        using var again = new BotHost(_db.ConnectionString);
        var (_, json, _) = await again.CommandAsync("show 1");
        var (_, second, _) = await again.CommandAsync("Another one by Monday 9am");

        Assert.Contains("Send the quote", json!.AllText());
        Assert.Contains("#2", second!.AllText());
    }

    [Fact]
    public async Task FiftyConcurrentCreates_GetFiftyDistinctNumbers()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => _host.CommandAsync($"Promise {i} by Friday 5pm", user: "U" + i)));

        Assert.All(replies, r => Assert.Equal(200, r.Status));
        using var c = new SqliteConnection(_db.ConnectionString);
        var numbers = c.Query<int>("SELECT number FROM promises WHERE workspace = 'T1'").Order().ToList();
        Assert.Equal(Enumerable.Range(1, 50), numbers);
    }

    [Fact]
    public async Task Healthz_IsUp()
    {
        using var client = _host.CreateClient();
        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
