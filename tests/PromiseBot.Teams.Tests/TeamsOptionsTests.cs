namespace PromiseBot.Teams.Tests;

public sealed class TeamsOptionsTests
{
    [Fact]
    public void TokenEndpoint_DefaultsToTheTenantsEntraEndpoint()
    {
        var options = new TeamsOptions { AppId = "app", TenantId = "contoso-tenant" };

        Assert.Equal("https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token", options.ResolvedTokenEndpoint);
        Assert.True(options.IsConfigured);
    }

    [Fact]
    public void TokenEndpoint_ConfiguredValueWins_AndNoAppIdMeansNotConfigured()
    {
        var options = new TeamsOptions { TokenEndpoint = "http://127.0.0.1:5999/token" };

        Assert.Equal("http://127.0.0.1:5999/token", options.ResolvedTokenEndpoint);
        Assert.False(options.IsConfigured);
    }
}
