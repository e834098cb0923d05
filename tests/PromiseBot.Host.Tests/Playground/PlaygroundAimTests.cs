using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Playground;

/// <summary>
/// Buffer and aim in the playground (real SQLite, the whole command path, the playground's clock; Maya is in New York,
/// now Mon 23 Nov 2026 10:00): the reply, list and show say "aim … · promised …", the reminder and at-risk DMs come
/// toward the aim, the breach at the deadline, and a promise done after its aim is "kept, inside the buffer".
/// </summary>
public sealed class PlaygroundAimTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundAimTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private static string Html(System.Text.Json.Nodes.JsonObject reply) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace((string)reply["html"]!, "<[^>]+>", ""));

    private async Task JumpAsync(string at)
    {
        var (status, body) = await _host.JumpAsync(at);
        Assert.True(status == System.Net.HttpStatusCode.OK, body.ToJsonString());
    }

    private async Task<List<string>> DmsAsync() => await _host.FeedAsync("people/maya/dms");

    [Fact]
    public async Task AnExplicitAim_DrivesTheReminderAndAtRisk_TheDeadlineTheBreach()
    {
        var created = Html(await _host.CommandAsync("Send the quote to Acme by Friday 5pm aim Thursday noon"));
        Assert.Contains("aim Thu 26 Nov 12:00", created);
        Assert.Contains("promised Fri 27 Nov 17:00", created);
        Assert.Contains("aim Thu 26 Nov 12:00 EST · promised Fri 27 Nov 17:00", Html(await _host.CommandAsync("list")));
        Assert.Contains("aim Thu 26 Nov 12:00 EST · promised Fri 27 Nov 17:00", Html(await _host.CommandAsync("show 1")));

        // Reminder 24 h before the aim (Wed 12:00), at risk 4 h before it (Thu 08:00), breach at the deadline.
        await JumpAsync("2026-11-25T11:59");
        Assert.Empty(await DmsAsync());
        await JumpAsync("2026-11-25T12:00");
        Assert.Contains("Reminder", Assert.Single(await DmsAsync()));
        await JumpAsync("2026-11-26T08:00");
        Assert.Equal(2, (await DmsAsync()).Count);
        Assert.Contains(await DmsAsync(), dm => dm.Contains("At risk", StringComparison.Ordinal));
        await JumpAsync("2026-11-27T16:59");
        Assert.Equal(2, (await DmsAsync()).Count);
        await JumpAsync("2026-11-27T17:00");
        Assert.Contains(await DmsAsync(), dm => dm.Contains("Overdue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DoneAfterTheAim_ButByTheDeadline_IsKeptInsideTheBuffer()
    {
        await _host.CommandAsync("Send the quote to Acme by Friday 5pm aim Thursday noon");
        await _host.CommandAsync("Call Globex back by Friday 5pm aim Thursday noon");
        await JumpAsync("2026-11-26T11:00");
        Assert.DoesNotContain("inside the buffer", Html(await _host.CommandAsync("done 2")));
        await JumpAsync("2026-11-26T15:00");

        Assert.Contains("done, on time, inside the buffer", Html(await _host.CommandAsync("done 1")));
        Assert.Contains("kept, inside the buffer", Html(await _host.CommandAsync("show 1")));
        Assert.Contains("kept on time, inside the buffer", Html(await _host.CommandAsync("list kept")));
        Assert.DoesNotContain("inside the buffer", Html(await _host.CommandAsync("show 2")));
    }

    [Fact]
    public async Task ConfigBuffer_IsShownInConfig_AndSetsNewPromisesAims_AndExtendingMovesTheAim()
    {
        Assert.Contains("20%", Html(await _host.CommandAsync("config")));
        Assert.Contains("outside 0–90%", Html(await _host.CommandAsync("config buffer 120%")));
        Assert.Contains("50%", Html(await _host.CommandAsync("config buffer 50%")));

        // Mon 10:00 → Tue 10:00 with a 50% buffer: aim Mon 22:00.
        Assert.Contains("aim Mon 23 Nov 22:00", Html(await _host.CommandAsync("Send the quote to Acme by tomorrow 10am")));
        // To Wed 10:00: 48 h from when it was made, half of it: aim Tue 10:00; the reply and the history say so.
        Assert.Contains("The aim moves with it: aim Tue 24 Nov 10:00", Html(await _host.CommandAsync("extend 1 to Wednesday 10am")));
        Assert.Contains("aim Tue 24 Nov 10:00", Html(await _host.CommandAsync("history 1")));
        Assert.Contains("0%: the aim is the deadline", Html(await _host.CommandAsync("config buffer 0")));
        Assert.DoesNotContain("aim", Html(await _host.CommandAsync("Call Globex back by Friday 5pm")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNewPromiseForm_TakesAnOptionalAim_AndRefusesOneAfterTheDue()
    {
        var (refusedStatus, refused) = await _host.FormAsync(new { person = "maya", channel = "general", title = "Send the quote", due = "Friday 5pm", aim = "Saturday noon" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refusedStatus);
        Assert.Contains("after the deadline", (string)refused["problems"]!["aim"]!);
        Assert.Contains("nothing here", Html(await _host.CommandAsync("list all")));

        var (status, body) = await _host.FormAsync(new { person = "maya", channel = "general", title = "Send the quote", due = "Friday 5pm", aim = "Thursday noon" });
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Contains("aim Thu 26 Nov 12:00", Html(body));
    }
}
