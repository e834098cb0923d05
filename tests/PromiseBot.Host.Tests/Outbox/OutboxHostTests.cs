using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Host.Outbox;
using PromiseBot.Storage.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Outbox;

public sealed class OutboxHostTests
{
    private static readonly WorkspaceId Team = new("T1");

    private static Dictionary<string, string?> SlackSettings(FakeSlackApi slack) => new()
    {
        ["Slack:BotToken"] = slack.BotToken,
        ["Slack:ApiBaseUrl"] = slack.BaseUrl,
    };

    private static OutboundMessage Message(string key, Instant notBefore, string channel = "C1") =>
        new(new Destination(ChatPlatform.Slack, Team, DestinationKind.Channel, channel),
            new Reply(ReplyVisibility.Channel, ReplyTone.Info, "Digest " + key, [new TextBlock(new PlainRun(key))]),
            key, notBefore);

    [Fact]
    public async Task Restart_MessagesQueuedBeforeStop_AreEachDeliveredOnceByTheNextHost()
    {
        using var db = new TempDatabase();
        await using var slack = await FakeSlackApi.StartAsync();
        var later = Instant.FromDateTimeOffset(BotHost.Start) + Duration.FromMinutes(1);

        await using (var first = new BotHost(db.ConnectionString, settings: SlackSettings(slack)))
        {
            var outbox = first.Services.GetRequiredService<IOutbox>();
            Assert.Equal(3, await outbox.EnqueueAsync([Message("a", later), Message("b", later), Message("c", later, "C2")], CancellationToken.None));
        }

        Assert.Empty(slack.CallsTo("chat.postMessage"));
        await using var second = new BotHost(db.ConnectionString, new FakeTimeProvider(BotHost.Start.AddMinutes(2)), SlackSettings(slack));
        var dispatcher = second.Services.GetRequiredService<OutboxDispatcher>();
        // The enqueue after the restart is a duplicate: the key is already in the table.
        Assert.Equal(0, await second.Services.GetRequiredService<IOutbox>().EnqueueAsync([Message("a", later)], CancellationToken.None));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        second.Clock.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var rows = await second.Services.GetRequiredService<SqlOutbox>().ListAsync(Team, CancellationToken.None);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(["Digest a", "Digest b", "Digest c"], slack.CallsTo("chat.postMessage").Select(c => c.Arg("text")).Order());
    }

    [Fact]
    public async Task BackgroundLoop_NewMessage_GoesOutWithoutWaitingForAPoll()
    {
        using var db = new TempDatabase();
        await using var slack = await FakeSlackApi.StartAsync();
        await using var host = new BotHost(db.ConnectionString, settings: SlackSettings(slack));
        var outbox = host.Services.GetRequiredService<IOutbox>();

        await outbox.EnqueueAsync([Message("now", Instant.FromDateTimeOffset(host.Clock.GetUtcNow()))], CancellationToken.None);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var call = await slack.WaitForCallAsync("chat.postMessage", cancellationToken: timeout.Token);
        Assert.Equal("Digest now", call.Arg("text"));
    }

    [Fact]
    public async Task WithoutBotToken_MessagesStayPendingInsteadOfFailing()
    {
        using var db = new TempDatabase();
        await using var host = new BotHost(db.ConnectionString);
        var outbox = host.Services.GetRequiredService<SqlOutbox>();
        await outbox.EnqueueAsync([Message("waiting", Instant.FromDateTimeOffset(host.Clock.GetUtcNow()))], CancellationToken.None);

        var handled = await host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        Assert.Equal(0, handled);
        Assert.Equal(OutboxStatus.Pending, (await outbox.GetAsync(Team, "waiting", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Composition_RegisteredGuardCheck_WinsOverTheDefault()
    {
        using var db = new TempDatabase();
        await using var host = new BotHost(db.ConnectionString);
        await using var withGuard = host.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IDeliveryGuardCheck, NeverWanted>()));

        Assert.NotNull(host.Services.GetRequiredService<IDeliveryGuardCheck>());
        Assert.IsType<NeverWanted>(withGuard.Services.GetRequiredService<IDeliveryGuardCheck>());
        Assert.IsType<SqlOutbox>(host.Services.GetRequiredService<IOutbox>());
    }

    private sealed class NeverWanted : IDeliveryGuardCheck
    {
        public Task<bool> IsStillWantedAsync(WorkspaceId workspace, DeliveryGuard guard, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
