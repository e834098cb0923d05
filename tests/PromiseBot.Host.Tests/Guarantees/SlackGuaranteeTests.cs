using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core.Guarantees;
using PromiseBot.Core.Promises;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Guarantees;

/// <summary>
/// Guarantees and service credits through signed Slack slash commands on a real SQLite file: the tier, the guaranteed
/// promise, the pending credit its late close enters, issuing or waiving it once, the month's ledger, and the refusals.
/// Every reply is held against the Block Kit validator.
/// </summary>
public sealed class SlackGuaranteeTests : IAsyncLifetime
{
    private static readonly WorkspaceId Slack = new("T1");

    private readonly TempDatabase _db = new();
    private BotHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new BotHost(_db.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _db.Dispose();
    }

    private async Task<string> SayAsync(string text, string user = "U1")
    {
        var (status, json, raw) = await _host.CommandAsync(text, user: user, channel: "C1");
        Assert.Equal(200, status);
        var valid = await PlatformValidators.BlockKitAsync(raw);
        Assert.True(valid.IsValid, valid.ToString());
        return json.AllText();
    }

    /// <summary>The premium tier, and promise 1 guaranteed with it, due today 17:00 New York (it is Monday 10:00).</summary>
    private async Task GuaranteedPromiseAsync()
    {
        Assert.Contains("Guarantee tier premium: 10% per day late, up to 100%", await SayAsync("guarantee premium credit 10% per day late max 100%"));
        var created = await SayAsync("Redesign the landing page by today 5pm for Acme #web guarantee premium value $2,400");
        Assert.Contains("Guarantee: premium, value $2,400.00 — 10% per day late, up to 100%", created);
    }

    [Fact]
    public async Task AGuaranteedPromise_ClosedLate_EntersAPendingCredit_ThatIsIssuedOnce()
    {
        await GuaranteedPromiseAsync();
        _host.Clock.Advance(TimeSpan.FromHours(20)); // 13 hours late: one started day

        var done = await SayAsync("done 1");

        Assert.Contains("Pending credit: $240.00 (1 day late). /promise credit 1 issue or /promise credit 1 waive", done);
        var credit = await _host.Services.GetRequiredService<IGuaranteeStore>().GetCreditAsync(Slack, new PromiseNumber(1), CancellationToken.None);
        Assert.Equal((24_000L, "USD", CreditState.Pending), (credit!.Amount.Minor, credit.Amount.Currency, credit.State));
        Assert.Contains("Service credit", await SayAsync("show 1"));

        Assert.Contains("Issued the credit of $240.00 on #1", await SayAsync("credit 1 issue", user: "U2"));
        var again = await SayAsync("credit 1 issue");
        Assert.Contains("was already issued", again);
        Assert.Contains("nothing changed", again);
        Assert.Contains("was already issued", await SayAsync("credit 1 waive too late"));

        var ledger = await SayAsync("credits");
        Assert.Contains("Service credits, November 2026", ledger);
        Assert.Contains("$240.00", ledger);
        Assert.Contains("USD: issued $240.00 (1)", ledger);
        var history = await SayAsync("history 1");
        Assert.Contains("entered a pending service credit of $240.00", history);
        Assert.Contains("issued the service credit of $240.00", history);
        Assert.Single(await _host.Services.GetRequiredService<IPromiseStore>().GetHistoryAsync(Slack, new PromiseNumber(1), CancellationToken.None),
            e => e.Kind == PromiseEventKind.CreditIssued);
    }

    [Fact]
    public async Task APendingCredit_IsWaivedOnce_WithTheReasonKept()
    {
        await GuaranteedPromiseAsync();
        _host.Clock.Advance(TimeSpan.FromHours(36)); // 29 hours late: two started days
        Assert.Contains("Pending credit: $480.00 (2 days late)", await SayAsync("done 1"));

        Assert.Contains("Waived the credit of $480.00 on #1", await SayAsync("credit 1 waive the customer asked us to skip it"));
        var refused = await SayAsync("credit 1 issue");

        Assert.Contains("was already waived", refused);
        Assert.Contains("the customer asked us to skip it", refused);
        Assert.Contains("USD: issued $0.00 (0), waived $480.00 (1), pending $0.00 (0)", await SayAsync("credits"));
    }

    [Fact]
    public async Task ReopenedAndClosedAgain_TheIssuedCreditStays_AndTheReplySaysSo()
    {
        await GuaranteedPromiseAsync();
        _host.Clock.Advance(TimeSpan.FromHours(20));
        await SayAsync("done 1");
        await SayAsync("credit 1 issue");
        await SayAsync("reopen 1 not actually fixed");
        _host.Clock.Advance(TimeSpan.FromHours(24));

        Assert.Contains("The credit of $240.00 was already issued; it stays as it is.", await SayAsync("done 1"));
        Assert.Single(await _host.Services.GetRequiredService<IGuaranteeStore>().ListCreditsAsync(Slack, NodaTime.Instant.MinValue, NodaTime.Instant.MaxValue, CancellationToken.None));
    }

    [Fact]
    public async Task ACreditOnAPromiseWithoutAGuarantee_IsRefused_AndNothingIsStored()
    {
        await SayAsync("Send the quote to Acme by tomorrow 5pm");

        var refused = await SayAsync("credit 1 issue");

        Assert.Contains("#1 has no guarantee, so it has no service credit", refused);
        Assert.Contains("guarantee premium value $2,400", refused);
        Assert.DoesNotContain(await _host.Services.GetRequiredService<IPromiseStore>().GetHistoryAsync(Slack, new PromiseNumber(1), CancellationToken.None),
            e => e.Kind is PromiseEventKind.CreditIssued or PromiseEventKind.CreditEntered);
    }

    [Theory]
    [InlineData("Redesign the landing page by Friday guarantee gold value $2,400", "There is no guarantee tier \"gold\". Tiers: premium.")]
    [InlineData("Redesign the landing page by Friday guarantee premium value $2,400.505", "USD has 2 decimal places")]
    [InlineData("Redesign the landing page by Friday guarantee premium value -$5", "can't be negative")]
    [InlineData("Redesign the landing page by Friday guarantee premium value $900,000,000,000", "largest value")]
    [InlineData("Redesign the landing page by Friday guarantee premium value 2400 XYZ", "don't know the currency \"XYZ\"")]
    [InlineData("Redesign the landing page by Friday guarantee premium", "What is it worth?")]
    [InlineData("Redesign the landing page by Friday guarantee premium value $0", "more than zero")]
    public async Task ABadGuarantee_IsRefused_AndNoPromiseIsMade(string text, string message)
    {
        await SayAsync("guarantee premium credit 10% per day late max 100%");

        var refused = await SayAsync(text);

        Assert.Contains(message, refused);
        Assert.Contains("Nothing was saved", refused);
        Assert.Null(await _host.Services.GetRequiredService<IPromiseStore>().GetAsync(Slack, new PromiseNumber(1), CancellationToken.None));
    }

    [Fact]
    public async Task TheWorkspaceCurrency_ReadsValuesWithoutOne_AndADollarSignIsThenRefused()
    {
        await SayAsync("guarantee basic credit 5% per business day late max 25%");
        Assert.Contains("Currency set to EUR", await SayAsync("config currency eur"));

        Assert.Contains("value €1,200.00", await SayAsync("Redesign the landing page by Friday guarantee basic value 1200"));
        Assert.Contains("could be US, Canadian or Australian dollars", await SayAsync("Redesign the pricing page by Friday guarantee basic value $1,200"));
        Assert.Contains("don't know the currency \"ZZZ\"", await SayAsync("config currency ZZZ"));
        var tiers = await SayAsync("guarantee list");
        Assert.Contains(" — 5% per business day late, up to 25%", tiers);
        Assert.Contains("Values are in EUR", tiers);
    }

    [Fact]
    public async Task AFullRefundTier_MarksThePromiseHighRisk_AndRemovingATierKeepsThePromisesTerms()
    {
        await SayAsync("guarantee full-refund refund 100% if late");

        var created = await SayAsync("Migrate the database by today 5pm for Acme guarantee full-refund value $10,000");

        Assert.Contains("*High risk*: full refund if late", created);
        Assert.Contains("Removed the guarantee tier full-refund", await SayAsync("guarantee remove full-refund"));
        Assert.Contains("There is no guarantee tier \"nope\"", await SayAsync("guarantee remove nope"));
        _host.Clock.Advance(TimeSpan.FromHours(8));
        Assert.Contains("Pending credit: $10,000.00", await SayAsync("done 1"));
    }

    [Fact]
    public async Task HelpGuarantee_AndHelpCredits_ShowTheExamples()
    {
        foreach (var topic in new[] { "help guarantee", "help credits" })
        {
            var help = await SayAsync(topic);
            Assert.Contains("guarantee basic credit 5% per business day late max 25%", help);
            Assert.Contains("credit 12 waive", help);
        }
    }

    [Fact]
    public async Task TheMonthlyReport_ShowsCreditsIssuedAndWaived_AndTheirShareOfTheValueGuaranteed()
    {
        await GuaranteedPromiseAsync();
        await SayAsync("Fix the checkout by today 5pm for Acme guarantee premium value $1,600");
        _host.Clock.Advance(TimeSpan.FromHours(20));
        await SayAsync("done 1");
        await SayAsync("done 2");
        await SayAsync("credit 1 issue");
        await SayAsync("credit 2 waive goodwill");

        var report = await SayAsync("report month");

        Assert.Contains("Service credits", report);
        Assert.Contains("USD: issued $240.00 (1), waived $160.00 (1), pending $0.00 (0) · revenue impact 6% of $4,000.00 guaranteed on 2 promises closed (waived 4%)", report);
        Assert.DoesNotContain("Service credits", await SayAsync("report week"));
    }

    [Fact]
    public async Task OnceAManagerIsSet_OnlyTheManagerChangesTiersAndTheCurrency()
    {
        await SayAsync("config manager <@U9>");

        Assert.Contains("Only the workspace's manager", await SayAsync("guarantee premium credit 10% per day late max 100%", user: "U1"));
        Assert.Contains("Only the workspace's manager", await SayAsync("config currency EUR", user: "U1"));
        Assert.Contains("Guarantee tier premium", await SayAsync("guarantee premium credit 10% per day late max 100%", user: "U9"));
        Assert.Contains("premium", await SayAsync("guarantee list", user: "U1"));
        Assert.Null(await _host.Services.GetRequiredService<IGuaranteeStore>().GetCurrencyAsync(Slack, CancellationToken.None));
    }
}
