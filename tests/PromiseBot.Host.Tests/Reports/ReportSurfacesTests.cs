using PromiseBot.Host.Tests.Playground;
using PromiseBot.Host.Tests.Teams;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Auth;

namespace PromiseBot.Host.Tests.Reports;

/// <summary>
/// <c>report</c> end to end on Slack (signed slash commands), Teams (a signed activity, the reply card held against
/// the Adaptive Cards validator) and the playground, on a real SQLite file. Mon 23 Nov 2026 10:00 in New York.
/// </summary>
public sealed class ReportSurfacesTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private FakeOpenIdServer _openId = null!;
    private BotHost _host = null!;
    private TeamsTraffic _teams = null!;

    public async Task InitializeAsync()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(BotHost.Start);
        _openId = await FakeOpenIdServer.StartAsync(TeamsTraffic.AppId, clock);
        _host = new BotHost(_db.ConnectionString, clock, TeamsTraffic.Settings(_openId));
        _teams = new TeamsTraffic(_host, _openId);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _openId.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task Slack_TheWeeksReport_CountsKeptLateAndBroken_ByCategory_PrivatelyToTheAsker()
    {
        await _host.CommandAsync("Send the quote to Acme tomorrow 5pm #quotes");   // #1, kept below
        await _host.CommandAsync("Call back Globex in 2 hours #support");         // #2, late below
        await _host.CommandAsync("Refund Initech in 1 hour #support <@U2>");      // #3, broken below
        await _host.CommandAsync("Ship the spare parts Thursday 5pm #quotes");    // #4, still to come
        await _host.CommandAsync("done 1");
        _host.Clock.Advance(TimeSpan.FromHours(3));
        await _host.CommandAsync("done 2");
        await _host.CommandAsync("broken 3 the part never came");

        var (status, json, _) = await _host.CommandAsync("report");

        Assert.Equal(200, status);
        Assert.Equal("ephemeral", json.Type());
        var text = json.AllText();
        Assert.Contains("Fulfilment report · Mon 23 Nov – Sun 29 Nov 2026", text);
        Assert.Contains("33% on time (1 of 3)", text);
        Assert.Contains("kept 1 · late 1 · broken 1", text);
        Assert.Contains("Lateness: 1 h 30 min on average, 2 h at the 90th percentile.", text);
        Assert.Contains("Still to come in this period: 1.", text);
        Assert.Contains("#support — 0% on time (0 of 2) · late 1 · broken 1", text);
        Assert.Contains("#quotes — 100% on time (1 of 1)", text);
        Assert.Contains("*No recovery note yet:* #2, #3 (write one with /promise recover 2 cause …)", text);
        Assert.Contains("<@U1> — 50% on time (1 of 2) · late 1", text);

        var support = (await _host.CommandAsync("report #support")).Json.AllText();
        Assert.Contains("Fulfilment report · Mon 23 Nov – Sun 29 Nov 2026 · #support", support);
        Assert.Contains("0% on time (0 of 2)", support);
        Assert.DoesNotContain("By category", support);
    }

    [Fact]
    public async Task Slack_AnEmptyPeriodAndAFutureOne_AreAnsweredInWords()
    {
        await _host.CommandAsync("Send the quote to Acme tomorrow 5pm");

        Assert.Contains("No promises were due or closed in Mon 16 Nov – Sun 22 Nov 2026.", (await _host.CommandAsync("report last week")).Json.AllText());
        Assert.Contains("1 promise is still to come", (await _host.CommandAsync("report")).Json.AllText());
        var future = (await _host.CommandAsync("report next week")).Json.AllText();
        Assert.Contains("A report covers what already happened", future);
        Assert.Contains("report last week #support", future);
        Assert.Equal(1, _host.Count("promises")); // "report next week" made no promise
    }

    [Fact]
    public async Task Teams_TheReportCard_IsValid_AndSaysTheRate()
    {
        await _teams.PostAsync(_teams.Message("Send the quote to Acme tomorrow 5pm"));
        await _teams.PostAsync(_teams.Message("done 1"));

        var card = await _teams.ReplyCardAsync("report");

        var text = card.ToJsonString();
        Assert.Contains("Fulfilment report", text);
        Assert.Contains("100% on time (1 of 1)", text);
    }

    [Fact]
    public async Task Playground_Report_ShowsTheFigures()
    {
        using var db = new TempDatabase();
        using var playground = new PlaygroundHost(db.ConnectionString);
        await playground.CommandAsync("Send the quote to Acme tomorrow 5pm");
        await playground.CommandAsync("done 1");

        var html = (string)(await playground.CommandAsync("report"))["html"]!;

        Assert.Contains("Fulfilment report", html);
        Assert.Contains("100% on time (1 of 1)", html);
    }
}
