using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Host.Outbox;
using PromiseBot.Slack;
using PromiseBot.Slack.Messaging;
using PromiseBot.Slack.Rendering;
using PromiseBot.Slack.WebApi;
using PromiseBot.Storage;
using PromiseBot.Storage.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Outbox;

/// <summary>
/// The outbox pieces wired by hand on a real SQLite file and the fake Slack API, with the dispatcher not started:
/// tests drive it with <see cref="OutboxDispatcher.DispatchDueAsync"/> and the fake clock.
/// </summary>
internal sealed class OutboxRig : IAsyncDisposable
{
    public static readonly WorkspaceId Team = new("T1");

    private readonly TempDatabase _temp = new();
    private readonly HttpClient _http = new();

    private OutboxRig(FakeSlackApi slack, IDeliveryGuardCheck? guard, OutboxDispatchSettings? settings)
    {
        Slack = slack;
        var options = new SqliteOptions { ConnectionString = _temp.ConnectionString };
        var database = new SqliteDatabase(options);
        Migrator.Apply(database, Clock);
        Writer = new SqliteWriter(database, options);
        var signal = new OutboxSignal();
        Outbox = new SqlOutbox(database, Writer, signal);
        var client = new SlackWebApiClient(_http, Options.Create(new SlackOptions { ApiBaseUrl = slack.BaseUrl, BotToken = slack.BotToken }));
        Dispatcher = new OutboxDispatcher(
            Outbox,
            signal,
            new OutboxMessengers([new SlackMessenger(client, new BlockKitRenderer())]),
            guard ?? new AlwaysWanted(),
            settings ?? new OutboxDispatchSettings(),
            Clock,
            NullLogger<OutboxDispatcher>.Instance);
    }

    public FakeTimeProvider Clock { get; } = new(BotHost.Start);

    public FakeSlackApi Slack { get; }

    public SqliteWriter Writer { get; }

    public SqlOutbox Outbox { get; }

    public OutboxDispatcher Dispatcher { get; }

    public Instant Now => Instant.FromDateTimeOffset(Clock.GetUtcNow());

    public static async Task<OutboxRig> StartAsync(int seed = 1, IDeliveryGuardCheck? guard = null, OutboxDispatchSettings? settings = null) =>
        new(await FakeSlackApi.StartAsync(seed), guard, settings);

    /// <summary>A message whose text carries its key, so the fake's recorded calls can be matched to rows.</summary>
    public OutboundMessage Message(string key, string address = "C1", DestinationKind kind = DestinationKind.Channel, DeliveryGuard? guard = null) =>
        new(new Destination(ChatPlatform.Slack, Team, kind, address),
            new Reply(ReplyVisibility.Channel, ReplyTone.Info, "Digest " + key, [new TextBlock(new PlainRun("Due soon: " + key))]),
            key, Now, guard);

    public Task<int> DispatchAsync() => Dispatcher.DispatchDueAsync(CancellationToken.None);

    public async Task<OutboxRow> RowAsync(string key) =>
        (await Outbox.GetAsync(Team, key, CancellationToken.None)) ?? throw new InvalidOperationException("no row " + key);

    public async Task<IReadOnlyList<OutboxRow>> RowsAsync() => await Outbox.ListAsync(Team, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Dispatcher.Dispose();
        await Writer.DisposeAsync();
        await Slack.DisposeAsync();
        _http.Dispose();
        _temp.Dispose();
    }
}
