using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core.Scheduling;
using PromiseBot.Host.Outbox;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Auth;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Host.Tests.Teams;

/// <summary>
/// Both halves of the adapter end to end: a signed activity in, the reply card out through the outbox to the fake
/// connector; channel digests and escalation DMs through the real digest and escalation services and dispatcher.
/// </summary>
public sealed class TeamsEndToEndTests : IAsyncLifetime
{
    private const string DeliveryChannel = "19:general@thread.tacv2";
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(BotHost.Start);
    private FakeTokenEndpoint _tokens = null!;
    private FakeBotConnector _connector = null!;
    private FakeOpenIdServer _openId = null!;
    private BotHost _host = null!;
    private TeamsConnectorHost _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await TeamsConnectorHost.StartAsync(_db, _clock);
        (_tokens, _connector, _openId, _host) = (_rig.Tokens, _rig.Connector, _rig.OpenId, _rig.Host);
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task ChannelMessage_CreatesThePromise_AndTheReplyCardIsPostedInItsThreadWithABearerToken()
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "1700000000001",
            ["channelId"] = "msteams",
            ["serviceUrl"] = _connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:ana", ["name"] = "Ana Lopez" },
            ["recipient"] = new JsonObject { ["id"] = "28:" + _tokens.ClientId, ["name"] = "PromiseBot" },
            ["conversation"] = new JsonObject { ["id"] = "19:general@thread.tacv2;messageid=1", ["conversationType"] = "channel", ["tenantId"] = "contoso" },
            ["text"] = "<at>PromiseBot</at> Send the quote to Acme by Friday 5pm",
            ["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention", ["text"] = "<at>PromiseBot</at>",
                ["mentioned"] = new JsonObject { ["id"] = "28:" + _tokens.ClientId, ["name"] = "PromiseBot" },
            }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _openId.MintToken(_connector.ServiceUrl));

        var (status, _, _) = await _host.SendAsync(request);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sent = await _connector.WaitForCallAsync("reply", cancellationToken: wait.Token);

        Assert.Equal(200, status);
        Assert.Equal(1, _host.Count("promises"));
        // A reply in the thread that asked (POST .../conversations/{channel;messageid=1}/activities/1), not a new post.
        Assert.Empty(_connector.CallsTo("send"));
        Assert.Equal("19:general@thread.tacv2;messageid=1", sent.ConversationId);
        Assert.Equal("1", sent.ActivityId);
        Assert.Equal("1", (string?)sent.Json!["replyToId"]);
        Assert.Equal("19:general@thread.tacv2;messageid=1", (string?)sent.Json["conversation"]!["id"]);
        Assert.Equal("Bearer " + _tokens.LatestToken, sent.Authorization);
        var card = sent.Json!["attachments"]![0]!["content"]!;
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Contains("Send the quote to Acme", card.ToJsonString());
        var valid = await PlatformValidators.BotActivityAsync(sent.RawBody);
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task DigestInATeamsChannel_ReachesTheConnectorAsACardInThatChannel()
    {
        Assert.Equal(200, await SayAsync("Send the quote to Acme in 5 hours", "1"));
        Assert.Equal(200, await SayAsync("Call Globex back in 2 days", "2"));
        await DispatchAsync();
        var replies = _connector.CallsTo("send").Count;

        Assert.Equal(200, await SayAsync("digest", "3"));
        await DispatchAsync();

        var sends = _connector.CallsTo("send");
        var digest = Assert.Single(sends.Skip(replies), s => JsonText.AllStrings(s.Json).Contains("Promises due in the next 48 hours", StringComparison.Ordinal));
        Assert.Equal(DeliveryChannel, digest.ConversationId);
        Assert.Equal("Bearer " + _tokens.LatestToken, digest.Authorization);
        var text = JsonText.AllStrings(digest.Json);
        Assert.Contains("Send the quote to Acme", text);
        Assert.DoesNotContain("Call Globex back", text);
        var activity = await PlatformValidators.BotActivityAsync(digest.RawBody);
        Assert.True(activity.IsValid, activity.ToString());
        var card = await PlatformValidators.AdaptiveCardAsync(digest.Json!["attachments"]![0]!.ToJsonString());
        Assert.True(card.IsValid, card.ToString());
    }

    [Fact]
    public async Task PromiseDueInThreeHours_OneScan_DmsTheOwnerThroughANewOneOnOneConversation()
    {
        Assert.Equal(200, await SayAsync("Call Acme back in 3 hours for Acme", "1"));
        await DispatchAsync();
        Assert.Empty(_connector.CallsTo("createConversation"));

        Assert.Equal(1, await _host.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None));
        await DispatchAsync();

        var create = Assert.Single(_connector.CallsTo("createConversation"));
        Assert.Equal("Bearer " + _tokens.LatestToken, create.Authorization);
        Assert.Equal("29:ana", (string?)create.Json!["members"]![0]!["id"]);
        Assert.Equal("contoso", (string?)create.Json["tenantId"] ?? (string?)create.Json["channelData"]?["tenant"]?["id"]);
        var dm = Assert.Single(_connector.CallsTo("send"), s => s.ConversationId != DeliveryChannel);
        var text = JsonText.AllStrings(dm.Json);
        Assert.Contains("At risk", text);
        Assert.Contains("Call Acme back", text);
        var activity = await PlatformValidators.BotActivityAsync(dm.RawBody);
        Assert.True(activity.IsValid, activity.ToString());

        // A second scan a minute later adds nothing: each step fires once per due date.
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await _host.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None));
        await DispatchAsync();
        Assert.Single(_connector.CallsTo("createConversation"));
    }

    [Fact]
    public async Task TheAim_DrivesTheReminderAndAtRiskDm_AndTheDeadline_TheBreach()
    {
        // Made 15:00 UTC, due in 10 hours (01:00): a 20% buffer makes the aim 23:00, so at risk is 19:00 (4 h before the
        // aim, not the deadline's 21:00) and the reminder (24 h before the aim) is due at once; the breach stays 01:00.
        Assert.Equal(200, await SayAsync("Call Acme back in 10 hours for Acme", "1"));
        await DispatchAsync();
        var scan = _host.Services.GetRequiredService<EscalationService>();

        Assert.Equal(1, await scan.ScanAsync(CancellationToken.None));
        await DispatchAsync();
        var first = Assert.Single(_connector.CallsTo("send"), s => s.ConversationId != DeliveryChannel);
        Assert.Contains("Reminder", JsonText.AllStrings(first.Json));
        Assert.Contains("we aim for", JsonText.AllStrings(first.Json));

        _clock.SetUtcNow(BotHost.Start.AddHours(3).AddMinutes(59));
        Assert.Equal(0, await scan.ScanAsync(CancellationToken.None));
        _clock.SetUtcNow(BotHost.Start.AddHours(4));
        Assert.Equal(1, await scan.ScanAsync(CancellationToken.None));
        await DispatchAsync();
        var atRisk = _connector.CallsTo("send").Where(s => s.ConversationId != DeliveryChannel).Last();
        Assert.Contains("At risk", JsonText.AllStrings(atRisk.Json));
        var card = await PlatformValidators.AdaptiveCardAsync(atRisk.Json!["attachments"]![0]!.ToJsonString());
        Assert.True(card.IsValid, card.ToString());

        // The aim (23:00) passing is no breach; the deadline (01:00) is.
        _clock.SetUtcNow(BotHost.Start.AddHours(9).AddMinutes(59));
        Assert.Equal(0, await scan.ScanAsync(CancellationToken.None));
        _clock.SetUtcNow(BotHost.Start.AddHours(10));
        Assert.Equal(1, await scan.ScanAsync(CancellationToken.None));
        await DispatchAsync();
        Assert.Contains("Overdue", JsonText.AllStrings(_connector.CallsTo("send").Where(s => s.ConversationId != DeliveryChannel).Last().Json));
    }

    private async Task DispatchAsync()
    {
        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        // Rows to one destination are paced about a second apart; move past that and look again.
        _clock.Advance(TimeSpan.FromSeconds(2));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
    }

    private async Task<int> SayAsync(string text, string id)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "17000000000" + id,
            ["channelId"] = "msteams",
            ["serviceUrl"] = _connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:ana", ["name"] = "Ana Lopez", ["aadObjectId"] = "aad-ana" },
            ["recipient"] = new JsonObject { ["id"] = "28:" + _tokens.ClientId, ["name"] = "PromiseBot" },
            ["conversation"] = new JsonObject { ["id"] = DeliveryChannel + ";messageid=" + id, ["conversationType"] = "channel", ["tenantId"] = "contoso" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "contoso" } },
            ["text"] = "<at>PromiseBot</at> " + text,
            ["entities"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "mention", ["text"] = "<at>PromiseBot</at>",
                    ["mentioned"] = new JsonObject { ["id"] = "28:" + _tokens.ClientId, ["name"] = "PromiseBot" },
                },
                new JsonObject { ["type"] = "clientInfo", ["timezone"] = "America/New_York" }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _openId.MintToken(_connector.ServiceUrl));
        var (status, _, _) = await _host.SendAsync(request);
        return status;
    }
}
