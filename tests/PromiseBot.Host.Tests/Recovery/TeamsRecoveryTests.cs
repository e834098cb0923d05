using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Core.Scheduling;
using PromiseBot.Host.Outbox;
using PromiseBot.Host.Tests.Teams;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Auth;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Host.Tests.Recovery;

/// <summary>
/// Recovery notes on Teams, end to end: the breach DM reaches the fake connector as a card whose "Write recovery note"
/// opens the form in place; "Save recovery note" (an Action.Execute invoke) stores the note like a typed
/// <c>recover</c>, or answers with the form and its problems. Every card through the Adaptive Cards validator.
/// </summary>
public sealed class TeamsRecoveryTests : IAsyncLifetime
{
    private const string Channel = "19:general@thread.tacv2";
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

    private static readonly WorkspaceId Contoso = new("teams:contoso");

    [Fact]
    public async Task TheBreachDm_OpensTheRecoveryForm_AndSavingItStoresTheNote()
    {
        Assert.Equal(200, await SayAsync("Ship the replacement part to Contoso in 2 hours", "1"));
        await DispatchAsync();
        _clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await _host.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None));
        await DispatchAsync();

        var dm = Assert.Single(_connector.CallsTo("send"), s => s.ConversationId != Channel && JsonText.AllStrings(s.Json).Contains("Overdue", StringComparison.Ordinal));
        var card = dm.Json!["attachments"]![0]!["content"]!.AsObject();
        var valid = await PlatformValidators.AdaptiveCardAsync(dm.Json!["attachments"]![0]!.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
        var show = Actions(card).Single(a => (string?)a["title"] == "Write recovery note");
        Assert.Equal("Action.ShowCard", (string?)show["type"]);
        var form = show["card"]!.AsObject();
        var inputs = form["body"]!.AsArray().Select(b => (string?)b!["id"]).Where(id => id is not null).ToList();
        Assert.Equal(["recovery-cause", "recovery-cause-text", "recovery-fix", "recovery-prevention", "recovery-told", "recovery-apology"], inputs);
        var save = form["actions"]!.AsArray().Single()!.AsObject();
        Assert.Equal("recover", (string?)save["verb"]);

        // Saved without a cause: the form comes back with the problem under it, and nothing is stored.
        var data = save["data"]!.DeepClone().AsObject();
        data["recovery-fix"] = "sent a loaner";
        var (status, refused, _) = await InvokeAsync("recover", data);
        Assert.Equal(200, status);
        var refusedCard = refused!["value"]!.AsObject();
        Assert.Contains("Pick the cause.", JsonText.AllStrings(refusedCard));
        Assert.Contains("sent a loaner", JsonText.AllStrings(refusedCard));
        var refusedValid = await PlatformValidators.AdaptiveCardAsync(refusedCard.ToJsonString());
        Assert.True(refusedValid.IsValid, refusedValid.ToString());
        var notes = _host.Services.GetRequiredService<IRecoveryNoteStore>();
        Assert.Null(await notes.GetAsync(Contoso, new PromiseNumber(1), CancellationToken.None));

        data["recovery-cause"] = "Other";
        data["recovery-cause-text"] = "the courier **lost** it";
        data["recovery-prevention"] = "two spares";
        data["recovery-told"] = "yes";
        var (_, saved, _) = await InvokeAsync("recover", data);
        var savedCard = saved!["value"]!.AsObject();
        Assert.Contains("Recovery note saved for #1", JsonText.AllStrings(savedCard));
        Assert.Contains("the courier \\*\\*lost\\*\\* it", JsonText.AllStrings(savedCard));
        var savedValid = await PlatformValidators.AdaptiveCardAsync(savedCard.ToJsonString());
        Assert.True(savedValid.IsValid, savedValid.ToString());

        var note = await notes.GetAsync(Contoso, new PromiseNumber(1), CancellationToken.None);
        Assert.Equal(new RecoveryNote(Contoso, new PromiseNumber(1), true, null, RecoveryCause.Other, "the courier **lost** it", "sent a loaner", "two spares", new UserId("29:ana"), note!.WrittenAt), note);
    }

    [Fact]
    public async Task ANoteOnAPromiseThatNeverBreached_ComesBackOnTheForm_AndNothingIsStored()
    {
        Assert.Equal(200, await SayAsync("Ship the replacement part to Contoso in 2 days", "1"));

        var (_, answer, _) = await InvokeAsync("recover", new JsonObject { ["number"] = 1, ["recovery-cause"] = "Capacity" });

        Assert.Contains("nothing to recover", JsonText.AllStrings(answer!["value"]));
        Assert.Null(await _host.Services.GetRequiredService<IRecoveryNoteStore>().GetAsync(Contoso, new PromiseNumber(1), CancellationToken.None));
    }

    private static IEnumerable<JsonObject> Actions(JsonObject card) =>
        card["body"]!.AsArray().Select(b => b!.AsObject())
            .Where(b => (string?)b["type"] == "ActionSet")
            .SelectMany(b => b["actions"]!.AsArray().Select(a => a!.AsObject()));

    private Task DispatchAsync() => _rig.DispatchAsync(_clock);

    private JsonObject Activity(string type, string id, string conversation, string conversationType) => _rig.Activity(type, id, conversation, conversationType);

    private Task<(int Status, JsonObject? Json, string Raw)> PostAsync(JsonObject activity) => _rig.PostAsync(activity);

    private Task<(int Status, JsonObject? Json, string Raw)> InvokeAsync(string verb, JsonObject data)
    {
        var activity = Activity("invoke", "f:" + Guid.NewGuid().ToString("N"), "a:1on1-ana", "personal");
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data.DeepClone() },
            ["trigger"] = "manual",
        };
        return PostAsync(activity);
    }

    private Task<int> SayAsync(string text, string id) => _rig.SayAsync(text, id, Channel);
}
