using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Slack.Rendering;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.Tests;

public sealed class SlackServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddSlackAdapter_ResolvesEveryServiceAndPointsTheClientAtApiBaseUrl()
    {
        await using var slack = await Testing.Slack.FakeSlackApi.StartAsync();
        slack.AddUser("U1", "Africa/Nairobi");
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<SlackOptions>().Configure(o =>
        {
            o.ApiBaseUrl = slack.BaseUrl;
            o.BotToken = slack.BotToken;
        });
        services.AddSlackAdapter();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(provider.GetRequiredService<BlockKitRenderer>());
        var zone = await provider.GetRequiredService<ISlackUserDirectory>()
            .GetTimeZoneAsync(new("T1"), new("U1"), CancellationToken.None);

        Assert.Equal("Africa/Nairobi", zone);
    }
}
