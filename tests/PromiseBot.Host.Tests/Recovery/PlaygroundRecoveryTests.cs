using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PromiseBot.Host.Tests.Playground;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Recovery;

/// <summary>
/// Recovery notes in the playground, end to end (real SQLite, the whole command path, its clock): the breach DM's
/// "Write recovery note" opens the page's form, whose submission (<c>POST /playground/api/recovery</c>) stores the note
/// like a typed <c>recover</c>; a late close without a note gets exactly one reminder DM.
/// </summary>
public sealed class PlaygroundRecoveryTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundRecoveryTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private static string Text(string html) => WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""));

    private async Task<string> Say(string text) => Text((string)(await _host.CommandAsync(text))["html"]!);

    private async Task<(HttpStatusCode Status, JsonObject Body)> RecoverAsync(object form)
    {
        using var client = _host.CreateClient();
        using var response = await client.PostAsJsonAsync("/playground/api/recovery", form);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    [Fact]
    public async Task TheBreachDm_HasWriteRecoveryNote_AndTheFormStoresTheNote()
    {
        await Say("Call Acme back in 2 hours for Acme");
        await _host.AdvanceAsync(new { hours = 3 });

        var breach = Assert.Single(await _host.FeedAsync("people/maya/dms"), d => d.Contains("Overdue", StringComparison.Ordinal));
        Assert.Contains("data-action=\"recover\" data-number=\"1\">Write recovery note</button>", breach, StringComparison.Ordinal);

        var (refused, problems) = await RecoverAsync(new { person = "maya", channel = "general", number = 1, fix = "called them at 9", requestId = "r1" });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("Pick the cause.", (string?)problems["problems"]!["cause"]);
        Assert.Contains("No recovery note yet", await Say("show 1"), StringComparison.Ordinal);

        var (ok, reply) = await RecoverAsync(new
        {
            person = "maya", channel = "general", number = 1, cause = "Other", causeText = "<script>the phone line was down</script>",
            fix = "called them at 9", prevention = "a second line", customerTold = "yes", apologyGiven = "yes", requestId = "r2",
        });
        Assert.Equal(HttpStatusCode.OK, ok);
        var html = (string)reply["html"]!;
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("Recovery note saved for #1", Text(html), StringComparison.Ordinal);

        var show = await Say("show 1");
        Assert.Contains("other — <script>the phone line was down</script>", show, StringComparison.Ordinal);
        Assert.Contains("a second line", show, StringComparison.Ordinal);
        Assert.Contains("wrote the recovery note", await Say("history 1"), StringComparison.Ordinal);
        var apology = await Say("apology 1");
        Assert.Contains("Hi Acme,", apology, StringComparison.Ordinal);
        Assert.Contains("What we're doing: called them at 9.", apology, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheForm_OnAPromiseThatNeverBreached_SaysSo_AndStoresNothing()
    {
        await Say("Call Acme back by Friday 5pm");

        var (status, body) = await RecoverAsync(new { person = "maya", channel = "general", number = 1, cause = "Capacity", requestId = "r3" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("nothing to recover", (string?)body["problems"]!["cause"], StringComparison.Ordinal);
        Assert.DoesNotContain("Recovery note", await Say("show 1"), StringComparison.Ordinal);
        Assert.Contains("nothing to recover", await Say("recover 1 cause capacity"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALateCloseWithoutANote_GetsOneReminderDm_HoweverOftenTheClockMoves()
    {
        await Say("Call Acme back in 2 hours");
        await _host.AdvanceAsync(new { hours = 3 });
        await Say("done 1");
        static bool IsReminder(string html) => html.Contains("Recovery note: ", StringComparison.Ordinal);
        Assert.DoesNotContain(await _host.FeedAsync("people/maya/dms"), IsReminder);

        await _host.AdvanceAsync(new { hours = 1 });
        await _host.AdvanceAsync(new { hours = 1 });
        await _host.AdvanceAsync(new { days = 1 });

        var reminder = Assert.Single(await _host.FeedAsync("people/maya/dms"), IsReminder);
        Assert.Contains("data-action=\"recover\"", reminder, StringComparison.Ordinal);
    }
}
