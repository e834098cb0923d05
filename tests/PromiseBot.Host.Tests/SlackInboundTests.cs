using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Slack.Events;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests;

/// <summary>
/// What Slack sends on the way in: entity-encoded text (decoded once, stored plain, escaped once on the way out), the
/// body size cap, and the trigger_id every slash command carries.
/// </summary>
public sealed class SlackInboundTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly BotHost _host;

    public SlackInboundTests() => _host = new BotHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private (string Title, string? Customer) Stored(int number = 1)
    {
        using var c = new SqliteConnection(_db.ConnectionString);
        return c.QuerySingle<(string, string?)>("SELECT title, customer FROM promises WHERE workspace = 'T1' AND number = @N", new { N = number });
    }

    [Fact]
    public async Task SlashCommandText_WithSlackEntities_IsStoredPlain_AndEscapedOnceInTheReply()
    {
        // Slack sends "R&D report for Smith & Co" as "R&amp;D report for Smith &amp; Co".
        var (status, json, _) = await _host.CommandAsync("R&amp;D report by Friday 5pm for Smith &amp; Co <@U2|dana>");

        Assert.Equal(200, status);
        Assert.Equal(("R&D report", "Smith & Co"), Stored());
        var text = json!.AllText();
        Assert.Contains("R&amp;D report", text);
        Assert.DoesNotContain("&amp;amp;", text);
        Assert.Contains("<@U2>", text);
    }

    [Fact]
    public async Task SlashCommandText_EncodedAngleBrackets_AreTextNotMarkup()
    {
        await _host.CommandAsync("Fix the &lt;title&gt; tag by Friday 5pm");

        Assert.Equal("Fix the <title> tag", Stored().Title);
    }

    [Fact]
    public async Task DirectMessageText_WithSlackEntities_IsStoredPlain()
    {
        var body = new JsonObject
        {
            ["type"] = "event_callback", ["team_id"] = "T1", ["api_app_id"] = "A1", ["event_id"] = "EvAmp", ["event_time"] = 1795446000,
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T1", ["user_id"] = "U0BOT", ["is_bot"] = true }),
            ["event"] = new JsonObject
            {
                ["type"] = "message", ["channel_type"] = "im", ["user"] = "U1", ["channel"] = "D1", ["ts"] = "1795446000.000777",
                ["text"] = "R&amp;D report by Friday 5pm for Smith &amp; Co",
            },
        }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        SlackSigner.AddHeaders(request, BotHost.Secret, body, _host.Clock.GetUtcNow());

        Assert.Equal(200, (await _host.SendAsync(request)).Status);
        await _host.Services.GetRequiredService<SlackEventWorker>().ProcessDueAsync(CancellationToken.None);

        Assert.Equal(("R&D report", "Smith & Co"), Stored());
    }

    [Fact]
    public async Task AMentionInAChannel_WithSlackEntities_IsStoredPlain()
    {
        var body = new JsonObject
        {
            ["type"] = "event_callback", ["team_id"] = "T1", ["api_app_id"] = "A1", ["event_id"] = "EvAmp2", ["event_time"] = 1795446000,
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T1", ["user_id"] = "U0BOT", ["is_bot"] = true }),
            ["event"] = new JsonObject
            {
                ["type"] = "app_mention", ["user"] = "U1", ["channel"] = "C1", ["ts"] = "1795446000.000778",
                ["text"] = "<@U0BOT> Q&amp;A session by Friday 5pm for A &lt;&gt; B",
            },
        }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        SlackSigner.AddHeaders(request, BotHost.Secret, body, _host.Clock.GetUtcNow());

        Assert.Equal(200, (await _host.SendAsync(request)).Status);
        await _host.Services.GetRequiredService<SlackEventWorker>().ProcessDueAsync(CancellationToken.None);

        Assert.Equal(("Q&A session", "A <> B"), Stored());
    }

    [Fact]
    public async Task ATitleOfOnlyInvisibleCharacters_IsRefused_AndNothingIsStored()
    {
        var (status, json, _) = await _host.CommandAsync("\u200B\u200D\u2060 by Friday 5pm");

        Assert.Equal(200, status);
        Assert.Equal("ephemeral", json!.Type());
        Assert.Contains("title is empty", json.AllText());
        Assert.Equal(0, _host.Count("promises"));
    }

    [Fact]
    public async Task BidiOverrides_AreStrippedFromTheStoredTitle()
    {
        await _host.CommandAsync("Call \u202Eanad\u202C back by Friday 5pm");

        Assert.Equal("Call anad back", Stored().Title);
    }

    private static string FormOfLength(int length)
    {
        var form = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fpromise&text=list&trigger_id=t-size&pad=";
        return form + new string('x', length - form.Length);
    }

    [Fact]
    public async Task ABodyOfExactly32KiB_IsAccepted_AndOneByteMoreIsRefused()
    {
        var exactly = FormOfLength(32 * 1024);
        var over = FormOfLength(32 * 1024 + 1);

        Assert.Equal(200, (await _host.PostSignedAsync(exactly, _host.Clock.GetUtcNow())).Status);
        Assert.Equal(413, (await _host.PostSignedAsync(over, _host.Clock.GetUtcNow())).Status);
    }

    [Fact]
    public async Task ASlashCommandWithoutTriggerId_IsMalformed_AndAReplayCannotApplyItTwice()
    {
        const string body = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fpromise&text=Send+the+quote+by+Friday+5pm";

        var first = await _host.PostSignedAsync(body, _host.Clock.GetUtcNow());
        var replay = await _host.PostSignedAsync(body, _host.Clock.GetUtcNow());

        Assert.Equal((400, 400), (first.Status, replay.Status));
        Assert.Contains("trigger_id", first.Raw);
        Assert.Equal(0, _host.Count("promises"));
    }
}
