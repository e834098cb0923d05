using System.Net;
using PromiseBot.Host.Tests.Playground;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Approvals;

/// <summary>
/// Authority limits and approvals in the playground, end to end (real SQLite, the whole command path, its clock):
/// an extension beyond the limit waits for the manager (Maya, the playground's manager) and applies only on her
/// click; anyone else's click is refused and changes nothing; a second click applies nothing more; the requester is
/// told; a promise changed meanwhile makes the request stale; an unanswered request is reminded once.
/// </summary>
public sealed class PlaygroundApprovalTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundApprovalTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private static string Text(string html) => WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""));

    private async Task<string> Say(string text, string person = "maya") => Text((string)(await _host.CommandAsync(text, person))["html"]!);

    private async Task<string> SayHtml(string text, string person = "maya") => (string)(await _host.CommandAsync(text, person))["html"]!;

    private async Task<List<string>> DmsAsync(string person) => [.. (await _host.FeedAsync($"people/{person}/dms")).Select(Text)];

    /// <summary>Maya limits extensions to 2 business days; Sam's promise #1 is due Tue 24 Nov 17:00 and he asks for Mon 30 Nov.</summary>
    private async Task<string> RequestAsync()
    {
        Assert.Contains("2 business days alone", await Say("authority extend 2 business days"), StringComparison.Ordinal);
        Assert.Contains("#1", await Say("Send the quote to Acme by Nov 24 5pm", "sam"), StringComparison.Ordinal);
        return await Say("extend 1 to Nov 30 5pm because waiting on <b>parts</b>", "sam");
    }

    [Fact]
    public async Task AnExtensionBeyondTheLimit_WaitsForTheManager_AndAppliesOnlyOnHerClick_Once()
    {
        var asked = await RequestAsync();

        Assert.Contains("That moves #1 by 4 business days; you may move it by 2 alone. I've asked @Maya Chen to approve.", asked, StringComparison.Ordinal);
        Assert.Contains("Tue 24 Nov", await Say("show 1", "sam"), StringComparison.Ordinal);
        var dm = Assert.Single(await _host.FeedAsync("people/maya/dms"), d => d.Contains("Approval needed", StringComparison.Ordinal));
        Assert.Contains("data-command=\"approve 1\">Approve</button>", dm, StringComparison.Ordinal);
        Assert.Contains("data-command=\"decline 1\" data-confirm=\"Decline request 1?", dm, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>parts</b>", dm, StringComparison.Ordinal);
        var dmText = Text(dm);
        Assert.Contains("@Sam Okafor asks to move #1 Send the quote to Acme from Tue 24 Nov 12:00 EST to Mon 30 Nov 12:00 EST", dmText, StringComparison.Ordinal);
        Assert.Contains("waiting on <b>parts</b>", dmText, StringComparison.Ordinal);
        Assert.Contains("4 business days; an owner may move it by 2 business days alone", dmText, StringComparison.Ordinal);
        Assert.Contains("Standingdue in 26 h, its first extension", dmText, StringComparison.Ordinal);
        Assert.Contains("RiskLow risk", dmText, StringComparison.Ordinal);
        Assert.Contains("HistoryMon 23 Nov 10:00 EST  @Sam Okafor made", dmText, StringComparison.Ordinal);

        // Sam (his own request) and Priya click Approve: refused, nothing changes.
        Assert.Contains("That is your own request: only @Maya Chen can approve this.", await Say("approve 1", "sam"), StringComparison.Ordinal);
        Assert.Contains("Only @Maya Chen can approve this.", await Say("approve 1", "priya"), StringComparison.Ordinal);
        Assert.Contains("Only @Maya Chen can approve this.", await Say("decline 1", "priya"), StringComparison.Ordinal);
        Assert.Contains("Tue 24 Nov", await Say("show 1", "sam"), StringComparison.Ordinal);

        Assert.Contains("Approved request 1", await Say("approve 1"), StringComparison.Ordinal);
        Assert.Contains("was already approved by @Maya Chen", await Say("approve 1"), StringComparison.Ordinal);
        Assert.Contains("was already approved", await Say("decline 1"), StringComparison.Ordinal);

        Assert.Contains("Mon 30 Nov", await Say("show 1", "sam"), StringComparison.Ordinal);
        var history = await Say("history 1", "sam");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(history, "moved the due date from"));
        Assert.Contains("asked the manager to move the due date from", history, StringComparison.Ordinal);
        Assert.Contains("approved request 1", history, StringComparison.Ordinal);
        var told = Assert.Single(await DmsAsync("sam"), d => d.Contains("request 1", StringComparison.Ordinal));
        Assert.Contains("@Maya Chen approved request 1: #1 Send the quote to Acme is now due Mon 30 Nov 17:00 GMT.", told, StringComparison.Ordinal);
        Assert.Contains("No requests are waiting", await Say("approvals"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithinTheLimit_ByTheManager_OrWithoutALimit_AnExtensionApplies()
    {
        await Say("Send the quote to Acme by Nov 24 5pm", "sam");
        Assert.Contains("moved", await Say("extend 1 to Nov 30 5pm", "sam"), StringComparison.Ordinal); // no limit: as before
        await Say("authority extend 2 business days");

        Assert.DoesNotContain("approve", await Say("extend 1 to Dec 2 5pm", "sam"), StringComparison.Ordinal); // exactly 2
        Assert.DoesNotContain("approve", await Say("extend 1 to Dec 18 5pm"), StringComparison.Ordinal); // the manager
        Assert.Contains("Fri 18 Dec", await Say("show 1"), StringComparison.Ordinal);
        Assert.DoesNotContain(await DmsAsync("maya"), d => d.Contains("Approval needed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADecline_LeavesTheDeadline_AndTellsTheRequesterWhy()
    {
        await RequestAsync();

        Assert.Contains("Declined request 1", await Say("decline 1 the customer needs it <i>this</i> week"), StringComparison.Ordinal);

        Assert.Contains("Tue 24 Nov", await Say("show 1", "sam"), StringComparison.Ordinal);
        var told = Assert.Single(await DmsAsync("sam"), d => d.Contains("request 1", StringComparison.Ordinal));
        Assert.Contains("@Maya Chen declined request 1: #1 Send the quote to Acme stays due Tue 24 Nov 17:00 GMT.", told, StringComparison.Ordinal);
        Assert.Contains("Reason: the customer needs it <i>this</i> week", told, StringComparison.Ordinal);
        Assert.Contains("declined request 1: the customer needs it", await Say("history 1"), StringComparison.Ordinal);
        Assert.Contains("was already declined", await Say("approve 1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APromiseChangedMeanwhile_MakesTheRequestStale_AndNothingIsApplied()
    {
        await RequestAsync();
        await Say("pause 1 waiting on customer", "sam");

        Assert.Contains("Request 1 is out of date", await Say("approve 1"), StringComparison.Ordinal);

        Assert.Contains("Tue 24 Nov", await Say("show 1", "sam"), StringComparison.Ordinal);
        var told = Assert.Single(await DmsAsync("sam"), d => d.Contains("request 1", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("is out of date: the promise changed after you asked", told, StringComparison.Ordinal);
        Assert.Contains("request 1 went out of date", await Say("history 1"), StringComparison.Ordinal);
        Assert.Contains("was already out of date", await Say("approve 1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnansweredRequest_IsRemindedOnce_AfterABusinessDay()
    {
        await RequestAsync();
        static bool IsReminder(string dm) => dm.Contains("Reminder: request 1 is still waiting for you", StringComparison.Ordinal);

        await _host.AdvanceAsync(new { hours = 20 });
        Assert.DoesNotContain(await DmsAsync("maya"), IsReminder);
        await _host.AdvanceAsync(new { hours = 5 });
        await _host.AdvanceAsync(new { hours = 1 });
        await _host.AdvanceAsync(new { days = 2 });

        var reminder = Assert.Single(await _host.FeedAsync("people/maya/dms"), d => IsReminder(Text(d)));
        Assert.Contains("data-command=\"approve 1\"", reminder, StringComparison.Ordinal);
        var waiting = await Say("approvals");
        Assert.Contains("Request 1", waiting, StringComparison.Ordinal);
        Assert.Contains("/promise approve 1", waiting, StringComparison.Ordinal);
        Assert.Contains("Request 1", await Say("approvals", "sam"), StringComparison.Ordinal);
        Assert.Contains("None of your requests", await Say("approvals", "priya"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_AreShown_OnlyTheManagerSetsThem_AndAnAbsurdOneIsRefused()
    {
        Assert.Contains("no limit", await Say("authority", "sam"), StringComparison.Ordinal);
        Assert.Contains("Only the workspace's manager, @Maya Chen, can change authority limits.", await Say("authority extend 9 days", "sam"), StringComparison.Ordinal);
        Assert.Contains("not a limit I can keep", await Say("authority extend 400 days"), StringComparison.Ordinal);
        Assert.Contains("more than 1,000,000", await Say("authority credit $5000000"), StringComparison.Ordinal);
        Assert.Contains("no limit", await Say("authority"), StringComparison.Ordinal);

        await Say("authority credit €50");
        await Say("authority extend 3 days");
        var shown = await Say("authority", "sam");
        Assert.Contains("up to 3 days alone", shown, StringComparison.Ordinal);
        Assert.Contains("up to €50.00 alone", shown, StringComparison.Ordinal);
        Assert.Contains("Authority limits and approvals", await Say("help authority"), StringComparison.Ordinal);
        Assert.Contains("approve 3", await Say("help approvals"), StringComparison.Ordinal);
    }

    /// <summary>Maya limits credits to $100; Sam's guaranteed promise #1 ($2,400 at 10% a day) closes a day late: a $240 credit pending.</summary>
    private async Task<string> CreditRequestAsync()
    {
        Assert.Contains("up to $100.00 alone", await Say("authority credit $100"), StringComparison.Ordinal);
        await Say("guarantee premium credit 10% per day late max 100%");
        await Say("Redesign the landing page by today 5pm for Acme guarantee premium value $2,400", "sam");
        await _host.AdvanceAsync(new { hours = 20 });
        Assert.Contains("Pending credit: $240.00 (1 day late)", await Say("done 1", "sam"), StringComparison.Ordinal);
        return await Say("credit 1 issue", "sam");
    }

    [Fact]
    public async Task ACreditAboveTheLimit_WaitsForTheManager_AndIsIssuedOnlyOnHerClick_Once()
    {
        var asked = await CreditRequestAsync();

        Assert.Contains("The credit on #1 is $240.00; you may issue up to $100.00 alone. I've asked @Maya Chen to approve.", asked, StringComparison.Ordinal);
        Assert.Contains("$240.00 pending", await Say("show 1", "sam"), StringComparison.Ordinal);
        Assert.Contains("Request 1 to issue the credit on #1 is already waiting", await Say("credit 1 issue", "sam"), StringComparison.Ordinal);
        var dm = Assert.Single(await _host.FeedAsync("people/maya/dms"), d => d.Contains("Approval needed", StringComparison.Ordinal));
        Assert.Contains("data-command=\"approve 1\">Approve</button>", dm, StringComparison.Ordinal);
        var dmText = Text(dm);
        Assert.Contains("@Sam Okafor asks to issue a service credit of $240.00 on #1 Redesign the landing page (for Acme) (1 day late; guaranteed value $2,400.00, tier premium)", dmText, StringComparison.Ordinal);
        Assert.Contains("$240.00; an owner may issue up to $100.00 alone", dmText, StringComparison.Ordinal);
        Assert.Contains("asks to issue its $240.00 credit", await Say("approvals"), StringComparison.Ordinal);

        Assert.Contains("That is your own request: only @Maya Chen can approve this.", await Say("approve 1", "sam"), StringComparison.Ordinal);
        Assert.Contains("Only @Maya Chen can approve this.", await Say("approve 1", "priya"), StringComparison.Ordinal);
        Assert.Contains("$240.00 pending", await Say("show 1", "sam"), StringComparison.Ordinal);

        Assert.Contains("Approved request 1", await Say("approve 1"), StringComparison.Ordinal);
        Assert.Contains("was already approved by @Maya Chen", await Say("approve 1"), StringComparison.Ordinal);
        Assert.Contains("was already approved", await Say("decline 1"), StringComparison.Ordinal);

        Assert.Contains("$240.00 issued", await Say("show 1", "sam"), StringComparison.Ordinal);
        Assert.Contains("USD: issued $240.00 (1), waived $0.00 (0), pending $0.00 (0)", await Say("credits"), StringComparison.Ordinal);
        var history = await Say("history 1", "sam");
        Assert.Contains("asked the manager to approve issuing the $240.00 credit (request 1)", history, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(history, "issued the service credit"));
        Assert.Contains("approved request 1", history, StringComparison.Ordinal);
        var told = Assert.Single(await DmsAsync("sam"), d => d.Contains("request 1", StringComparison.Ordinal));
        Assert.Contains("@Maya Chen approved request 1: the $240.00 credit on #1 Redesign the landing page is issued.", told, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACreditWithinTheLimit_OrIssuedByTheManager_IsIssuedAtOnce_AndADeclineLeavesItPending()
    {
        await CreditRequestAsync();
        Assert.Contains("Declined request 1: the credit on #1 stays pending", await Say("decline 1 too generous"), StringComparison.Ordinal);
        var told = Assert.Single(await DmsAsync("sam"), d => d.Contains("request 1", StringComparison.Ordinal));
        Assert.Contains("declined request 1: the $240.00 credit on #1 Redesign the landing page stays pending. Reason: too generous", told, StringComparison.Ordinal);
        Assert.Contains("$240.00 pending", await Say("show 1", "sam"), StringComparison.Ordinal);

        // The manager issues it herself, whatever the amount; a raised limit lets the owner issue the next alone.
        Assert.Contains("Issued the service credit of $240.00", await Say("credit 1 issue"), StringComparison.Ordinal);
        await Say("authority credit $500");
        await Say("Fix the checkout by today 5pm for Acme guarantee premium value $2,400", "sam");
        await _host.AdvanceAsync(new { hours = 20 });
        await Say("done 2", "sam");
        Assert.Contains("Issued the service credit of $240.00", await Say("credit 2 issue", "sam"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACreditWaivedMeanwhile_MakesTheRequestStale_AndNothingIsIssued()
    {
        await CreditRequestAsync();
        Assert.Contains("Waived the service credit of $240.00", await Say("credit 1 waive goodwill"), StringComparison.Ordinal);

        Assert.Contains("Request 1 is out of date", await Say("approve 1"), StringComparison.Ordinal);

        Assert.Contains("$240.00 waived", await Say("show 1"), StringComparison.Ordinal);
        var told = Assert.Single(await DmsAsync("sam"), d => d.Contains("request 1", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("to issue the $240.00 credit on #1 is out of date", told, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACreditLimitIsReadInTheWorkspacesCurrency()
    {
        await Say("config currency EUR");
        Assert.Contains("\"$\"", await Say("authority credit $100"), StringComparison.Ordinal);
        Assert.Contains("up to €100.00 alone", await Say("authority credit 100"), StringComparison.Ordinal);
        Assert.Contains("up to £20.00 alone", await Say("authority credit £20"), StringComparison.Ordinal);
    }
}
