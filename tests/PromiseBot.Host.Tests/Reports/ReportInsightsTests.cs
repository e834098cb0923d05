using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Reports;

/// <summary>
/// What a report reads from the event log, the recovery notes and the feedback, end to end on Slack (signed slash
/// commands, a real SQLite file): recurring delay causes; a monthly review's feedback against on-time rate and
/// service-level compliance. Mon 23 Nov 2026 10:00 in New York.
/// </summary>
public sealed class ReportInsightsTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly BotHost _host;

    public ReportInsightsTests() => _host = new BotHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private async Task<string> SayAsync(string text)
    {
        var (status, json, _) = await _host.CommandAsync(text);
        Assert.Equal(200, status);
        return json.AllText();
    }

    [Fact]
    public async Task TheWeek_CountsTheReasonsThatCameBack_FromPausesExtensionsAndRecoveryNotes()
    {
        await SayAsync("Call back Globex tomorrow 3pm #support");           // #1
        await SayAsync("Send the quote to Acme tomorrow 5pm #quotes");      // #2
        await SayAsync("Ship the spare parts Wednesday 5pm #quotes");       // #3
        await SayAsync("Fix the printer Wednesday 5pm");                    // #4
        await SayAsync("Refund Initech in 1 hour");                         // #5, late below
        await SayAsync("Call Umbrella back in 1 hour");                     // #6, broken below
        await SayAsync("pause 1 waiting on customer");
        await SayAsync("resume 1");
        await SayAsync("pause 2 waiting on customer");
        await SayAsync("extend 3 to Thursday 5pm because the part is late");
        await SayAsync("extend 4 to Friday 5pm because The part is late.");
        _host.Clock.Advance(TimeSpan.FromHours(2));
        await SayAsync("done 5");
        await SayAsync("broken 6 no one picked up");
        Assert.Contains("Recovery note", await SayAsync("recover 5 cause vendor; fix refunded by hand"), StringComparison.OrdinalIgnoreCase);
        await SayAsync("recover 6 cause vendor");

        var report = await SayAsync("report");

        Assert.Contains("*Recurring delay causes:* the part is late ×2 (extensions) · vendor ×2 (recovery notes) · waiting on customer ×2 (pauses)", report);
        Assert.DoesNotContain("No recovery note yet", report);
    }

    [Fact]
    public async Task TheMonth_SetsFeedbackAgainstTheOnTimeRate_AndSaysHowEachTargetWasMet()
    {
        await SayAsync("sla #support 4 business hours");
        await SayAsync("Reply to Acme about the outage #support");          // #1, by the target, kept
        await SayAsync("Reply to Globex about the invoice #support");       // #2, by the target, late
        await SayAsync("Send the quote to Initech in 1 hour #quotes");      // #3, late
        await SayAsync("done 1");
        _host.Clock.Advance(TimeSpan.FromHours(5));
        await SayAsync("done 2");
        await SayAsync("done 3");
        await SayAsync("feedback 1 5 quick");
        await SayAsync("feedback 2 3");
        await SayAsync("feedback 3 2 too slow");

        var month = await SayAsync("report month");

        Assert.Contains("Fulfilment report · November 2026", month);
        Assert.Contains("*Customer feedback against on time:*\n• #support — 4.0 of 5 (2 scores), 50% on time\n• #quotes — 2.0 of 5 (1 score), 0% on time", month);
        Assert.Contains("*Service levels:* #support 1 of 2 within target (50%)", month);
        // The weekly report leaves the monthly review's extras out.
        Assert.DoesNotContain("Service levels", await SayAsync("report"));
    }
}
