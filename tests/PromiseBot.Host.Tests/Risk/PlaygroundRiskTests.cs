using System.Text.RegularExpressions;
using PromiseBot.Host.Tests.Playground;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Risk;

/// <summary>Risk in the playground, end to end on a real SQLite file: flags at create, changes, list risky, away, and the suggestion from history with its Use button.</summary>
public sealed partial class PlaygroundRiskTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundRiskTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private async Task<string> HtmlAsync(string text, string person = "maya") => (string)(await _host.CommandAsync(text, person))["html"]!;

    [Fact]
    public async Task AFlaggedCreate_ShowsItsRisk_InTheReplyShowAndListRisky()
    {
        var created = await HtmlAsync("Migrate Acme's shop by Friday 5pm #web risk vendor,customer-input");
        Assert.Contains("<strong>High risk</strong>: depends on a vendor; depends on customer input", created);

        await HtmlAsync("Send the invoice to Globex by Friday 5pm");
        var show = await HtmlAsync("show 1");
        Assert.Contains("<dt>Risk</dt><dd>High risk: depends on a vendor; depends on customer input</dd>", show);

        var risky = await HtmlAsync("list risky");
        Assert.Contains("Open promises at risk, highest risk first", risky);
        Assert.Contains("Migrate Acme&#x27;s shop", risky);
        Assert.DoesNotContain("Send the invoice", risky);
    }

    [Fact]
    public async Task RiskChanges_AreInTheHistory_AndBadFlagsChangeNothing()
    {
        await HtmlAsync("Migrate Acme's shop by Friday 5pm #web risk customer-input");

        var changed = await HtmlAsync("risk 1 +vendor -customer-input", person: "sam");
        Assert.Contains("risk flags <strong>depends on a vendor</strong>", changed);
        var refused = await _host.CommandAsync("risk 1 +vendr");
        Assert.Equal("error", ((string)refused["tone"]!).ToLowerInvariant());
        Assert.Contains("I don&#x27;t know the risk flag &quot;vendr&quot;", (string)refused["html"]!);
        var again = await HtmlAsync("risk 1 +vendor");
        Assert.Contains("already vendor", again);

        var history = await HtmlAsync("history 1");
        Assert.Single(RiskChanged().Matches(history));
        Assert.Contains("set the risk flags to vendor (were customer-input)", history);
        var risk = await HtmlAsync("risk 1");
        Assert.Contains("depends on a vendor (high)", risk);
    }

    [Fact]
    public async Task AnOwnerAwayBeforeTheDeadline_MakesItHighRisk()
    {
        // The playground starts Mon 23 Nov 2026, 10:00 New York.
        await HtmlAsync("Send the quote to Acme by Friday 5pm @sam");
        var set = await HtmlAsync("away @sam 25 Nov to 26 Nov");
        Assert.Contains("is away Wed 25 Nov – Thu 26 Nov.", set);
        Assert.Contains("1 open promise of theirs fall due by then", set);

        Assert.Contains("High risk</strong>: owner away Wed 25 Nov – Thu 26 Nov", await HtmlAsync("list risky"));
        Assert.Contains("no longer marked away", await HtmlAsync("away @sam off"));
        Assert.Contains("nothing here", await HtmlAsync("list risky"));
    }

    [Fact]
    public async Task ADeadlineShorterThanHistory_GetsTheSuggestion_AndUseMovesIt_Once()
    {
        // Ten #web promises made Monday and done Thursday: each took 3 days (72 h), so the p80 is 3 days.
        for (var i = 1; i <= 10; i++)
        {
            await HtmlAsync($"Build page {i} for Acme by Friday 5pm #web");
        }

        await _host.AdvanceAsync(new { days = 3 });
        for (var i = 1; i <= 10; i++)
        {
            await HtmlAsync($"done {i}");
        }

        var suggest = await HtmlAsync("suggest #web");
        Assert.Contains("10 kept or late, 100% on time", suggest);
        Assert.Contains("<dt>At most, 8 in 10 (p80)</dt><dd>3 days</dd>", suggest);

        // Thu 26 Nov 10:00: 3 days ÷ 0.8 = 3 days 18 h, Mon 30 Nov 04:00, to that business day's close.
        var rushed = await HtmlAsync("Build the landing page for Globex by tomorrow 5pm #web");
        Assert.Contains("High risk</strong>: shorter than the usual 3 days", rushed);
        Assert.Contains("#web usually takes up to 3 days (the p80 of 10 kept or late in the last 90 days); with a 20% buffer, promise Mon 30 Nov 17:00 EST.", rushed);
        var use = UseCommand().Match(rushed);
        Assert.True(use.Success, rushed);
        Assert.Equal("use 11 1 2026-11-30T22:00:00Z", use.Groups[1].Value);

        var moved = await HtmlAsync(use.Groups[1].Value);
        Assert.Contains("due date moved from", moved);
        Assert.Contains("Mon 30 Nov", moved);
        var twice = await HtmlAsync(use.Groups[1].Value);
        Assert.Contains("changed since", twice);
        Assert.DoesNotContain("shorter than the usual", await HtmlAsync("show 11"));
    }

    [Fact]
    public async Task WithTooLittleHistory_TheSuggestionSaysSo()
    {
        await HtmlAsync("Build page 1 for Acme by Friday 5pm #web");
        await _host.AdvanceAsync(new { days = 1 });
        await HtmlAsync("done 1");

        Assert.Contains("closed 1 promise kept or late in the last 90 days; I need at least 10 before I suggest a deadline, so I won&#x27;t guess.", await HtmlAsync("suggest #web"));
        Assert.DoesNotContain("data-command=\"use ", await HtmlAsync("Build page 2 for Acme by tomorrow 5pm #web"));
    }

    [Fact]
    public async Task TheDigestMarksRiskyLines_HighFirstAmongEqualDueTimes_AndTheAtRiskDmSaysWhy()
    {
        // Mon 10:00 New York: both due 13:00, so the at-risk alert (4 h before) is due at once.
        await HtmlAsync("Call Globex back in 3 hours");
        await HtmlAsync("Call Acme back in 3 hours risk vendor");

        await _host.CommandAsync("digest");
        var digest = Assert.Single(await _host.FeedAsync("channels/general/feed"), item => item.Contains("Promises due in the next 48 hours", StringComparison.Ordinal));
        Assert.True(digest.IndexOf("Call Acme back", StringComparison.Ordinal) < digest.IndexOf("Call Globex back", StringComparison.Ordinal), digest);
        Assert.Contains("<strong>High risk</strong>: depends on a vendor", digest);

        await _host.AdvanceAsync(new { hours = 1 });
        var alerts = (await _host.FeedAsync("people/maya/dms")).Where(d => d.Contains("At risk", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Single(alerts, a => a.Contains("<strong>High risk</strong>: depends on a vendor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheNewPromiseForm_HasACheckboxPerFlag_AndStoresTheTickedOnes()
    {
        using var client = _host.CreateClient();
        var page = await client.GetStringAsync("/");
        Assert.Equal(PromiseBot.Core.Risk.RiskFlags.Names, FlagBoxes().Matches(page).Select(m => m.Groups[1].Value));

        var (status, body) = await _host.FormAsync(new
        {
            person = "maya", channel = "general", title = "Migrate Acme's shop", due = "Friday 5pm", owner = "maya", risk = "unclear-scope,multi-person",
        });

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Contains("<strong>High risk</strong>: unclear scope; needs several people", (string)body["html"]!);
        Assert.Contains("Flags set by hand: unclear-scope,multi-person.", await HtmlAsync("risk 1"));
    }

    [Fact]
    public async Task AFullRefundGuarantee_MakesThePromiseHighRisk_WithTheOtherFlags()
    {
        await HtmlAsync("guarantee full-refund refund 100% if late");

        var created = await HtmlAsync("Fix Acme's checkout by Friday 5pm #web guarantee full-refund value $1,000 risk customer-input");

        Assert.Contains("<strong>High risk</strong>: full refund if late; depends on customer input", created);
        Assert.Contains("Flags set by hand: refund-guarantee,customer-input.", await HtmlAsync("risk 1"));
    }

    [GeneratedRegex("<input type=\"checkbox\" name=\"risk\" value=\"([a-z-]+)\">")]
    private static partial Regex FlagBoxes();

    [GeneratedRegex("set the risk flags")]
    private static partial Regex RiskChanged();

    [GeneratedRegex("data-command=\"(use [^\"]+)\"")]
    private static partial Regex UseCommand();
}
