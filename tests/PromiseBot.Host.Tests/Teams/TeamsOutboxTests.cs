using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using PromiseBot.Teams.Cards;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Host.Outbox;
using PromiseBot.Storage;
using PromiseBot.Storage.Outbox;
using PromiseBot.Teams;
using PromiseBot.Teams.Connector;
using PromiseBot.Teams.Messaging;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Host.Tests.Teams;

/// <summary>Teams rows through the real outbox (SQLite) and dispatcher, to the fake Bot Connector and token endpoint.</summary>
public sealed class TeamsOutboxTests : IAsyncLifetime
{
    private const string Channel = "19:general@thread.tacv2";
    private static readonly WorkspaceId Tenant = new("teams:tenant-1");

    private readonly TempDatabase _temp = new();
    private readonly HttpClient _http = new();
    private readonly InMemoryConversationReferences _references = new();
    private readonly FakeTimeProvider _clock = new(BotHost.Start);
    private FakeTokenEndpoint _tokens = null!;
    private FakeBotConnector _connector = null!;
    private SqliteWriter _writer = null!;
    private SqlOutbox _outbox = null!;
    private OutboxDispatcher _dispatcher = null!;
    private BotFrameworkTokenClient _tokenClient = null!;

    private Instant Now => Instant.FromDateTimeOffset(_clock.GetUtcNow());

    public async Task InitializeAsync()
    {
        _tokens = await FakeTokenEndpoint.StartAsync();
        _connector = await FakeBotConnector.StartAsync();
        var options = new SqliteOptions { ConnectionString = _temp.ConnectionString };
        var database = new SqliteDatabase(options);
        Migrator.Apply(database, _clock);
        _writer = new SqliteWriter(database, options);
        var signal = new OutboxSignal();
        _outbox = new SqlOutbox(database, _writer, signal);
        _tokenClient = new BotFrameworkTokenClient(_http, Options.Create(new TeamsOptions
        {
            AppId = _tokens.ClientId,
            AppPassword = _tokens.ClientSecret,
            TokenEndpoint = _tokens.TokenUrl,
        }), _clock);
        var messenger = new TeamsMessenger(
            new BotConnectorClient(_http, _tokenClient), _references, new AdaptiveCardRenderer(), new PromiseBot.Storage.Files.SqlHeldFileStore(database, _writer), _clock, NullLogger<TeamsMessenger>.Instance);
        _dispatcher = new OutboxDispatcher(
            _outbox, signal, new OutboxMessengers([messenger]), new AlwaysWanted(), new OutboxDispatchSettings(), _clock,
            NullLogger<OutboxDispatcher>.Instance);
        await _references.UpsertAsync(
            new ConversationReference(Tenant, Channel, "channel", _connector.ServiceUrl, "tenant-1", "28:bot", null, null, Now),
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _dispatcher.Dispose();
        await _writer.DisposeAsync();
        _tokenClient.Dispose();
        await _connector.DisposeAsync();
        await _tokens.DisposeAsync();
        _http.Dispose();
        _temp.Dispose();
    }

    private OutboundMessage Message(string key, DestinationKind kind = DestinationKind.Channel, string address = Channel) =>
        new(new Destination(ChatPlatform.Teams, Tenant, kind, address),
            new Reply(ReplyVisibility.Channel, ReplyTone.Info, "Digest " + key, [new TextBlock(new PlainRun("Due soon: " + key))]),
            key, Now);

    private async Task<OutboxRow> RowAsync(string key) =>
        (await _outbox.GetAsync(Tenant, key, CancellationToken.None)) ?? throw new InvalidOperationException("no row " + key);

    [Fact]
    public async Task WithoutATeamsMessenger_ATeamsRowIsFailedWithTheReason_WhileAWaitingSlackRowStaysPending()
    {
        // A host without Teams__AppId and without the local mode: nothing could ever send the Teams row.
        var messengers = new OutboxMessengers([], waiting: [ChatPlatform.Slack]);
        using var dispatcher = new OutboxDispatcher(_outbox, new OutboxSignal(), messengers, new AlwaysWanted(), new OutboxDispatchSettings(), _clock,
            NullLogger<OutboxDispatcher>.Instance);
        var slackWorkspace = new WorkspaceId("T1");
        await _outbox.EnqueueAsync(
            [
                Message("teams-reply"),
                new OutboundMessage(new Destination(ChatPlatform.Slack, slackWorkspace, DestinationKind.Channel, "C1"),
                    new Reply(ReplyVisibility.Channel, ReplyTone.Info, "hello", [new TextBlock(new PlainRun("hello"))]), "slack-reply", Now),
            ],
            CancellationToken.None);

        Assert.Equal([ChatPlatform.Teams, ChatPlatform.Playground], messengers.Unserved);
        Assert.Equal(1, await dispatcher.DispatchDueAsync(CancellationToken.None));

        var teams = await RowAsync("teams-reply");
        Assert.Equal(OutboxStatus.Failed, teams.Status);
        Assert.StartsWith("no_messenger: Teams is not configured", teams.LastError);
        var slack = await _outbox.GetAsync(slackWorkspace, "slack-reply", CancellationToken.None);
        Assert.Equal(OutboxStatus.Pending, slack!.Status);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Throttled_IsRetriedAfterExactlyRetryAfter_AndDeliveredOnce()
    {
        _connector.RetryAfterSeconds = 4;
        _connector.FailNext(FakeConnectorFailure.Throttled);
        await _outbox.EnqueueAsync([Message("digest:teams:1")], CancellationToken.None);

        await _dispatcher.DispatchDueAsync(CancellationToken.None);
        var deferred = await RowAsync("digest:teams:1");
        _clock.Advance(TimeSpan.FromSeconds(4) - TimeSpan.FromMilliseconds(1));
        await _dispatcher.DispatchDueAsync(CancellationToken.None);
        var stillDeferred = await RowAsync("digest:teams:1");
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await _dispatcher.DispatchDueAsync(CancellationToken.None);
        await _dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal((OutboxStatus.Pending, "ratelimited"), (deferred.Status, deferred.LastError));
        Assert.Equal(OutboxStatus.Pending, stillDeferred.Status);
        var row = await RowAsync("digest:teams:1");
        Assert.Equal((OutboxStatus.Sent, "activity-1", Channel), (row.Status, row.MessageId, row.Conversation));
        Assert.Equal(2, _connector.CallsTo("send").Count);
        Assert.All(_connector.Calls, c => Assert.Equal("Bearer fake-access-token-1", c.Authorization));
    }

    [Theory]
    [InlineData(FakeConnectorFailure.PreconditionFailed)]
    [InlineData(FakeConnectorFailure.BadGateway)]
    [InlineData(FakeConnectorFailure.GatewayTimeout)]
    public async Task RetryableFailure_IsRetriedWithBackoff_AndDeliveredOnce(FakeConnectorFailure failure)
    {
        _connector.FailNext(failure);
        await _outbox.EnqueueAsync([Message("digest:teams:2")], CancellationToken.None);

        await _dispatcher.DispatchDueAsync(CancellationToken.None);
        var retrying = await RowAsync("digest:teams:2");
        _clock.Advance(retrying.NextAttemptAt.ToDateTimeOffset() - _clock.GetUtcNow());
        await _dispatcher.DispatchDueAsync(CancellationToken.None);
        await _dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal((OutboxStatus.Pending, 1), (retrying.Status, retrying.Attempts));
        Assert.Equal(OutboxStatus.Sent, (await RowAsync("digest:teams:2")).Status);
        Assert.Equal(2, _connector.CallsTo("send").Count);
    }

    [Fact]
    public async Task DirectMessageToUserWhoBlockedTheBot_FailsForGood_AndTheUserIsMarkedUnreachable()
    {
        _connector.BlockUser("29:ana");
        await _outbox.EnqueueAsync([Message("escalation:3:reminder", DestinationKind.User, "29:ana")], CancellationToken.None);

        await _dispatcher.DispatchDueAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(1));
        await _dispatcher.DispatchDueAsync(CancellationToken.None);

        var row = await RowAsync("escalation:3:reminder");
        Assert.Equal((OutboxStatus.Failed, TeamsMessenger.MessageWritesBlocked), (row.Status, row.LastError));
        Assert.Single(_connector.Calls);
        Assert.False(await _references.IsUserReachableAsync(Tenant, "29:ana", CancellationToken.None));
    }

    [Fact]
    public async Task Host_WithTeamsAppId_SendsTeamsRows_WithoutIt_LeavesThemOut()
    {
        using var db = new TempDatabase();
        using var withTeams = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Teams:AppId"] = _tokens.ClientId,
            ["Teams:AppPassword"] = _tokens.ClientSecret,
            ["Teams:TokenEndpoint"] = _tokens.TokenUrl,
        });
        using var configured = withTeams.WithWebHostBuilder(b => b.ConfigureTestServices(
            s => s.AddSingleton<IConversationReferenceStore>(_references)));
        using var without = new BotHost(db.ConnectionString);

        var teams = configured.Services.GetRequiredService<OutboxMessengers>().For(ChatPlatform.Teams);
        var none = without.Services.GetRequiredService<OutboxMessengers>().For(ChatPlatform.Teams);

        Assert.IsType<TeamsMessenger>(teams);
        Assert.Null(none);
    }
}
