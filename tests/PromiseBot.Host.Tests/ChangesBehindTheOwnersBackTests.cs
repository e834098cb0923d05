using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Host.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests;

/// <summary>
/// End to end over Slack: a change someone else makes from another channel reaches the owner by DM and the promise's
/// own channel, as valid Block Kit; with a manager set, a stranger's cancel is refused naming who can.
/// </summary>
public sealed class ChangesBehindTheOwnersBackTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private FakeSlackApi _slack = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        foreach (var user in new[] { "U1", "U2", "U9" })
        {
            _slack.AddUser(user, "America/New_York");
        }

        _host = new BotHost(_db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = _slack.BotToken,
            ["Slack:ApiBaseUrl"] = _slack.BaseUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        _db.Dispose();
    }

    private async Task DispatchAsync()
    {
        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task DoneBySomeoneElseFromAnotherChannel_TheOwnerGetsADm_AndThePromisesChannelALine()
    {
        await _host.CommandAsync("Call back Dana by Friday 5pm", user: "U1", channel: "C1");

        var (status, json, _) = await _host.CommandAsync("done 1 called her", user: "U2", channel: "C2");
        await DispatchAsync();

        Assert.Equal(200, status);
        Assert.Contains("done", json!.AllText());
        var open = Assert.Single(_slack.CallsTo("conversations.open"));
        Assert.Equal("U1", open.Arg("users"));
        var posts = _slack.CallsTo("chat.postMessage");
        var dm = Assert.Single(posts, p => p.Arg("channel")!.StartsWith('D'));
        Assert.Contains("<@U2> changed your promise *#1*", dm.Json.AllText());
        Assert.Contains("Call back Dana", dm.Json.AllText());
        var line = Assert.Single(posts, p => p.Arg("channel") == "C1");
        Assert.Contains("<@U2> changed <@U1>'s promise *#1*", line.Json.AllText());
        foreach (var post in new[] { dm, line })
        {
            var valid = await PlatformValidators.BlockKitAsync(post.RawBody);
            Assert.True(valid.IsValid, valid.ToString());
        }
    }

    [Fact]
    public async Task TheOwnersOwnChange_SendsNoNotice()
    {
        await _host.CommandAsync("Call back Dana by Friday 5pm", user: "U1", channel: "C1");

        await _host.CommandAsync("extend 1 to Monday 10am", user: "U1", channel: "C2");
        await DispatchAsync();

        Assert.Empty(_slack.CallsTo("conversations.open"));
        Assert.Empty(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task WithAManager_AStrangersCancel_IsRefusedNamingWhoCan_AndNothingChanges()
    {
        await _host.CommandAsync("config manager <@U9>", user: "U1", channel: "C1");
        await _host.CommandAsync("Call back Dana by Friday 5pm", user: "U1", channel: "C1");

        var (_, refused, _) = await _host.CommandAsync("cancel 1", user: "U2", channel: "C2");
        var (_, allowed, _) = await _host.CommandAsync("cancel 1 customer withdrew", user: "U9", channel: "C2");

        Assert.Equal("ephemeral", refused!.Type());
        Assert.Contains("only its maker <@U1> or the manager <@U9> can cancel it.", refused.AllText());
        Assert.Contains("cancelled", allowed!.AllText());
        Assert.Equal(2, _host.Count("promise_events"));
    }
}
