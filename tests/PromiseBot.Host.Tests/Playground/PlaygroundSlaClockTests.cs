using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Playground;

/// <summary>
/// The business clock end to end in the playground (real SQLite, the whole command path): a pause for the customer
/// stops it and the resume moves the due on by the business time paused, with the history line; a calendar deadline
/// keeps its date; changing a calendar or a target recounts the open promises, each with a history line, and the
/// reply says how many moved; the target's warnings and pause rule.
/// </summary>
public sealed class PlaygroundSlaClockTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundSlaClockTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private static string Html(System.Text.Json.Nodes.JsonObject reply) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace((string)reply["html"]!, "<[^>]+>", ""));

    // Contains, printing the whole reply when it fails.
    private static void Has(string expected, string reply) => Assert.True(reply.Contains(expected, StringComparison.Ordinal), $"Expected \"{expected}\" in:\n{reply}");

    private async Task<string> Say(string text, string person = "maya") => Html(await _host.CommandAsync(text, person));

    [Fact]
    public async Task PausingForTheCustomer_StopsTheClock_AndResumingMovesTheDueByTheBusinessTimePaused()
    {
        // Mon 23 Nov 2026 10:00 in New York: due Mon 14:00.
        await Say("sla #support 4 business hours");
        Has("Mon 23 Nov 14:00", await Say("Reply to Acme about the outage #support"));

        await _host.JumpAsync("2026-11-23 11:00");
        var paused = await Say("pause 1 waiting on customer");
        Has("business clock is stopped", paused);
        await _host.JumpAsync("2026-11-23 11:30");
        Has("paused 30 min · clock stopped", await Say("list"));

        // Paused from Mon 11:00 to Tue 10:30: 6 h on Monday, 1 h 30 min on Tuesday; the night does not count. The
        // 3 h left on Monday then run from Tue 10:30: due Tue 13:30.
        await _host.JumpAsync("2026-11-24 10:30");
        var resumed = await Say("resume 1");
        Has("resumed, due Tue 24 Nov 13:30", resumed);
        Has("moved from Mon 23 Nov 14:00 EST: 7 h 30 min business time waiting on customer", resumed);

        var history = await Say("history 1");
        Has("resumed it; due moved from Mon 23 Nov 14:00 EST to Tue 24 Nov 13:30 EST", history);
        Has("7 h 30 min business time waiting on customer", history);
        Has("Tue 24 Nov 13:30", await Say("show 1"));
    }

    [Fact]
    public async Task APauseThatDoesNotStopTheClock_AndACalendarDeadline_KeepTheirDue()
    {
        await Say("sla #support 4 business hours");
        await Say("Reply to Acme about the outage #support");
        await Say("Send Beta the invoice by Friday 5pm");

        Has("keeps running (#support stops it when waiting on the customer)", await Say("pause 1 waiting on vendor"));
        Has("keeps its due date", await Say("pause 2 waiting on customer"));

        await _host.JumpAsync("2026-11-24 10:00");
        Has("resumed, due Mon 23 Nov 14:00", await Say("resume 1"));
        Has("resumed, due Fri 27 Nov 17:00", await Say("resume 2"));
    }

    [Fact]
    public async Task AWithinBusinessHoursPhrase_StopsOnACustomerPause_Too()
    {
        await Say("Call Acme back within 2 business hours"); // due Mon 12:00
        await Say("pause 1 waiting on customer");
        await _host.JumpAsync("2026-11-23 11:00");

        Has("resumed, due Mon 23 Nov 13:00", await Say("resume 1"));
    }

    [Fact]
    public async Task AHolidayAdded_RecountsTheOpenPromisesOnTheCalendar_WithHistoryLines_ButNotClosedOnesOrDates()
    {
        await Say("sla #quotes 1 business day");
        await Say("Send Acme the quote #quotes");         // #1 due Tue 24 Nov 10:00
        await Say("Send Beta the quote #quotes");         // #2 due Tue 24 Nov 10:00, done below
        await Say("Send Gamma the invoice by Tuesday 3pm"); // #3 a date
        await Say("done 2");

        var added = await Say("calendar holiday add 2026-11-24 Team day");
        Has("1 open promise's due moved", added);

        Has("Wed 25 Nov 10:00", await Say("show 1"));
        Has("changed what it counts on; due moved from Tue 24 Nov 10:00 EST to Wed 25 Nov 10:00 EST — the default calendar: Tue 24 Nov 2026 Team day is a holiday", await Say("history 1"));
        Has("Tue 24 Nov 10:00", await Say("show 2"));
        Has("Tue 24 Nov 15:00", await Say("show 3"));

        var removed = await Say("calendar holiday remove 2026-11-24");
        Has("1 open promise's due moved", removed);
        Has("Tue 24 Nov 10:00", await Say("show 1"));
    }

    [Fact]
    public async Task ChangingTheTarget_RecountsItsPromises_FromTheirStart_KeepingThePausedTime()
    {
        await Say("sla #support 4 business hours");
        await Say("Reply to Acme about the outage #support"); // Mon 10:00 → 14:00
        await Say("pause 1 waiting on customer");
        await _host.JumpAsync("2026-11-23 11:00");
        await Say("resume 1");                                  // 1 h paused → 15:00

        var changed = await Say("sla #support 2 business hours");
        Has("1 open promise's due moved", changed);
        Has("Mon 23 Nov 13:00", await Say("show 1")); // 10:00 + 2 h + the hour paused

        var hours = await Say("calendar hours mon-fri 08:00-12:00");
        Has("1 open promise's due moved", hours);
        // From Mon 10:00: 2 h to 12:00 less the paused hour 10:00–11:00 (1 h), then 1 h Tuesday from 08:00.
        Has("Tue 24 Nov 09:00", await Say("show 1"));
    }

    [Fact]
    public async Task TheNewPromiseForm_CountsBusinessWordsOnTheTeamsCalendar_AndTheClockPausesToo()
    {
        await Say("calendar holiday add 2026-11-24 Team day");

        var (status, body) = await _host.FormAsync(new { person = "maya", channel = "general", title = "Send Acme the quote", due = "in 1 business day", owner = "maya" });

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var reply = Html(body);
        Has("Wed 25 Nov 10:00", reply); // Tuesday is closed
        Has("Counted as 1 business day (Mon–Fri 09:00–17:00)", reply);
        Has("business clock is stopped", await Say("pause 1 waiting on customer"));
    }

    [Fact]
    public async Task TheTargetsWarningsAndPauseRule_AreSetShownAndRefusedWhenWrong()
    {
        Has("has no service-level target yet", await Say("sla #support warn 50%,75%"));
        await Say("sla #support 4 business hours");

        Has("now warn at 25% and 80% of the target", await Say("sla #support warn 25%,80%"));
        Has("clock now stops when waiting on the customer or a vendor", await Say("sla #support pause-on customer,vendor"));
        var listed = await Say("sla");
        Has("warns at 25% and 80% of the target · clock stops when waiting on the customer or a vendor", listed);

        // Replacing the amount keeps them.
        await Say("sla #support 8 business hours");
        Has("warns at 25% and 80% of the target", await Say("sla"));

        Has("between 1% and 99%", await Say("sla #support warn 150%"));
        Has("75% then 80%?", await Say("sla #support warn 80%,75%"));
        Has("not a pause reason I know", await Say("sla #support pause-on lunch"));
        Has("warns at 25% and 80% of the target", await Say("sla"));
    }
}
