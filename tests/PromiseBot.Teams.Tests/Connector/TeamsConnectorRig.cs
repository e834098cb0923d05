using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using PromiseBot.Teams.Cards;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Promises;
using PromiseBot.Teams.Connector;
using PromiseBot.Teams.Messaging;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Teams.Tests.Connector;

/// <summary>The fake token endpoint and fake Bot Connector on 127.0.0.1, with the real clients pointed at them.</summary>
internal sealed class TeamsConnectorRig : IAsyncDisposable
{
    public const string TenantId = "tenant-1";
    public const string BotId = "28:00000000-0000-0000-0000-00000000b07a";
    public const string ChannelConversation = "19:general;messageid=1@thread.tacv2";
    public static readonly WorkspaceId Workspace = new("teams:" + TenantId);

    private readonly HttpClient _tokenHttp = new();
    private readonly HttpClient _connectorHttp = new();

    private TeamsConnectorRig(FakeTokenEndpoint tokenEndpoint, FakeBotConnector connector)
    {
        TokenEndpoint = tokenEndpoint;
        Connector = connector;
        Options = new TeamsOptions
        {
            AppId = tokenEndpoint.ClientId,
            AppPassword = tokenEndpoint.ClientSecret,
            TenantId = TenantId,
            TokenEndpoint = tokenEndpoint.TokenUrl,
        };
        Tokens = new BotFrameworkTokenClient(_tokenHttp, Microsoft.Extensions.Options.Options.Create(Options), Clock);
        Client = new BotConnectorClient(_connectorHttp, Tokens);
        Messenger = new TeamsMessenger(Client, References, new AdaptiveCardRenderer(), HeldFiles, Clock, NullLogger<TeamsMessenger>.Instance);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));

    public FakeTokenEndpoint TokenEndpoint { get; }

    public FakeBotConnector Connector { get; }

    public TeamsOptions Options { get; }

    public BotFrameworkTokenClient Tokens { get; }

    public BotConnectorClient Client { get; }

    public InMemoryConversationReferences References { get; } = new();

    public InMemoryHeldFiles HeldFiles { get; } = new();

    public TeamsMessenger Messenger { get; }

    public static async Task<TeamsConnectorRig> StartAsync(int seed = 1) =>
        new(await FakeTokenEndpoint.StartAsync(), await FakeBotConnector.StartAsync(seed));

    /// <summary>Stores a team channel's reference (service URL without its trailing slash, as some payloads have it).</summary>
    public Task AddChannelAsync(string conversationId = ChannelConversation) =>
        References.UpsertAsync(new ConversationReference(
            Workspace, conversationId, "channel", Connector.ServiceUrl.TrimEnd('/'), TenantId, BotId, null, null,
            Instant.FromDateTimeOffset(Clock.GetUtcNow())), CancellationToken.None);

    public Task AddPersonalAsync(string userId, string conversationId) =>
        References.UpsertAsync(new ConversationReference(
            Workspace, conversationId, "personal", Connector.ServiceUrl, TenantId, BotId, userId, "aad-" + userId,
            Instant.FromDateTimeOffset(Clock.GetUtcNow())), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Tokens.Dispose();
        _tokenHttp.Dispose();
        _connectorHttp.Dispose();
        await Connector.DisposeAsync();
        await TokenEndpoint.DisposeAsync();
    }
}
