using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Playground;

/// <summary>
/// Service-level targets end to end in the playground (real SQLite, the whole command path): a target, a promise
/// without a date due by it, a date later than the target said plainly, and only the manager changing targets.
/// </summary>
public sealed class PlaygroundSlaTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundSlaTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    // The reply as a person reads it: markup dropped, entities decoded.
    private static string Html(System.Text.Json.Nodes.JsonObject reply) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace((string)reply["html"]!, "<[^>]+>", ""));

    [Fact]
    public async Task APromiseWithoutADate_InACategoryWithATarget_IsDueByTheTarget_CountedOnTheCalendar()
    {
        // Mon 23 Nov 2026 10:00 in New York; Maya is the playground's manager.
        var set = Html(await _host.CommandAsync("sla #support 4 business hours"));
        Assert.Contains("#support promises are now due within 4 business hours (Mon–Fri 09:00–17:00)", set);

        var created = Html(await _host.CommandAsync("Reply to Acme about the outage #support"));
        Assert.Contains("New promise #1", created);
        Assert.Contains("Mon 23 Nov 14:00", created);
        Assert.Contains("Counted as the #support target, 4 business hours (Mon–Fri 09:00–17:00).", created);

        var listed = Html(await _host.CommandAsync("sla"));
        Assert.Contains("#support", listed);
        Assert.Contains("within 4 business hours", listed);
    }

    [Fact]
    public async Task TheTargetFollowsTheCalendar_AHolidayMovesTheDue()
    {
        await _host.CommandAsync("calendar holiday add 2026-11-24 Team day");
        await _host.CommandAsync("sla #quotes 1 business day");

        var created = Html(await _host.CommandAsync("Send Acme the quote #quotes"));

        Assert.Contains("Wed 25 Nov 10:00", created); // Tuesday is closed
    }

    [Fact]
    public async Task BusinessWordsInADate_CountOnTheWorkspaceCalendar_AndOnTheTargetsCalendarForItsCategory()
    {
        // Tuesday is a holiday of the default calendar; a named 24/7 calendar counts every hour.
        await _host.CommandAsync("calendar holiday add 2026-11-24 Team day");
        await _host.CommandAsync("calendar new desk America/New_York");
        await _host.CommandAsync("calendar desk hours 24/7");
        await _host.CommandAsync("sla #urgent 1 business hour calendar desk");

        var onDefault = Html(await _host.CommandAsync("Send Acme the quote within 8 business hours"));
        var onTarget = Html(await _host.CommandAsync("Restore the Acme server within 20 business hours #urgent"));

        Assert.Contains("Wed 25 Nov 10:00", onDefault); // Mon 10:00 + 7 h to Mon 17:00, Tuesday closed, 1 h on Wednesday
        Assert.Contains("Counted as 8 business hours (Mon–Fri 09:00–17:00).", onDefault);
        Assert.Contains("Tue 24 Nov 06:00", onTarget);  // 24/7: 20 hours after Mon 10:00
        Assert.Contains("Counted as 20 business hours (24/7).", onTarget);
    }

    [Fact]
    public async Task WithoutAWorkspaceZone_BusinessHoursAreCountedInTheDayOfThePersonTyping()
    {
        // Mon 23 Nov 15:00 in London (Sam), 10:00 in New York (the bot default): no config timezone is set, so Sam's
        // business day counts: 2 hours on Monday, 2 on Tuesday.
        var sam = Html(await _host.CommandAsync("Send Acme the invoice within 4 business hours", person: "sam"));
        await _host.CommandAsync("sla #support 4 business hours");
        var target = Html(await _host.CommandAsync("Reply to Acme about the outage #support", person: "sam"));

        Assert.Contains("Tue 24 Nov 11:00", sam);
        Assert.Contains("Tue 24 Nov 11:00", target);
    }

    [Fact]
    public async Task ADateLaterThanTheTarget_IsKept_AndSaidPlainly()
    {
        await _host.CommandAsync("sla #support 4 business hours");

        var created = Html(await _host.CommandAsync("Reply to Acme about the outage by Friday 5pm #support"));

        Assert.Contains("New promise #1", created);
        Assert.Contains("This is later than the #support target of 4 business hours: by the target it would be due Mon 23 Nov 14:00", created);
    }

    [Fact]
    public async Task WithoutATarget_APromiseWithoutADate_IsRefused_AndNothingIsStored()
    {
        var reply = Html(await _host.CommandAsync("Reply to Acme about the outage #support"));

        Assert.Contains("#support has no service-level target", reply);
        Assert.Contains("sla #support 4 business hours", reply);
        Assert.DoesNotContain("New promise", reply);
        Assert.DoesNotContain("Reply to Acme", Html(await _host.CommandAsync("list all")));
    }

    [Fact]
    public async Task OnlyTheManager_ChangesTargets_AnyoneMayLook()
    {
        var refused = Html(await _host.CommandAsync("sla #support 4 business hours", person: "sam"));
        Assert.Contains("Only the workspace's manager", refused);
        Assert.Contains("No category has a service-level target yet", Html(await _host.CommandAsync("sla", person: "sam")));

        await _host.CommandAsync("sla #support 4 business hours");
        Assert.Contains("has no service-level target any more", Html(await _host.CommandAsync("sla #support off")));
        Assert.Contains("No category has a service-level target yet", Html(await _host.CommandAsync("sla")));
    }

    [Fact]
    public async Task ACalendarATargetCountsOn_SaysSo_AndIsNotRemoved()
    {
        await _host.CommandAsync("calendar new desk America/New_York");
        await _host.CommandAsync("sla #urgent 1 business hour calendar desk");

        Assert.Contains("#urgent", Html(await _host.CommandAsync("calendar desk")));
        Assert.Contains("Calendar desk is used by #urgent", Html(await _host.CommandAsync("calendar remove desk")));

        await _host.CommandAsync("sla #urgent off");
        Assert.DoesNotContain("is used by", Html(await _host.CommandAsync("calendar remove desk")));
        Assert.Contains("There is no calendar called", Html(await _host.CommandAsync("sla #urgent 1 business hour calendar desk")));
    }

    [Fact]
    public async Task ATargetOnAnUnknownCalendar_IsRefused()
    {
        var reply = Html(await _host.CommandAsync("sla #urgent 1 business hour calendar 24-7"));

        Assert.Contains("There is no calendar called \"24-7\"", reply);
        Assert.Contains("No category has a service-level target yet", Html(await _host.CommandAsync("sla")));
    }
}
