using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Net.Http.Headers;
using PromiseBot.Host.Composition;
using PromiseBot.Host.Outbox;
using PromiseBot.Slack.Events;
using PromiseBot.Slack.OAuth;
using PromiseBot.Slack.WebApi;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests;

/// <summary>
/// Installing the Slack app in many workspaces, end to end: <c>GET /slack/install</c>, Slack's redirect back to
/// <c>GET /slack/oauth/callback</c> (the browser's part is played by hand: the state from the redirect, the cookie
/// from <c>Set-Cookie</c>), <c>oauth.v2.access</c> on the fake Slack, the encrypted installation in the real SQLite
/// file, and later Web API calls made with that workspace's own token.
/// </summary>
public sealed class SlackOAuthTests : IAsyncLifetime
{
    private const string RedirectUri = "https://bot.example/slack/oauth/callback";
    private const string AuthorizeUrl = "https://slack.test/oauth/v2/authorize";

    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(BotHost.Start);
    private FakeSlackApi _slack = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync(timeProvider: _clock);
        _host = NewHost();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        _db.Dispose();
    }

    private BotHost NewHost(string? botToken = null, string? redirectUri = RedirectUri, bool oauth = true) =>
        new(_db.ConnectionString, _clock, new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = _slack.BaseUrl,
            ["Slack:ClientId"] = oauth ? _slack.ClientId : null,
            ["Slack:ClientSecret"] = oauth ? _slack.ClientSecret : null,
            ["Slack:RedirectUri"] = redirectUri,
            ["Slack:AuthorizeUrl"] = AuthorizeUrl,
            ["Slack:BotToken"] = botToken,
        });

    private static HttpClient Browser(BotHost host, string baseAddress = "http://localhost") =>
        host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(baseAddress) });

    private sealed record Started(HttpStatusCode Status, Uri Location, string State, SetCookieHeaderValue Cookie)
    {
        public Dictionary<string, string> Query => QueryHelpers.ParseQuery(Location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    private static async Task<Started> BeginAsync(BotHost host, string baseAddress = "http://localhost")
    {
        using var browser = Browser(host, baseAddress);
        using var response = await browser.GetAsync("/slack/install");
        var location = response.Headers.Location ?? throw new Xunit.Sdk.XunitException($"No redirect: {(int)response.StatusCode}");
        var cookie = SetCookieHeaderValue.ParseList(response.Headers.GetValues("Set-Cookie").ToList())
            .Single(c => c.Name == SlackInstallEndpoints.StateCookie);
        var state = QueryHelpers.ParseQuery(location.Query)["state"].ToString();
        return new Started(response.StatusCode, location, state, cookie);
    }

    private Task<Started> BeginAsync() => BeginAsync(_host);

    private sealed record Page(int Status, string Html, IReadOnlyList<SetCookieHeaderValue> Cookies);

    private async Task<Page> CallbackAsync(string query, string? cookie)
    {
        using var browser = Browser(_host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/slack/oauth/callback" + query);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", SlackInstallEndpoints.StateCookie + "=" + cookie);
        }

        using var response = await browser.SendAsync(request);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? SetCookieHeaderValue.ParseList(values.ToList()) : [];
        return new Page((int)response.StatusCode, await response.Content.ReadAsStringAsync(), [.. cookies]);
    }

    private Task<Page> CallbackAsync(Started started, string code) =>
        CallbackAsync($"?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(started.State)}", started.State);

    /// <summary>The whole install of one workspace, as a browser would do it.</summary>
    private async Task<Page> InstallAsync(FakeSlackInstall install)
    {
        var started = await BeginAsync();
        var page = await CallbackAsync(started, _slack.IssueCode(install, RedirectUri));
        Assert.True(page.Status == 200, page.Html);
        return page;
    }

    private Task<string?> TokenForAsync(string team) =>
        _host.Services.GetRequiredService<ISlackTokenSource>().GetBotTokenAsync(team, CancellationToken.None).AsTask();

    private async Task<int> PostEventAsync(string team, string eventId, JsonObject @event)
    {
        var body = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = team,
            ["api_app_id"] = "A1",
            ["event_id"] = eventId,
            ["event_time"] = 1795446000,
            ["event"] = @event,
        }.ToJsonString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        SlackSigner.AddHeaders(request, BotHost.Secret, body, _clock.GetUtcNow());
        return (await _host.SendAsync(request)).Status;
    }

    private static JsonObject Mention(string text, string channel) => new()
    {
        ["type"] = "app_mention", ["user"] = "U1", ["text"] = "<@UFAKEBOT> " + text, ["channel"] = channel, ["ts"] = "1795446000.000100",
    };

    private Task<int> ProcessEventsAsync() => _host.Services.GetRequiredService<SlackEventWorker>().ProcessDueAsync(CancellationToken.None);

    /// <summary>Runs the accepted events (the background worker may already have), then sends what is due.</summary>
    private async Task DispatchAsync()
    {
        await ProcessEventsAsync();
        await _host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
    }

    private long Installations() => _host.Count("slack_installations");

    [Fact]
    public async Task Install_RedirectsToSlacksAuthorizePage_WithTheBotScopesAndAFreshStateBoundToACookie()
    {
        var first = await BeginAsync();
        var second = await BeginAsync();

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(AuthorizeUrl, first.Location.GetLeftPart(UriPartial.Path));
        Assert.Equal(_slack.ClientId, first.Query["client_id"]);
        Assert.Equal("commands,chat:write,users:read,im:write,app_mentions:read,im:history,files:write,files:read", first.Query["scope"]);
        Assert.Equal(RedirectUri, first.Query["redirect_uri"]);
        Assert.Matches("^[A-Za-z0-9_-]{43,}$", first.State);
        Assert.NotEqual(first.State, second.State);

        Assert.Equal(first.State, first.Cookie.Value.ToString());
        Assert.True(first.Cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, first.Cookie.SameSite);
        Assert.Equal("/slack/oauth", first.Cookie.Path.ToString());
        Assert.Equal(TimeSpan.FromMinutes(10), first.Cookie.MaxAge);

        // Kept server-side, hashed: two pending states, neither stored as it was handed out.
        using var connection = new SqliteConnection(_db.ConnectionString);
        var stored = connection.Query<string>("SELECT state_hash FROM slack_oauth_states").ToList();
        Assert.Equal(2, stored.Count);
        Assert.DoesNotContain(first.State, stored);
    }

    [Theory]
    [InlineData("http://localhost", null, false)]
    [InlineData("https://localhost", null, true)]
    [InlineData("http://localhost", RedirectUri, true)] // TLS ends at a proxy; the browser is on https
    public async Task TheStateCookie_IsSecureWheneverTheBrowserIsOnHttps(string baseAddress, string? redirectUri, bool secure)
    {
        await using var host = NewHost(redirectUri: redirectUri);

        var started = await BeginAsync(host, baseAddress);

        Assert.Equal(secure, started.Cookie.Secure);
        Assert.Equal(redirectUri is not null, started.Query.ContainsKey("redirect_uri"));
    }

    [Fact]
    public async Task AFullInstall_ExchangesTheCodeWithBasicAuth_StoresTheWorkspace_AndItsMessagesUseItsOwnToken()
    {
        var started = await BeginAsync();
        var code = _slack.IssueCode(new FakeSlackInstall("T9", "Acme <Plumbing> & Co", "xoxb-acme-secret-1", BotUserId: "UACMEBOT"), RedirectUri);

        var page = await CallbackAsync(started, code);

        Assert.Equal(200, page.Status);
        Assert.Contains("PromiseBot is installed in <strong>Acme &lt;Plumbing&gt; &amp; Co</strong>", page.Html);
        Assert.Contains("/promise help", page.Html);
        Assert.DoesNotContain("<Plumbing>", page.Html);
        var exchange = Assert.Single(_slack.CallsTo("oauth.v2.access"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(_slack.ClientId + ":" + _slack.ClientSecret)), exchange.Authorization);
        Assert.Equal((code, RedirectUri), (exchange.Form["code"], exchange.Form["redirect_uri"]));
        Assert.Equal(1, Installations());
        var cleared = Assert.Single(page.Cookies, c => c.Name == SlackInstallEndpoints.StateCookie);
        Assert.True(cleared.Expires < _clock.GetUtcNow() || cleared.MaxAge == TimeSpan.Zero, "the spent state cookie is cleared");

        // A second workspace, then a reply in each: every workspace's message carries its own token.
        await InstallAsync(new FakeSlackInstall("T10", "Globex", "xoxb-globex-secret-2"));
        Assert.Equal(200, await PostEventAsync("T9", "Ev1", Mention("Send the quote to Acme by Friday 5pm", "C9")));
        Assert.Equal(200, await PostEventAsync("T10", "Ev2", Mention("Call Globex back tomorrow 10am", "C10")));
        await DispatchAsync();

        var posts = _slack.CallsTo("chat.postMessage");
        Assert.Equal(2, posts.Count);
        Assert.Equal("Bearer xoxb-acme-secret-1", Assert.Single(posts, p => p.Arg("channel") == "C9").Authorization);
        Assert.Equal("Bearer xoxb-globex-secret-2", Assert.Single(posts, p => p.Arg("channel") == "C10").Authorization);
    }

    [Fact]
    public async Task ACallbackWithoutState_IsRefused_AndNothingIsAskedOrStored()
    {
        var started = await BeginAsync();

        var page = await CallbackAsync("?code=" + _slack.IssueCode(new FakeSlackInstall("T9", "Acme", "xoxb-acme")), started.State);

        Assert.Equal(400, page.Status);
        Assert.Contains("state", page.Html);
        Assert.Empty(_slack.CallsTo("oauth.v2.access"));
        Assert.Equal(0, Installations());
    }

    [Fact]
    public async Task AStateFromAnotherBrowser_IsRefused_WhileItsOwnBrowserCanStillFinish()
    {
        var mine = await BeginAsync();
        var theirs = await BeginAsync();
        var code = _slack.IssueCode(new FakeSlackInstall("T9", "Acme", "xoxb-acme"), RedirectUri);
        var query = $"?code={code}&state={mine.State}";

        var wrongCookie = await CallbackAsync(query, theirs.State);
        var noCookie = await CallbackAsync(query, cookie: null);

        Assert.Equal((400, 400), (wrongCookie.Status, noCookie.Status));
        Assert.Contains("another browser", wrongCookie.Html);
        Assert.Empty(_slack.CallsTo("oauth.v2.access"));
        Assert.Equal(0, Installations());
        Assert.Equal(200, (await CallbackAsync(query, mine.State)).Status);
        Assert.Equal(1, Installations());
    }

    [Fact]
    public async Task AStateThisServerNeverHandedOut_IsRefused()
    {
        var forged = "x" + new string('A', 42);

        var page = await CallbackAsync($"?code={_slack.IssueCode(new FakeSlackInstall("T9", "Acme", "xoxb-acme"))}&state={forged}", forged);

        Assert.Equal(400, page.Status);
        Assert.Contains("did not hand out", page.Html);
        Assert.Empty(_slack.CallsTo("oauth.v2.access"));
        Assert.Equal(0, Installations());
    }

    [Fact]
    public async Task AStateOlderThanTenMinutes_IsRefusedAsExpired()
    {
        var started = await BeginAsync();
        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var page = await CallbackAsync(started, _slack.IssueCode(new FakeSlackInstall("T9", "Acme", "xoxb-acme"), RedirectUri));

        Assert.Equal(400, page.Status);
        Assert.Contains("expired", page.Html);
        Assert.Empty(_slack.CallsTo("oauth.v2.access"));
        Assert.Equal(0, Installations());
    }

    [Fact]
    public async Task AStateUsedOnce_IsRefusedTheSecondTime()
    {
        var started = await BeginAsync();
        var code = _slack.IssueCode(new FakeSlackInstall("T9", "Acme", "xoxb-acme"), RedirectUri);
        Assert.Equal(200, (await CallbackAsync(started, code)).Status);
        await _host.Services.GetRequiredService<ISlackInstallations>().RemoveAsync("T9", CancellationToken.None);

        var replay = await CallbackAsync(started, code);

        Assert.Equal(400, replay.Status);
        Assert.Contains("already used", replay.Html);
        Assert.Single(_slack.CallsTo("oauth.v2.access"));
        Assert.Equal(0, Installations());
    }

    [Fact]
    public async Task CancellingOnSlacksPage_ShowsAFriendlyPage_StoresNothing_AndSpendsTheState()
    {
        var started = await BeginAsync();

        var page = await CallbackAsync($"?error=access_denied&state={started.State}", started.State);

        Assert.Equal(200, page.Status);
        Assert.Contains("Install cancelled", page.Html);
        Assert.Contains("href=\"/slack/install\"", page.Html);
        Assert.Empty(_slack.CallsTo("oauth.v2.access"));
        Assert.Equal(0, Installations());
        var later = await CallbackAsync(started, _slack.IssueCode(new FakeSlackInstall("T9", "Acme", "xoxb-acme"), RedirectUri));
        Assert.Equal(400, later.Status);
    }

    [Fact]
    public async Task WhatSlackOrTheQuerySays_IsShownEncoded_AndACodeSlackRefuses_InstallsNothing()
    {
        var started = await BeginAsync();
        var hostile = await CallbackAsync("?error=" + Uri.EscapeDataString("<script>alert(1)</script>") + "&state=" + started.State, started.State);
        var again = await BeginAsync();

        var refused = await CallbackAsync(again, "code-that-slack-never-issued");

        Assert.Equal(400, hostile.Status);
        Assert.DoesNotContain("<script>", hostile.Html);
        Assert.Contains("&lt;script&gt;", hostile.Html);
        Assert.Equal(400, refused.Status);
        Assert.Contains("invalid_code", refused.Html);
        Assert.Single(_slack.CallsTo("oauth.v2.access"));
        Assert.Equal(0, Installations());
    }

    [Fact]
    public async Task TokensAreEncryptedAtRest_TheRawStringsAreNowhereInTheDatabaseOrItsWal_AndTheKeysLiveBesideIt()
    {
        await InstallAsync(new FakeSlackInstall("T9", "Acme", "xoxe.xoxb-acme-raw-token-77", RefreshToken: "xoxe-1-acme-raw-refresh-77", ExpiresInSeconds: 43200));
        _clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromMinutes(4));
        var rotated = await TokenForAsync("T9");

        Assert.StartsWith("xoxe.xoxb-rotated-", rotated, StringComparison.Ordinal);
        var secrets = new[] { "xoxe.xoxb-acme-raw-token-77", "xoxe-1-acme-raw-refresh-77", rotated!, "xoxb-", "xoxe" };
        var files = new[] { _db.FilePath, _db.FilePath + "-wal" }.Where(File.Exists).ToList();
        Assert.Contains(_db.FilePath + "-wal", files);
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            foreach (var secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"'{secret}' is readable in {Path.GetFileName(file)}");
            }
        }

        using var connection = new SqliteConnection(_db.ConnectionString);
        var stored = connection.QuerySingle<string>("SELECT access_token_protected FROM slack_installations WHERE workspace = 'T9'");
        Assert.False(string.IsNullOrEmpty(stored));
        var keys = Path.Combine(_db.Folder, DataProtectionKeys.FolderName);
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
    }

    [Fact]
    public async Task ARotatingToken_IsRefreshedFiveMinutesBeforeItExpires_AndTheNewPairSurvivesARestart()
    {
        await InstallAsync(new FakeSlackInstall("T9", "Acme", "xoxe.xoxb-acme-1", RefreshToken: "xoxe-1-acme-1", ExpiresInSeconds: 43200));

        _clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromMinutes(6));
        Assert.Equal("xoxe.xoxb-acme-1", await TokenForAsync("T9"));
        Assert.Single(_slack.CallsTo("oauth.v2.access"));

        _clock.Advance(TimeSpan.FromMinutes(2));
        var rotated = await TokenForAsync("T9");

        var refresh = _slack.CallsTo("oauth.v2.access")[1];
        Assert.Equal(("refresh_token", "xoxe-1-acme-1"), (refresh.Form["grant_type"], refresh.Form["refresh_token"]));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(_slack.ClientId + ":" + _slack.ClientSecret)), refresh.Authorization);
        Assert.NotEqual("xoxe.xoxb-acme-1", rotated);
        Assert.Equal("T9", _slack.WorkspaceOfToken(rotated!));

        // Past the old token's expiry the fake rejects it; the outbox still gets through with the new one.
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(200, await PostEventAsync("T9", "Ev1", Mention("Send the quote to Acme by Friday 5pm", "C9")));
        await DispatchAsync();
        Assert.Equal("Bearer " + rotated, Assert.Single(_slack.CallsTo("chat.postMessage")).Authorization);

        // A restarted host reads the refreshed pair with the keys beside the database; nothing is refreshed again.
        await _host.DisposeAsync();
        _host = NewHost();
        Assert.Equal(rotated, await TokenForAsync("T9"));
        Assert.Equal(2, _slack.CallsTo("oauth.v2.access").Count);
    }

    [Fact]
    public async Task ConcurrentCallsForAnExpiringToken_RefreshItOnce()
    {
        await InstallAsync(new FakeSlackInstall("T9", "Acme", "xoxe.xoxb-acme-1", RefreshToken: "xoxe-1-acme-1", ExpiresInSeconds: 43200));
        Assert.Equal("xoxe.xoxb-acme-1", await TokenForAsync("T9")); // cached: every caller below starts from it
        _clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromMinutes(1));
        _slack.Hold("oauth.v2.access");

        var callers = Enumerable.Range(0, 5).Select(_ => Task.Run(() => TokenForAsync("T9"))).ToList();
        await _slack.WaitForCallAsync("oauth.v2.access", count: 2).WaitAsync(TimeSpan.FromSeconds(30));
        _slack.Release("oauth.v2.access");
        var tokens = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, _slack.CallsTo("oauth.v2.access").Count);
        Assert.Single(tokens.Distinct());
        Assert.StartsWith("xoxe.xoxb-rotated-", tokens[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app_uninstalled")]
    [InlineData("tokens_revoked")]
    public async Task UninstallingOrRevokingTheBotToken_DeletesThatWorkspacesInstallationOnly(string eventType)
    {
        await InstallAsync(new FakeSlackInstall("T9", "Acme", "xoxb-acme"));
        await InstallAsync(new FakeSlackInstall("T10", "Globex", "xoxb-globex"));
        Assert.Equal("xoxb-acme", await TokenForAsync("T9")); // now cached too
        var @event = new JsonObject { ["type"] = eventType };
        if (eventType == "tokens_revoked")
        {
            @event["tokens"] = new JsonObject { ["bot"] = new JsonArray("UFAKEBOT") };
        }

        Assert.Equal(200, await PostEventAsync("T9", "EvGone", @event));
        await ProcessEventsAsync();

        Assert.Equal(1, Installations());
        Assert.Null(await TokenForAsync("T9"));
        Assert.Equal("xoxb-globex", await TokenForAsync("T10"));
    }

    [Fact]
    public async Task WithABotTokenToo_WorkspacesWithoutAnInstallUseIt()
    {
        await _host.DisposeAsync();
        _host = NewHost(botToken: _slack.BotToken);
        await InstallAsync(new FakeSlackInstall("T9", "Acme", "xoxb-acme"));

        Assert.Equal("xoxb-acme", await TokenForAsync("T9"));
        Assert.Equal(_slack.BotToken, await TokenForAsync("T1"));
    }

    [Fact]
    public async Task AnOrgWideInstall_IsKeyedByTheEnterprise_AndItsWorkspacesFallBackToIt()
    {
        await InstallAsync(new FakeSlackInstall(null, null, "xoxb-grid", EnterpriseId: "E1", EnterpriseName: "Grid Co", IsEnterpriseInstall: true));
        var tokens = _host.Services.GetRequiredService<SlackInstallationTokens>();

        Assert.Equal("xoxb-grid", await TokenForAsync("E1"));
        Assert.Equal("xoxb-grid", await tokens.GetBotTokenAsync("T-IN-GRID", "E1", CancellationToken.None));
        Assert.Null(await tokens.GetBotTokenAsync("T-ELSEWHERE", "E2", CancellationToken.None));
    }

    [Fact]
    public async Task AWorkspaceSeenWithItsOrg_UsesTheOrgWideToken_AlsoForMessagesItSendsOnItsOwnAfterARestart()
    {
        await InstallAsync(new FakeSlackInstall(null, null, "xoxb-grid", EnterpriseId: "E1", EnterpriseName: "Grid Co", IsEnterpriseInstall: true));
        Assert.Null(await TokenForAsync("T-GRID"));

        // A slash command from a workspace of the org carries both ids.
        var form = new Dictionary<string, string>
        {
            ["team_id"] = "T-GRID", ["enterprise_id"] = "E1", ["channel_id"] = "C1", ["user_id"] = "U1", ["command"] = "/promise",
            ["text"] = "list", ["trigger_id"] = "grid.1", ["api_app_id"] = "A1",
        };
        var body = await new FormUrlEncodedContent(form).ReadAsStringAsync();
        Assert.Equal(200, (await _host.PostSignedAsync(body, _clock.GetUtcNow())).Status);

        Assert.Equal("xoxb-grid", await TokenForAsync("T-GRID"));
        await _host.DisposeAsync();
        _host = NewHost(botToken: null, oauth: true);
        Assert.Equal("xoxb-grid", await TokenForAsync("T-GRID"));
        Assert.Null(await TokenForAsync("T-OTHER"));
    }

    [Fact]
    public async Task ManyInstallStartsFromOneAddress_AreRefusedWith429_BeforeAnyStateIsStored()
    {
        for (var i = 0; i < SlackInstallEndpoints.InstallsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await BeginAsync()).Status);
        }

        var states = _host.Count("slack_oauth_states");
        using var browser = Browser(_host);
        using var refused = await browser.GetAsync("/slack/install");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(states, _host.Count("slack_oauth_states"));
    }

    [Fact]
    public async Task WithoutClientCredentials_TheInstallEndpointsAreOff_AndNoKeysAreCreated()
    {
        await _host.DisposeAsync();
        _host = NewHost(botToken: _slack.BotToken, oauth: false);
        using var browser = Browser(_host);

        using var install = await browser.GetAsync("/slack/install");
        using var callback = await browser.GetAsync("/slack/oauth/callback?code=x&state=y");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (install.StatusCode, callback.StatusCode));
        Assert.Equal(_slack.BotToken, await TokenForAsync("T9"));
        Assert.False(Directory.Exists(Path.Combine(_db.Folder, DataProtectionKeys.FolderName)));
    }
}
