using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PromiseBot.Core.Messages;
using PromiseBot.Teams.Cards;
using PromiseBot.Teams.Messaging;

namespace PromiseBot.Teams.Tests;

public sealed class TeamsInboundServiceCollectionExtensionsTests
{
    private sealed class PlainRenderer : ITeamsCardRenderer
    {
        public System.Text.Json.Nodes.JsonObject Render(Reply reply) => new() { ["type"] = "AdaptiveCard", ["version"] = "1.0" };
    }

    [Fact]
    public void TheAdaptiveCardRenderer_IsTheCardRenderer_EvenWhenADefaultWasTryAddedFirstOrLater()
    {
        var before = new ServiceCollection();
        before.TryAddSingleton<ITeamsCardRenderer, PlainRenderer>();
        before.AddTeamsInbound();
        var after = new ServiceCollection();
        after.AddTeamsInbound();
        after.TryAddSingleton<ITeamsCardRenderer, PlainRenderer>();

        foreach (var services in new[] { before, after })
        {
            using var provider = services.BuildServiceProvider();
            Assert.IsType<AdaptiveCardRenderer>(provider.GetRequiredService<ITeamsCardRenderer>());
            Assert.Same(provider.GetRequiredService<TeamsUserNameCache>(), provider.GetRequiredService<ITeamsUserNames>());
        }
    }
}
