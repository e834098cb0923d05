using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Playground;

/// <summary>Guarantees and service credits in the playground: the pending credit of a late close, decided once, and the ledger.</summary>
public sealed class PlaygroundGuaranteeTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundGuaranteeTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private async Task<string> SayAsync(string text, string? requestId = null) =>
        (string)(await _host.CommandAsync(text, requestId: requestId))["html"]!;

    [Fact]
    public async Task ALateClose_EntersAPendingCredit_WaivedOnce_EvenDeliveredTwice()
    {
        Assert.Contains("10% per day late, up to 100%", await SayAsync("guarantee premium credit 10% per day late max 100%"));
        Assert.Contains("Guarantee: premium, value €1,200.50 — 10% per day late, up to 100%",
            await SayAsync("Redesign the landing page by today 5pm for Acme guarantee premium value €1,200.50"));
        await _host.AdvanceAsync(new { hours = 20 });

        Assert.Contains("Pending credit: €120.05 (1 day late)", await SayAsync("done 1"));
        var waived = await SayAsync("credit 1 waive <b>goodwill</b>", requestId: "waive-1");
        var again = await _host.CommandAsync("credit 1 waive <b>goodwill</b>", requestId: "waive-1");

        Assert.Contains("Waived the service credit of", waived);
        Assert.Contains("&lt;b&gt;goodwill&lt;/b&gt;", waived);
        Assert.DoesNotContain("<b>goodwill", waived);
        Assert.Contains("already", (string)again["summary"]!);
        Assert.Contains("was already waived", await SayAsync("credit 1 issue"));
        var ledger = await SayAsync("credits");
        Assert.Contains("EUR: issued €0.00 (0), waived €120.05 (1), pending €0.00 (0)", ledger);
        var history = await SayAsync("history 1");
        Assert.Equal(1, history.Split("waived the service credit of €120.05").Length - 1);
        var show = await SayAsync("show 1");
        Assert.Contains("Service credit", show);
        Assert.Contains("€120.05 waived", show);
    }

    [Fact]
    public async Task ACreditWithoutAGuarantee_AndATierOutsideZeroToAHundred_AreRefused()
    {
        await SayAsync("Send the quote to Acme tomorrow");

        var noGuarantee = await _host.CommandAsync("credit 1 issue");
        var badTier = await _host.CommandAsync("guarantee basic credit 150% per day late max 100%");

        Assert.Equal("error", ((string)noGuarantee["tone"]!).ToLowerInvariant());
        Assert.Contains("has no guarantee", (string)noGuarantee["html"]!);
        Assert.Contains("from 0% to 100%, and I read 150%", (string)badTier["html"]!);
        Assert.Contains("This workspace has no guarantee tiers yet", await SayAsync("guarantee list"));
    }

    [Fact]
    public async Task TimeWaitingOnTheCustomer_IsLeftOutOfTheDelay()
    {
        await SayAsync("guarantee premium credit 10% per day late max 100%");
        await SayAsync("Redesign the landing page by today 5pm for Acme guarantee premium value $1,000");
        await _host.AdvanceAsync(new { hours = 8 });        // an hour past the deadline
        await SayAsync("pause 1 waiting on customer");
        await _host.AdvanceAsync(new { hours = 30 });       // the customer's 30 hours
        await SayAsync("resume 1");
        await _host.AdvanceAsync(new { hours = 2 });

        // 33 hours late on the wall clock, 3 of them ours: one started day, not two.
        Assert.Contains("Pending credit: $100.00 (1 day late)", await SayAsync("done 1"));
    }
}
