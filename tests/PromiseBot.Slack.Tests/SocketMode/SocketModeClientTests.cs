using System.Net.WebSockets;
using System.Text.Json.Nodes;
using PromiseBot.Slack.Events;
using PromiseBot.Slack.SocketMode;

namespace PromiseBot.Slack.Tests.SocketMode;

public sealed class SocketModeClientTests
{
    private static readonly TimeSpan Timeout = SocketModeRig.Timeout;

    [Fact]
    public async Task Connect_CallsAppsConnectionsOpenWithTheAppToken_AndOpensTheSocket()
    {
        await using var rig = await SocketModeRig.StartAsync();

        await rig.ConnectionAsync(1);

        var open = Assert.Single(rig.Slack.CallsTo("apps.connections.open"));
        Assert.Equal("POST", open.HttpMethod);
        Assert.Equal("Bearer " + rig.Slack.AppToken, open.Authorization);
        Assert.StartsWith("application/x-www-form-urlencoded", open.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Logs.Lines, l => l.Contains("ticket=", StringComparison.Ordinal) || l.Contains(rig.Slack.AppToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlashCommand_IsAnsweredInTheAcknowledgement()
    {
        await using var rig = await SocketModeRig.StartAsync();
        var socket = await rig.ConnectionAsync(1);

        var ack = await socket.DeliverAsync("slash_commands", Payloads.SlashCommand("list mine"), envelopeId: "env-1", acceptsResponsePayload: true).WaitAsync(Timeout);

        Assert.Equal("env-1", (string?)ack["envelope_id"]);
        Assert.Equal("echo: list mine", (string?)ack["payload"]!["text"]);
        var command = Assert.Single(rig.Handler.Commands);
        Assert.Equal(("T1", "C1", "U1", "/promise"), (command.TeamId, command.ChannelId, command.UserId, command.Command));
        Assert.Equal("13345224609.738474920.8088930838d88f008e0", command.TriggerId);
    }

    [Fact]
    public async Task Response_WhenTheEnvelopeDoesNotAcceptOne_IsLeftOut()
    {
        await using var rig = await SocketModeRig.StartAsync();
        var socket = await rig.ConnectionAsync(1);

        var ack = await socket.DeliverAsync("slash_commands", Payloads.SlashCommand("list"), acceptsResponsePayload: false).WaitAsync(Timeout);

        Assert.Single(rig.Handler.Commands);
        Assert.False(ack.ContainsKey("payload"));
    }

    [Fact]
    public async Task SlashCommand_WithoutAUser_IsAcknowledgedButNotHandled()
    {
        await using var rig = await SocketModeRig.StartAsync();
        var socket = await rig.ConnectionAsync(1);
        var payload = Payloads.SlashCommand("list");
        payload.Remove("user_id");

        var ack = await socket.DeliverAsync("slash_commands", payload, acceptsResponsePayload: true).WaitAsync(Timeout);

        Assert.False(ack.ContainsKey("payload"));
        Assert.Empty(rig.Handler.Commands);
    }

    [Fact]
    public async Task SlowSlashCommand_IsAcknowledgedEmptyAtTheDeadline_AndItsAnswerIsHandedBackLate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingHandler { Gate = gate.Task };
        await using var rig = await SocketModeRig.StartAsync(SocketModeRig.FastSettings(ackDeadline: TimeSpan.FromMilliseconds(100)), handler: handler);
        var socket = await rig.ConnectionAsync(1);

        var ack = await socket.DeliverAsync("slash_commands", Payloads.SlashCommand("list"), acceptsResponsePayload: true).WaitAsync(Timeout);

        Assert.False(ack.ContainsKey("payload"));
        Assert.False(gate.Task.IsCompleted, "the ack went out while the handler was still running");
        gate.SetResult();
        await rig.Client.WhenIdleAsync().WaitAsync(Timeout);
        Assert.Contains(rig.Logs.Lines, l => l.Contains("acknowledged without a reply", StringComparison.Ordinal));
        var (command, reply) = Assert.Single(handler.LateReplies);
        Assert.Equal("list", command.Text);
        Assert.Equal("echo: list", (string?)reply["text"]);
    }

    [Fact]
    public async Task Event_IsHandedOverBeforeItIsAcknowledged()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingHandler { Gate = gate.Task };
        await using var rig = await SocketModeRig.StartAsync(handler: handler);
        var socket = await rig.ConnectionAsync(1);

        var acked = socket.DeliverAsync("events_api", Payloads.DirectMessage("Ev1", "list mine"), envelopeId: "env-ev-1");
        await handler.Entered.Task.WaitAsync(Timeout);
        Assert.False(acked.IsCompleted, "acknowledged before the event was taken over");
        gate.SetResult();
        var ack = await acked.WaitAsync(Timeout);

        Assert.Equal("env-ev-1", (string?)ack["envelope_id"]);
        Assert.False(ack.ContainsKey("payload"));
        var message = Assert.IsType<SlackEvent.Message>(Assert.Single(handler.Events));
        Assert.Equal(("T1", "Ev1", "D1", "list mine", true), (message.Team, message.EventId, message.Channel, message.Text, message.IsDirect));
    }

    [Fact]
    public async Task AnEventThatCannotBeHandedOver_IsNotAcknowledged_AndItsRedeliveryIsProcessed()
    {
        var handler = new RecordingHandler { FailEvents = 1 };
        await using var rig = await SocketModeRig.StartAsync(handler: handler);
        var socket = await rig.ConnectionAsync(1);

        var lost = await socket.SendEnvelopeAsync("events_api", Payloads.DirectMessage("Ev5", "list mine"), envelopeId: "env-first");
        await handler.Entered.Task.WaitAsync(Timeout);
        await rig.Client.WhenIdleAsync().WaitAsync(Timeout);
        var retryAck = await socket.DeliverAsync("events_api", Payloads.DirectMessage("Ev5", "list mine"), envelopeId: "env-retry", retryAttempt: 1, retryReason: "timeout").WaitAsync(Timeout);

        Assert.Equal("env-retry", (string?)retryAck["envelope_id"]);
        Assert.DoesNotContain(socket.Received, a => (string?)a["envelope_id"] == lost);
        Assert.Single(handler.Events);
        Assert.Contains(rig.Logs.Lines, l => l.Contains("could not be taken over", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSameEventRetriedUnderANewEnvelope_IsProcessedOnce()
    {
        await using var rig = await SocketModeRig.StartAsync();
        var socket = await rig.ConnectionAsync(1);

        await socket.DeliverAsync("events_api", Payloads.DirectMessage("Ev7", "list mine"), envelopeId: "env-a").WaitAsync(Timeout);
        var retryAck = await socket.DeliverAsync("events_api", Payloads.DirectMessage("Ev7", "list mine"), envelopeId: "env-b", retryAttempt: 1, retryReason: "timeout").WaitAsync(Timeout);

        Assert.Equal("env-b", (string?)retryAck["envelope_id"]);
        Assert.Single(rig.Handler.Events);
    }

    [Fact]
    public async Task TheSameEnvelopeDeliveredTwice_IsProcessedOnce_AndAcknowledgedBothTimes()
    {
        await using var rig = await SocketModeRig.StartAsync();
        var socket = await rig.ConnectionAsync(1);

        await socket.DeliverAsync("slash_commands", Payloads.SlashCommand("list"), envelopeId: "env-dup", acceptsResponsePayload: true).WaitAsync(Timeout);
        await socket.SendEnvelopeAsync("slash_commands", Payloads.SlashCommand("list"), envelopeId: "env-dup", acceptsResponsePayload: true, retryAttempt: 1);
        await socket.DeliverAsync("slash_commands", Payloads.SlashCommand("after"), envelopeId: "env-next", acceptsResponsePayload: true).WaitAsync(Timeout);
        await socket.WaitForReceivedAsync(3).WaitAsync(Timeout);

        Assert.Equal(["list", "after"], rig.Handler.Commands.Select(c => c.Text));
        Assert.Equal(2, socket.Received.Count(a => (string?)a["envelope_id"] == "env-dup"));
    }

    [Fact]
    public async Task ARetryOfAnEventNeverSeen_IsProcessed()
    {
        // The first delivery may have found no open socket: then the retry is the only copy.
        await using var rig = await SocketModeRig.StartAsync();
        var socket = await rig.ConnectionAsync(1);

        await socket.DeliverAsync("events_api", Payloads.DirectMessage("Ev9", "list mine"), retryAttempt: 2, retryReason: "timeout").WaitAsync(Timeout);

        Assert.Single(rig.Handler.Events);
    }

    [Fact]
    public async Task Interaction_ResponseRidesOnTheAcknowledgement()
    {
        var handler = new RecordingHandler
        {
            InteractionReply = p => new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { ["due"] = "When is it due?" } },
        };
        await using var rig = await SocketModeRig.StartAsync(handler: handler);
        var socket = await rig.ConnectionAsync(1);

        var ack = await socket.DeliverAsync("interactive", Payloads.ViewSubmission(), acceptsResponsePayload: true).WaitAsync(Timeout);

        Assert.Equal("errors", (string?)ack["payload"]!["response_action"]);
        Assert.Equal("When is it due?", (string?)ack["payload"]!["errors"]!["due"]);
        Assert.Contains("\"callback_id\":\"promise_new\"", Assert.Single(handler.Interactions), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FragmentedMessages_AreReassembled_AndBinaryOnesIgnored()
    {
        await using var rig = await SocketModeRig.StartAsync();
        var socket = await rig.ConnectionAsync(1);
        rig.Slack.SocketMode.FragmentSize = 7;

        await socket.SendBinaryAsync([1, 2, 3]);
        await socket.SendTextAsync("this is not json");
        var ack = await socket.DeliverAsync("slash_commands", Payloads.SlashCommand("add Call Dana back tomorrow 10am ✅"), acceptsResponsePayload: true).WaitAsync(Timeout);

        Assert.Equal("echo: add Call Dana back tomorrow 10am ✅", (string?)ack["payload"]!["text"]);
        Assert.False(socket.Closed.IsCompleted);
        Assert.Single(rig.Slack.SocketMode.Connections);
    }

    [Fact]
    public async Task AnEventHoldingALoneSurrogate_IsAcknowledgedAsMalformed_AndTheConnectionGoesOn()
    {
        await using var rig = await SocketModeRig.StartAsync();
        var socket = await rig.ConnectionAsync(1);

        // Valid JSON whose strings are not text: System.Text.Json throws only when such a string is read.
        await socket.SendTextAsync("""{"type":"events_api","envelope_id":"env-bad","accepts_response_payload":false,"payload":{"type":"event_callback","team_id":"T1","event_id":"Ev\ud800","event":{"type":"message","channel":"D1","channel_type":"im","user":"U1","text":"list \udc00 mine","ts":"1.2"}}}""");
        var ack = await socket.WaitForAckAsync("env-bad").WaitAsync(Timeout);
        var next = await socket.DeliverAsync("events_api", Payloads.DirectMessage("Ev2", "list mine"), envelopeId: "env-good").WaitAsync(Timeout);

        Assert.Equal("env-bad", (string?)ack["envelope_id"]);
        Assert.Equal("env-good", (string?)next["envelope_id"]);
        var message = Assert.IsType<SlackEvent.Message>(Assert.Single(rig.Handler.Events));
        Assert.Equal("Ev2", message.EventId);
    }

    [Fact]
    public async Task UnknownEnvelopeTypes_AreAcknowledged()
    {
        await using var rig = await SocketModeRig.StartAsync();
        var socket = await rig.ConnectionAsync(1);

        var ack = await socket.DeliverAsync("something_new", new JsonObject { ["x"] = 1 }).WaitAsync(Timeout);

        Assert.False(ack.ContainsKey("payload"));
        Assert.Empty(rig.Handler.Commands);
        Assert.Empty(rig.Handler.Events);
    }

    [Fact]
    public async Task Disconnect_OpensAFreshConnectionThenClosesTheOldOne()
    {
        await using var rig = await SocketModeRig.StartAsync();
        var first = await rig.ConnectionAsync(1);

        await first.SendDisconnectAsync("refresh_requested");
        var second = await rig.ConnectionAsync(2);
        var firstClosed = await first.Closed.WaitAsync(Timeout);
        var ack = await second.DeliverAsync("slash_commands", Payloads.SlashCommand("list"), acceptsResponsePayload: true).WaitAsync(Timeout);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, firstClosed);
        Assert.Equal(2, rig.Slack.CallsTo("apps.connections.open").Count);
        Assert.Equal("echo: list", (string?)ack["payload"]!["text"]);
        Assert.False(second.Closed.IsCompleted);
    }

    [Fact]
    public async Task Disconnect_LetsAnEnvelopeInFlightOnTheOldConnectionFinishItsAcknowledgement()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingHandler { Gate = gate.Task };
        await using var rig = await SocketModeRig.StartAsync(handler: handler);
        var first = await rig.ConnectionAsync(1);

        var inFlight = await first.SendEnvelopeAsync("slash_commands", Payloads.SlashCommand("list"), acceptsResponsePayload: true);
        await handler.Entered.Task.WaitAsync(Timeout);
        await first.SendDisconnectAsync("warning");
        await rig.ConnectionAsync(2);
        gate.SetResult();
        var ack = await first.WaitForAckAsync(inFlight).WaitAsync(Timeout);

        Assert.Equal("echo: list", (string?)ack["payload"]!["text"]);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await first.Closed.WaitAsync(Timeout));
    }

    [Fact]
    public async Task ABrokenConnection_IsReplaced()
    {
        await using var rig = await SocketModeRig.StartAsync();
        var first = await rig.ConnectionAsync(1);

        first.Abort();
        var second = await rig.ConnectionAsync(2);
        var ack = await second.DeliverAsync("slash_commands", Payloads.SlashCommand("list"), acceptsResponsePayload: true).WaitAsync(Timeout);

        Assert.Equal("echo: list", (string?)ack["payload"]!["text"]);
        Assert.Equal(2, rig.Slack.CallsTo("apps.connections.open").Count);
    }

    [Fact]
    public async Task ARejectedAppToken_IsRetriedWithBackoff_AndNeverLogged()
    {
        await using var rig = await SocketModeRig.StartAsync(appToken: "xapp-1-not-the-right-one");

        await rig.Slack.WaitForCallAsync("apps.connections.open", 3).WaitAsync(Timeout);
        await rig.StopAsync();

        // This test failed twice in full runs under load and never alone: each check says what the log held.
        var lines = rig.Logs.Lines;
        var log = "log:" + Environment.NewLine + string.Join(Environment.NewLine, lines);
        Assert.Empty(rig.Slack.SocketMode.Connections);
        Assert.True(lines.Any(l => l.Contains("invalid_auth", StringComparison.Ordinal)), log);
        Assert.False(lines.Any(l => l.Contains("xapp-1-not-the-right-one", StringComparison.Ordinal)), log);
        Assert.True(lines.Any(l => l.Contains("next connection attempt", StringComparison.Ordinal)), log);
    }

    [Fact]
    public async Task Stop_FinishesTheEnvelopeInFlight_ThenClosesNormally()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingHandler { Gate = gate.Task };
        await using var rig = await SocketModeRig.StartAsync(handler: handler);
        var socket = await rig.ConnectionAsync(1);
        var envelope = await socket.SendEnvelopeAsync("slash_commands", Payloads.SlashCommand("list"), acceptsResponsePayload: true);
        await handler.Entered.Task.WaitAsync(Timeout);

        var stopping = rig.StopAsync();
        gate.SetResult();
        await stopping;

        var ack = await socket.WaitForAckAsync(envelope).WaitAsync(Timeout);
        Assert.Equal("echo: list", (string?)ack["payload"]!["text"]);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.Closed.WaitAsync(Timeout));
        Assert.Single(rig.Slack.SocketMode.Connections);
    }

    [Fact]
    public async Task NoHello_TheConnectionIsAbandonedAndRetried()
    {
        var settings = new SocketModeSettings
        {
            ReconnectDelay = TimeSpan.FromMilliseconds(20),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
            HelloTimeout = TimeSpan.FromMilliseconds(200),
        };
        await using var rig = await SocketModeRig.StartAsync(settings, arrange: slack => slack.SocketMode.WithoutHello = 1);

        var silent = await rig.ConnectionAsync(1);
        Assert.Null(await silent.Closed.WaitAsync(Timeout));
        var greeted = await rig.ConnectionAsync(2);
        var ack = await greeted.DeliverAsync("slash_commands", Payloads.SlashCommand("list"), acceptsResponsePayload: true).WaitAsync(Timeout);

        Assert.Equal("echo: list", (string?)ack["payload"]!["text"]);
        Assert.Contains(rig.Logs.Lines, l => l.Contains("could not connect", StringComparison.Ordinal));
    }
}
