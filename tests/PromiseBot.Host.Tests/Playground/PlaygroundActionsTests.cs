using System.Net;
using System.Text.Json.Nodes;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Playground;

/// <summary>
/// The playground's buttons and new-promise form go through Core's one action model and form rules, as Slack's and
/// Teams' do: a button applies only to the version it was drawn at, and the form refuses what every form refuses.
/// </summary>
public sealed class PlaygroundActionsTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundActionsTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task EveryButton_CarriesTheVersionItWasDrawnAt()
    {
        await _host.CommandAsync("Send the quote to Acme tomorrow");
        await _host.CommandAsync("extend 1 to Friday 5pm");

        var list = (string)(await _host.CommandAsync("list"))["html"]!;

        Assert.Contains("data-action=\"done\" data-number=\"1\" data-version=\"2\"", list);
        Assert.Contains("data-action=\"extend\" data-number=\"1\" data-version=\"2\"", list);
    }

    [Fact]
    public async Task AStaleClick_ChangesNothing_AndRedrawsThePromiseAsItIsNow()
    {
        await _host.CommandAsync("Send the quote to Acme tomorrow");
        await _host.CommandAsync("extend 1 to Friday 5pm");

        // A Done button drawn before the extend (version 1).
        var click = await _host.ActionAsync("done", 1, version: 1);
        var show = (string)(await _host.CommandAsync("show 1"))["html"]!;

        var html = (string)click["html"]!;
        Assert.Equal("warning", (string)click["tone"]!);
        Assert.Contains("#1 changed since this was shown (now due Fri 27 Nov", html);
        Assert.Contains("so I didn&#x27;t change anything", html);
        Assert.Contains("data-action=\"done\" data-number=\"1\" data-version=\"2\"", html);
        Assert.DoesNotContain("state-done", show);
        Assert.Equal("private", (string)click["visibility"]!);
        Assert.DoesNotContain("changed since this was shown", string.Join("\n", await _host.FeedAsync("channels/general/feed")));

        // The redrawn button is current and works.
        var again = await _host.ActionAsync("done", 1, version: 2);
        Assert.Contains("done, on time", (string)again["html"]!);
    }

    [Fact]
    public async Task AStaleExtend_ChangesNothing()
    {
        await _host.CommandAsync("Send the quote to Acme tomorrow");
        await _host.CommandAsync("done 1");

        var click = await _host.ActionAsync("extend", 1, when: "Friday 5pm", version: 1);

        Assert.Contains("changed since this was shown (it is done)", (string)click["html"]!);
        Assert.Contains("state-done", (string)(await _host.CommandAsync("show 1"))["html"]!);
    }

    [Fact]
    public async Task AnExtendClick_WithAVagueDate_IsRefusedAsTypingItWouldBe()
    {
        await _host.CommandAsync("Send the quote to Acme tomorrow");

        var click = await _host.ActionAsync("extend", 1, when: "next week", version: 1);

        Assert.Contains("next week", (string)click["html"]!);
        Assert.DoesNotContain("due date moved", (string)click["html"]!);
    }

    [Fact]
    public async Task TheForm_MakesAPromise_LikeTypingIt()
    {
        var (status, body) = await _host.FormAsync(new
        {
            person = "maya", channel = "general", title = "Send the quote", due = "Friday 5pm", customer = "Acme",
            owner = "sam", backup = "@priya", category = "quotes", requestId = "form-1",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("New promise #1", (string)body["html"]!);
        var show = (string)(await _host.CommandAsync("show 1"))["html"]!;
        Assert.Contains("Send the quote", show);
        Assert.Contains("Sam Okafor", show);
        Assert.Contains("Priya Nair", show);
    }

    [Fact]
    public async Task TheForm_RefusesABackupWhoIsTheOwner_AndStoresNothing()
    {
        var (status, body) = await _host.FormAsync(new { person = "maya", channel = "general", title = "Send the quote", due = "Friday 5pm", owner = "sam", backup = "sam" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Pick someone other than the owner.", (string)body["problems"]!["backup"]!);
        Assert.Contains("no promise #1", (string)(await _host.CommandAsync("show 1"))["html"]!);
    }

    [Fact]
    public async Task TheForm_ShowsEveryProblemUnderItsField()
    {
        var (status, body) = await _host.FormAsync(new { person = "maya", channel = "general", title = " ", due = "next week", owner = "nobody" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var problems = (JsonObject)body["problems"]!;
        Assert.Equal("Say what was promised.", (string)problems["title"]!);
        Assert.Contains("next week", (string)problems["due"]!);
        Assert.Equal("I can't find that person in this workspace.", (string)problems["owner"]!);
    }
}
