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
/// The outbox pieces wired by hand on a real database (a SQLite file, or a PostgreSQL database of the test server)
/// and the fake Slack API, with the dispatcher not started: tests drive it with
/// <see cref="OutboxDispatcher.DispatchDueAsync"/> and the fake clock. <see cref="AnotherHostAsync"/> adds a second
/// dispatcher on the same PostgreSQL database and the same fake Slack, as a second host has.
/// </summary>
internal sealed class OutboxRig : IAsyncDisposable
{
    public static readonly WorkspaceId Team = new("T1");

    private readonly TempDatabase? _sqliteFile;
    private readonly TempPostgresDatabase? _postgres;
    private readonly bool _ownsDatabase;
    private readonly IDisposable? _database;
    private readonly HttpClient _http = new();

    private OutboxRig(FakeSlackApi slack, IDeliveryGuardCheck? guard, OutboxDispatchSettings? settings, bool postgres, TempPostgresDatabase? shared = null, FakeTimeProvider? clock = null)
    {
        Slack = slack;
        Clock = clock ?? new FakeTimeProvider(BotHost.Start);
        IDatabase database;
        if (postgres)
        {
            _ownsDatabase = shared is null;
            _postgres = shared ?? PostgresServer.CreateDatabase();
            var pg = new PromiseBot.Storage.Postgres.PostgresDatabase(new PromiseBot.Storage.Postgres.PostgresOptions { ConnectionString = _postgres.ConnectionString });
            _database = pg;
            database = pg;
            Writer = new PromiseBot.Storage.Postgres.PostgresWriter(pg);
        }
        else
        {
            _sqliteFile = new TempDatabase();
            var options = new SqliteOptions { ConnectionString = _sqliteFile.ConnectionString };
            var sqlite = new SqliteDatabase(options);
            database = sqlite;
            Writer = new SqliteWriter(sqlite, options);
        }

        Migrator.Apply(database, Clock);
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

    public FakeTimeProvider Clock { get; }

    public FakeSlackApi Slack { get; }

    public IDbWriter Writer { get; }

    public SqlOutbox Outbox { get; }

    public OutboxDispatcher Dispatcher { get; }

    public Instant Now => Instant.FromDateTimeOffset(Clock.GetUtcNow());

    public static async Task<OutboxRig> StartAsync(int seed = 1, IDeliveryGuardCheck? guard = null, OutboxDispatchSettings? settings = null, bool postgres = false) =>
        new(await FakeSlackApi.StartAsync(seed), guard, settings, postgres);

    /// <summary>A second host's dispatcher on this rig's PostgreSQL database, fake Slack and clock.</summary>
    public OutboxRig AnotherHost() =>
        new(Slack, null, null, postgres: true, _postgres ?? throw new InvalidOperationException("another host needs PostgreSQL"), Clock) { SharesSlack = true };

    private bool SharesSlack { get; init; }

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
        switch (Writer)
        {
            case IAsyncDisposable writer:
                await writer.DisposeAsync();
                break;
            case IDisposable writer:
                writer.Dispose();
                break;
        }

        _database?.Dispose();
        if (!SharesSlack)
        {
            await Slack.DisposeAsync();
        }

        _http.Dispose();
        _sqliteFile?.Dispose();
        if (_ownsDatabase)
        {
            _postgres?.Dispose();
        }
    }
}
