using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Playground;

/// <summary>
/// Outcomes end to end in the playground (real SQLite, the whole command path): a late close says how late in
/// business time and shows it in show and history; broken closes a promise and is refused on a closed one; reopen
/// clears the outcome (audited) and is refused on an open one; list kept / late / broken.
/// </summary>
public sealed class PlaygroundOutcomeTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundOutcomeTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private static string Html(System.Text.Json.Nodes.JsonObject reply) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace((string)reply["html"]!, "<[^>]+>", ""));

    private static void Has(string expected, string reply) => Assert.True(reply.Contains(expected, StringComparison.Ordinal), $"Expected \"{expected}\" in:\n{reply}");

    private static void HasNot(string unexpected, string reply) => Assert.False(reply.Contains(unexpected, StringComparison.Ordinal), $"Did not expect \"{unexpected}\" in:\n{reply}");

    private async Task<string> Say(string text, string person = "maya") => Html(await _host.CommandAsync(text, person));

    [Fact]
    public async Task DoneLate_OnABusinessTimePromise_SaysHowLateInBusinessTime_InTheReplyShowAndHistory()
    {
        // Mon 23 Nov 2026 10:00 in New York: due Mon 14:00; done Tue 10:00 = 3 h Monday + 1 h Tuesday of business time.
        await Say("sla #support 4 business hours");
        await Say("Reply to Acme about the outage #support");
        await _host.JumpAsync("2026-11-24 10:00");

        Has("done, late by 4 h of business time", await Say("done 1"));
        var show = await Say("show 1");
        Has("Outcome", show);
        Has("late by 4 h of business time", show);
        Has("Outcome: late by 4 h of business time", await Say("history 1"));
    }

    [Fact]
    public async Task DoneWhilePaused_WithTheBusinessClockStopped_IsJudgedAtThePause_AndSoIsTheRecomputation()
    {
        // Mon 23 Nov 2026 10:00 in New York: both due Mon 14:00. #1 waits on the customer at 11:00 (the #support
        // target stops its clock for that); #2 waits on a vendor (the clock keeps running). Both done Tue 10:00.
        await Say("sla #support 4 business hours");
        await Say("Reply to Acme about the outage #support");
        await Say("Reply to Beta about the outage #support");
        await _host.JumpAsync("2026-11-23 11:00");
        Has("The business clock is stopped", await Say("pause 1 waiting on customer"));
        Has("keeps running", await Say("pause 2 waiting on vendor"));
        await _host.JumpAsync("2026-11-24 10:00");

        var kept = await Say("done 1");
        Has("done", kept);
        HasNot("late", kept);
        Has("late by", await Say("done 2"));
        var shown = await Say("show 1");
        Has("Done, kept on time", shown);
        HasNot("late", shown); // a closed promise's due has no distance from now ("20 h late")
        Has("Kept promises (1)", await Say("list kept"));

        // The outcome replays from the history alone: nothing to correct.
        Has("nothing changed", await Say("recompute outcomes"));
    }

    [Fact]
    public async Task Broken_ClosesThePromise_AndIsRefusedOnAClosedOne()
    {
        await Say("Send Beta the invoice by Friday 5pm");
        await Say("Send Gamma the quote by Friday 5pm");
        await Say("done 2");

        Has("broken (we won't deliver)", await Say("broken 1 the customer went elsewhere"));
        Has("Broken", await Say("show 1"));
        Has("marked it broken — the customer went elsewhere", await Say("history 1"));

        var again = await Say("broken 2");
        Has("it is already closed (kept)", again);
        Has("reopen 2", again);
        Has("broken", await Say("list broken"));
        HasNot("Gamma", await Say("list broken"));
    }

    [Fact]
    public async Task Reopen_ClearsTheOutcomeUntilItClosesAgain_IsAudited_AndIsRefusedOnAnOpenPromise()
    {
        await Say("Send Beta the invoice by Monday 5pm");
        await Say("done 1");

        Has("reopened (was kept)", await Say("reopen 1 not actually sent"));
        HasNot("Outcome", await Say("show 1"));
        Has("reopened it (was kept) — not actually sent", await Say("history 1"));
        var refused = await Say("reopen 1");
        Has("not closed, so there is nothing to reopen", refused);
        Has("reopen 1 closed by mistake", refused);

        await _host.JumpAsync("2026-11-23 18:00");
        Has("done, late by 1 h", await Say("done 1"));
    }

    [Fact]
    public async Task ListLate_ShowsTheLateOnes_AndListKeptTheKeptOnes()
    {
        await Say("Send Beta the invoice by Monday noon"); // #1, done late
        await Say("Send Gamma the quote by Monday 5pm");   // #2, kept
        await Say("Send Delta the report by Friday 5pm");  // #3, open
        await _host.JumpAsync("2026-11-23 13:00");
        await Say("done 1");
        await Say("done 2");

        var late = await Say("list late");
        Has("Late promises (1)", late);
        Has("Beta", late);
        Has("late by 1 h", late);
        HasNot("Gamma", late);
        HasNot("Delta", late);

        var kept = await Say("list kept");
        Has("Kept promises (1)", kept);
        Has("Gamma", kept);
        HasNot("Beta", kept);
        var help = await Say("help outcomes");
        Has("kept after renegotiation", help);
        Has("extended with a reason before the deadline passed, then done by the new deadline", help);
    }

    [Fact]
    public async Task RecomputeOutcomes_FindsNothingToCorrect_OnWhatTheClosePathStored_AndIsTheManagersToRun()
    {
        await Say("Send Beta the invoice by Monday noon");
        await Say("Send Gamma the quote by Monday 5pm");
        await Say("Send Delta the report by Monday 5pm");
        await Say("extend 2 to Tuesday 5pm customer asked for a day more");
        await _host.JumpAsync("2026-11-23 13:00");
        await Say("done 1");
        await Say("done 2");
        await Say("broken 3");

        var refused = await Say("recompute outcomes", person: "sam");
        Has("Only the workspace's manager", refused);

        var ran = await Say("recompute outcomes");
        Has("Recomputed the outcome of 3 promises from their history: every stored outcome agrees, nothing changed.", ran);
        HasNot("recomputed its outcome", await Say("history 1"));
        Has("recompute outcomes", await Say("help outcomes"));
        Has("recompute outcomes", await Say("recompute everything"));
    }

    [Fact]
    public async Task TheDigest_ListsWhatClosedInTheLastDay_WithItsOutcome_EvenWhenNothingIsDue()
    {
        await Say("Send Beta the invoice by Monday noon");
        await Say("Send Gamma the quote by Monday 5pm");
        await _host.JumpAsync("2026-11-23 13:00");
        await Say("done 1");
        await Say("cancel 2 customer changed their mind");

        await _host.CommandAsync("digest");
        var digest = Assert.Single(await _host.FeedAsync("channels/general/feed"), item => item.Contains("Closed in the last 24 hours", StringComparison.Ordinal));
        var text = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(digest, "<[^>]+>", ""));
        Has("Nothing due in the next 48 hours.", text);
        Has("Closed in the last 24 hours: 2 (0 kept)", text);
        Has("late by 1 h", text);
        Has("withdrawn", text);
    }
}
