using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PromiseBot.Teams.Cards;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Teams.Messaging;
using PromiseBot.Teams.Tests.Connector;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Teams.Tests;

public sealed class TeamsConnectorServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConversationReferenceStore, InMemoryConversationReferences>();
        services.AddSingleton<PromiseBot.Core.Files.IHeldFileStore, InMemoryHeldFiles>();
        services.AddTeamsConnector(configuration);
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task AddTeamsConnector_WiresAMessengerThatSendsThroughTheConfiguredEndpoints()
    {
        await using var rig = await TeamsConnectorRig.StartAsync();
        await using var provider = Build(new()
        {
            ["Teams:AppId"] = rig.TokenEndpoint.ClientId,
            ["Teams:AppPassword"] = rig.TokenEndpoint.ClientSecret,
            ["Teams:TokenEndpoint"] = rig.TokenEndpoint.TokenUrl,
        });
        var references = (InMemoryConversationReferences)provider.GetRequiredService<IConversationReferenceStore>();
        await references.UpsertAsync(new ConversationReference(
            TeamsConnectorRig.Workspace, "19:c@thread.tacv2", "channel", rig.Connector.ServiceUrl, TeamsConnectorRig.TenantId,
            TeamsConnectorRig.BotId, null, null, NodaTime.Instant.FromUnixTimeSeconds(0)), CancellationToken.None);

        var messenger = provider.GetRequiredService<TeamsMessenger>();
        var result = await messenger.SendAsync(
            new Destination(ChatPlatform.Teams, TeamsConnectorRig.Workspace, DestinationKind.Channel, "19:c@thread.tacv2"),
            new Reply(ReplyVisibility.Channel, ReplyTone.Info, "hello", [new HeaderBlock("hello")]), CancellationToken.None);

        Assert.IsType<SendResult.Sent>(result);
        Assert.Equal(1, rig.TokenEndpoint.RequestCount);
        Assert.IsType<AdaptiveCardRenderer>(provider.GetRequiredService<ITeamsCardRenderer>());
    }

    [Fact]
    public async Task AddTeamsConnector_ACardRendererRegisteredAfterwards_Wins()
    {
        var renderer = new Moq.Mock<ITeamsCardRenderer>().Object;
        await using var provider = Build(new() { ["Teams:AppId"] = "app", ["Teams:AppPassword"] = "secret" }, s => s.AddSingleton(renderer));

        Assert.Same(renderer, provider.GetRequiredService<ITeamsCardRenderer>());
    }

    [Theory]
    [InlineData(null, null, "Teams:AppPassword")]
    [InlineData("secret", "http://login.example.com/t/oauth2/v2.0/token", "Teams:TokenEndpoint")]
    public async Task AddTeamsConnector_AppIdWithoutPasswordOrWithAnInsecureTokenEndpoint_FailsValidation(string? password, string? endpoint, string named)
    {
        await using var provider = Build(new()
        {
            ["Teams:AppId"] = "app",
            ["Teams:AppPassword"] = password,
            ["Teams:TokenEndpoint"] = endpoint,
        });

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TeamsOptions>>().Value);

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }
}
