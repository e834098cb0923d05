using Microsoft.Extensions.Time.Testing;
using PromiseBot.Host.Tests.Teams;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Host.Tests.Guarantees;

/// <summary>
/// Guarantees and service credits in a Teams channel, end to end on 127.0.0.1: signed activities in, replies out
/// through the outbox to the fake Bot Connector, every activity held against the Bot Framework activity validator.
/// </summary>
public sealed class TeamsGuaranteeTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(BotHost.Start);
    private TeamsConnectorHost _rig = null!;

    public async Task InitializeAsync() => _rig = await TeamsConnectorHost.StartAsync(_db, _clock);

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _db.Dispose();
    }

    /// <summary>Says <paramref name="text"/> in the channel and returns the text of the bot's validated reply.</summary>
    private async Task<string> SayAsync(string text, string id)
    {
        Assert.Equal(200, await _rig.SayAsync(text, id));
        await _rig.DispatchAsync(_clock);
        var reply = Assert.Single(_rig.Connector.CallsTo("reply"), r => (string?)r.Json!["conversation"]!["id"] == "19:general@thread.tacv2;messageid=" + id);
        var valid = await PlatformValidators.BotActivityAsync(reply.Json!.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
        return JsonText.AllStrings(reply.Json).Replace("\\", "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGuaranteedPromise_ClosedLate_HasAPendingCredit_IssuedOnce_AndListedForTheMonth()
    {
        Assert.Contains("Guarantee tier", await SayAsync("guarantee premium credit 10% per day late max 100%", "1"));
        Assert.Contains("Guarantee: premium, value $2,400.00 — 10% per day late, up to 100%",
            await SayAsync("Redesign the landing page by today 5pm for Acme guarantee premium value $2,400", "2"));
        _clock.Advance(TimeSpan.FromHours(20));

        Assert.Contains("Pending credit: $240.00 (1 day late)", await SayAsync("done 1", "3"));
        var issued = await SayAsync("credit 1 issue", "4");
        Assert.Contains("Issued the service credit of", issued);
        Assert.Contains("$240.00", issued);
        Assert.Contains("was already issued", await SayAsync("credit 1 waive", "5"));
        var ledger = await SayAsync("credits", "6");
        Assert.Contains("Service credits, November 2026", ledger);
        Assert.Contains("USD: issued $240.00 (1)", ledger);
    }

    [Fact]
    public async Task ACreditOnAPromiseWithoutAGuarantee_IsRefused()
    {
        await SayAsync("Send the quote to Acme by tomorrow 5pm", "1");

        Assert.Contains("has no guarantee, so it has no service credit", await SayAsync("credit 1 waive", "2"));
    }
}
