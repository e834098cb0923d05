using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Core.Scheduling;
using PromiseBot.Host.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Recovery;

/// <summary>
/// Recovery notes on Slack, end to end: signed commands and interactions, a real SQLite file, the real escalation scan
/// and outbox dispatcher, the fake Slack Web API, a fake clock; every payload through the Block Kit validator. U1 owns
/// the promises, UM is the manager; everyone is in New York (quiet hours 20:00–08:00).
/// </summary>
public sealed class SlackRecoveryTests
{
    private static readonly WorkspaceId T1 = new("T1");

    // November 2026 in New York is EST.
    private static DateTimeOffset NewYork(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(-5));

    private static async Task<FakeSlackApi> SlackAsync()
    {
        var slack = await FakeSlackApi.StartAsync();
        foreach (var user in new[] { "U1", "UM" })
        {
            slack.AddUser(user, "America/New_York");
        }

        return slack;
    }

    private static BotHost Host(TempDatabase db, FakeSlackApi slack, DateTimeOffset now) =>
        new(db.ConnectionString, new FakeTimeProvider(now), new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.BaseUrl,
        });

    /// <summary>Moves the clock, runs one scan and a few dispatch passes, and returns what was posted meanwhile.</summary>
    private static async Task<List<SlackApiCall>> TickAsync(BotHost host, FakeSlackApi slack, DateTimeOffset to)
    {
        var before = slack.CallsTo("chat.postMessage").Count;
        host.Clock.SetUtcNow(to);
        await host.Services.GetRequiredService<EscalationService>().ScanAsync(CancellationToken.None);
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        for (var pass = 0; pass < 4; pass++)
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            host.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        return [.. slack.CallsTo("chat.postMessage").Skip(before)];
    }

    private static Task<(int Status, JsonObject? Json, string Raw)> InteractAsync(BotHost host, JsonObject payload)
    {
        var body = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        SlackSigner.AddHeaders(request, BotHost.Secret, body, host.Clock.GetUtcNow());
        return host.SendAsync(request);
    }

    private static JsonObject Click(SlackApiCall message, string user, JsonObject button) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["team_id"] = "T1" },
        ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
        ["api_app_id"] = "A1",
        ["trigger_id"] = "trig-recover",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000009", ["channel_id"] = message.Arg("channel"), ["is_ephemeral"] = false },
        ["channel"] = new JsonObject { ["id"] = message.Arg("channel") },
        ["message"] = new JsonObject { ["type"] = "message", ["ts"] = "1700000000.000009", ["text"] = message.Arg("text"), ["blocks"] = message.Json!["blocks"]!.DeepClone() },
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button", ["action_id"] = button["action_id"]!.DeepClone(), ["block_id"] = "recovery:1", ["value"] = button["value"]!.DeepClone(), ["action_ts"] = "1795446000.1",
        }),
    };

    private static JsonObject Submission(JsonObject modal, string viewId, string user, Dictionary<string, JsonObject> values) =>
        SlackViewSubmission.Of(modal, viewId, user, values);

    private static JsonObject Picked(string value) => new() { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = value } };

    private static JsonObject Radio(string value) => new() { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = value } };

    private static JsonObject Typed(string value) => new() { ["type"] = "plain_text_input", ["value"] = value };

    private static JsonObject? RecoveryButton(SlackApiCall message) =>
        message.Json!["blocks"]?.AsArray().Select(b => b!.AsObject())
            .Where(b => (string?)b["type"] == "actions")
            .SelectMany(b => b["elements"]!.AsArray().Select(e => e!.AsObject()))
            .FirstOrDefault(e => (string?)e["action_id"] == "recovery_open");

    [Fact]
    public async Task TheBreachDm_ToTheOwner_OpensTheRecoveryModal_AndTheSubmissionStoresTheNote()
    {
        using var db = new TempDatabase();
        await using var slack = await SlackAsync();
        await using var host = Host(db, slack, NewYork(23, 10));
        await host.CommandAsync("config manager <@UM>");
        await host.CommandAsync("Ship the replacement part to Contoso in 2 hours", user: "U1", channel: "C7");

        var breach = await TickAsync(host, slack, NewYork(23, 12));
        var ownerDm = Assert.Single(breach, c => c.Arg("channel") == "D1");
        var managerDm = Assert.Single(breach, c => c.Arg("channel") == "DM");
        var button = RecoveryButton(ownerDm);
        Assert.NotNull(button);
        Assert.Equal("Write recovery note", (string?)button["text"]!["text"]);
        Assert.Null(RecoveryButton(managerDm));
        var dmValid = await PlatformValidators.BlockKitAsync(ownerDm.RawBody);
        Assert.True(dmValid.IsValid, dmValid.ToString());

        Assert.Equal(200, (await InteractAsync(host, Click(ownerDm, "U1", button))).Status);
        var open = Assert.Single(slack.CallsTo("views.open"));
        Assert.Equal("trig-recover", open.Arg("trigger_id"));
        var modal = open.Json!["view"]!.AsObject();
        Assert.Equal("promise_recover", (string?)modal["callback_id"]);
        var modalValid = await PlatformValidators.BlockKitAsync(modal.ToJsonString());
        Assert.True(modalValid.IsValid, modalValid.ToString());

        // No cause, and "other" without words: refused under the input, nothing stored.
        var (_, missing, _) = await InteractAsync(host, Submission(modal, "V1", "U1", new() { ["recovery_fix"] = Typed("sent a loaner") }));
        Assert.Equal("errors", (string?)missing!["response_action"]);
        Assert.NotNull(missing["errors"]!["recovery_cause"]);
        var (_, other, _) = await InteractAsync(host, Submission(modal, "V1", "U1", new() { ["recovery_cause"] = Picked("Other") }));
        Assert.NotNull(other!["errors"]!["recovery_cause_text"]);
        var notes = host.Services.GetRequiredService<IRecoveryNoteStore>();
        Assert.Null(await notes.GetAsync(T1, new PromiseNumber(1), CancellationToken.None));

        var (status, ok, raw) = await InteractAsync(host, Submission(modal, "V1", "U1", new()
        {
            ["recovery_cause"] = Picked("Vendor"),
            ["recovery_cause_text"] = Typed("the courier <lost> it & left"),
            ["recovery_fix"] = Typed("sent a loaner"),
            ["recovery_prevention"] = Typed("keep two spares"),
            ["recovery_told"] = Radio("yes"),
            ["recovery_apology"] = Radio("no"),
        }));
        Assert.Equal(200, status);
        Assert.True(ok is null, raw);

        var note = await notes.GetAsync(T1, new PromiseNumber(1), CancellationToken.None);
        Assert.Equal(new RecoveryNote(T1, new PromiseNumber(1), true, false, RecoveryCause.Vendor, "the courier <lost> it & left", "sent a loaner", "keep two spares", new UserId("U1"), note!.WrittenAt), note);
        var history = await host.Services.GetRequiredService<IPromiseStore>().GetHistoryAsync(T1, new PromiseNumber(1), CancellationToken.None);
        Assert.Equal(PromiseEventKind.RecoveryNoted, history[^1].Kind);

        // The confirmation comes by DM; user text is escaped for Slack.
        // (The host's own dispatcher may have sent it already, woken by the enqueue: look at every post, not only this tick's.)
        await TickAsync(host, slack, NewYork(23, 12, 5));
        var confirmation = Assert.Single(slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == "D1" && c.Json.AllText().Contains("Recovery note saved", StringComparison.Ordinal));
        Assert.Contains("Recovery note saved for #1", confirmation.Json.AllText());
        Assert.Contains("the courier &lt;lost&gt; it &amp; left", confirmation.RawBody.Replace("\\u0026", "&", StringComparison.Ordinal), StringComparison.Ordinal);
        var confirmationValid = await PlatformValidators.BlockKitAsync(confirmation.RawBody);
        Assert.True(confirmationValid.IsValid, confirmationValid.ToString());

        var shown = (await host.CommandAsync("show 1", user: "U1")).Json.AllText();
        Assert.Contains("vendor — the courier", shown);
        Assert.Contains("sent a loaner", shown);
    }

    [Fact]
    public async Task TheModal_OnAPromiseThatNeverBreached_SaysSoUnderTheCause_AndStoresNothing()
    {
        using var db = new TempDatabase();
        await using var slack = await SlackAsync();
        await using var host = Host(db, slack, NewYork(23, 10));
        await host.CommandAsync("Ship the replacement part to Contoso by Friday 5pm", user: "U1", channel: "C7");
        var modal = SlackRecoveryModalFor(host);

        var (_, answer, _) = await InteractAsync(host, Submission(modal, "V2", "U1", new() { ["recovery_cause"] = Picked("Capacity") }));

        Assert.Contains("nothing to recover", (string?)answer!["errors"]!["recovery_cause"]);
        Assert.Null(await host.Services.GetRequiredService<IRecoveryNoteStore>().GetAsync(T1, new PromiseNumber(1), CancellationToken.None));
    }

    private static JsonObject SlackRecoveryModalFor(BotHost host) => new()
    {
        ["callback_id"] = "promise_recover",
        ["private_metadata"] = "{\"n\":1,\"c\":\"C7\"}",
    };

    [Fact]
    public async Task BreachRepeats_SayNoRecoveryNoteYet_UntilOneIsWritten()
    {
        using var db = new TempDatabase();
        await using var slack = await SlackAsync();
        await using var host = Host(db, slack, NewYork(23, 10)); // Monday
        await host.CommandAsync("config timezone America/New_York");
        await host.CommandAsync("config manager <@UM>");
        await host.CommandAsync("Call Acme back in 2 hours", user: "U1", channel: "C7");
        await TickAsync(host, slack, NewYork(23, 12));

        var tuesday = await TickAsync(host, slack, NewYork(24, 9));
        Assert.Equal(2, tuesday.Count);
        Assert.All(tuesday, p => Assert.Contains("breached 1 business day ago, no one has acknowledged, no recovery note yet", p.Json.AllText()));
        Assert.NotNull(RecoveryButton(Assert.Single(tuesday, p => p.Arg("channel") == "D1")));
        foreach (var repeat in tuesday)
        {
            var valid = await PlatformValidators.BlockKitAsync(repeat.RawBody);
            Assert.True(valid.IsValid, valid.ToString());
        }

        Assert.Contains("Recovery note saved", (await host.CommandAsync("recover 1 cause underestimated; fix called them back at 9", user: "U1", channel: "C7")).Json.AllText());

        var wednesday = await TickAsync(host, slack, NewYork(25, 9));
        Assert.Equal(2, wednesday.Count);
        Assert.All(wednesday, p => Assert.Contains("breached 2 business days ago, no one has acknowledged", p.Json.AllText()));
        Assert.All(wednesday, p => Assert.DoesNotContain("recovery note", p.Json.AllText(), StringComparison.OrdinalIgnoreCase));
        Assert.All(wednesday, p => Assert.Null(RecoveryButton(p)));
    }

    [Fact]
    public async Task ALateCloseWithoutANote_GetsExactlyOneReminder_AnHourLater_HoweverOftenTheJobsRun()
    {
        using var db = new TempDatabase();
        await using var slack = await SlackAsync();
        await using var host = Host(db, slack, NewYork(23, 10));
        await host.CommandAsync("Call Acme back in 2 hours", user: "U1", channel: "C7");
        await host.CommandAsync("Call Globex back in 2 hours", user: "U1", channel: "C7");
        await TickAsync(host, slack, NewYork(23, 12));
        host.Clock.SetUtcNow(NewYork(23, 13));
        await host.CommandAsync("done 1", user: "U1", channel: "C7");
        await host.CommandAsync("done 2", user: "U1", channel: "C7");
        // #2 gets its note before the reminder is due: no reminder for it.
        await host.CommandAsync("recover 2 cause capacity", user: "U1", channel: "C7");

        static bool IsReminder(SlackApiCall c) => c.Json.AllText().Contains("Recovery note: #", StringComparison.Ordinal);
        Assert.DoesNotContain(await TickAsync(host, slack, NewYork(23, 13, 30)), IsReminder);

        var reminders = (await TickAsync(host, slack, NewYork(23, 14))).Where(IsReminder).ToList();
        var reminder = Assert.Single(reminders);
        Assert.Equal("D1", reminder.Arg("channel"));
        Assert.Contains("Recovery note: #1 Call Acme back was kept late", reminder.Json.AllText());
        Assert.NotNull(RecoveryButton(reminder));
        var valid = await PlatformValidators.BlockKitAsync(reminder.RawBody);
        Assert.True(valid.IsValid, valid.ToString());

        // The jobs run again (and again): nothing more. A reopen and a second late close don't remind twice either.
        Assert.DoesNotContain(await TickAsync(host, slack, NewYork(23, 14, 1)), IsReminder);
        Assert.DoesNotContain(await TickAsync(host, slack, NewYork(23, 14, 2)), IsReminder);
        await host.CommandAsync("reopen 1 wrong one", user: "U1", channel: "C7");
        await host.CommandAsync("done 1", user: "U1", channel: "C7");
        Assert.DoesNotContain(await TickAsync(host, slack, NewYork(23, 16)), IsReminder);
        Assert.Single(slack.CallsTo("chat.postMessage"), IsReminder);
    }
}
