using System.Text;
using Microsoft.Extensions.Options;
using PromiseBot.Slack.OAuth;
using PromiseBot.Slack.WebApi;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Slack.Tests.OAuth;

/// <summary><c>oauth.v2.access</c> against the fake Slack: Basic client credentials, form fields, and what is read back.</summary>
public sealed class SlackOAuthClientTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private SlackOAuthClient Client(string? secret = null) => new(_http, Options.Create(new SlackOptions
    {
        ApiBaseUrl = _slack.BaseUrl,
        ClientId = _slack.ClientId,
        ClientSecret = secret ?? _slack.ClientSecret,
    }));

    [Fact]
    public async Task ExchangeCode_SendsBasicClientCredentialsAndTheCodeAsAForm_AndReadsTheInstall()
    {
        var code = _slack.IssueCode(new FakeSlackInstall("T9", "Acme", "xoxb-acme-1", BotUserId: "UACMEBOT", EnterpriseId: "E1", EnterpriseName: "Acme Group"),
            redirectUri: "https://bot.example/slack/oauth/callback");

        var access = await Client().ExchangeCodeAsync(code, "https://bot.example/slack/oauth/callback", CancellationToken.None);

        var call = Assert.Single(_slack.CallsTo("oauth.v2.access"));
        Assert.Equal("POST", call.HttpMethod);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(_slack.ClientId + ":" + _slack.ClientSecret)), call.Authorization);
        Assert.Equal(code, call.Form["code"]);
        Assert.Equal("https://bot.example/slack/oauth/callback", call.Form["redirect_uri"]);
        Assert.Equal(("xoxb-acme-1", "T9", "Acme", "E1", "UACMEBOT", false), (access.AccessToken, access.TeamId, access.TeamName, access.EnterpriseId, access.BotUserId, access.IsEnterpriseInstall));
        Assert.Equal("T9", access.InstallationKey);
        Assert.Null(access.RefreshToken);
        Assert.DoesNotContain("xoxb-acme-1", access.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExchangeCode_OrgWideInstall_IsKeyedByTheEnterprise()
    {
        var code = _slack.IssueCode(new FakeSlackInstall(null, null, "xoxb-org", EnterpriseId: "E77", EnterpriseName: "Globex Grid", IsEnterpriseInstall: true));

        var access = await Client().ExchangeCodeAsync(code, null, CancellationToken.None);

        Assert.Equal(("E77", "Globex Grid", true, (string?)null), (access.InstallationKey, access.DisplayName, access.IsEnterpriseInstall, access.TeamId));
        Assert.False(_slack.CallsTo("oauth.v2.access")[0].Form.ContainsKey("redirect_uri"));
    }

    [Fact]
    public async Task ExchangeCode_WrongSecretOrASpentCode_IsSlacksError()
    {
        var code = _slack.IssueCode(new FakeSlackInstall("T9", "Acme", "xoxb-acme-1"));

        var badSecret = await Assert.ThrowsAsync<SlackApiException>(() => Client(secret: "wrong").ExchangeCodeAsync(code, null, CancellationToken.None));
        await Client().ExchangeCodeAsync(code, null, CancellationToken.None);
        var spent = await Assert.ThrowsAsync<SlackApiException>(() => Client().ExchangeCodeAsync(code, null, CancellationToken.None));

        Assert.Equal("bad_client_secret", badSecret.Error);
        Assert.Equal("invalid_code", spent.Error);
    }

    [Fact]
    public async Task Refresh_SendsGrantTypeAndRefreshToken_AndReturnsTheNewPair()
    {
        var code = _slack.IssueCode(new FakeSlackInstall("T9", "Acme", "xoxe.xoxb-acme-1", RefreshToken: "xoxe-1-acme", ExpiresInSeconds: 43200));
        var first = await Client().ExchangeCodeAsync(code, null, CancellationToken.None);

        var refreshed = await Client().RefreshAsync(first.RefreshToken!, CancellationToken.None);

        var call = _slack.CallsTo("oauth.v2.access")[1];
        Assert.StartsWith("Basic ", call.Authorization, StringComparison.Ordinal);
        Assert.Equal(("refresh_token", "xoxe-1-acme"), (call.Form["grant_type"], call.Form["refresh_token"]));
        Assert.Equal(43200, first.ExpiresInSeconds);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.NotEqual(first.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(("T9", 43200), (refreshed.TeamId, refreshed.ExpiresInSeconds));
        Assert.Equal("T9", _slack.WorkspaceOfToken(refreshed.AccessToken));
    }

    [Fact]
    public void TheInstallAsksForExactlyTheManifestsBotScopes()
    {
        var manifest = File.ReadAllText(Path.Combine(PlatformValidators.RepoRoot, "manifests", "slack", "manifest.yaml"));
        var scopes = manifest.Split('\n')
            .SkipWhile(l => l.Trim() != "bot:").Skip(1)
            .Select(l => l.Trim()).Where(l => !l.StartsWith('#'))
            .TakeWhile(l => l.StartsWith("- ", StringComparison.Ordinal))
            .Select(l => l[2..]);

        Assert.Equal(scopes, SlackScopes.Bot);
    }
}
