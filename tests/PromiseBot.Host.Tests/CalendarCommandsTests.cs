using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Messages;
using PromiseBot.Host.Outbox;
using PromiseBot.Host.Tests.Teams;
using PromiseBot.Teams.Cards;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;
using PromiseBot.Testing.Teams.Auth;

namespace PromiseBot.Host.Tests;

/// <summary>
/// The <c>calendar</c> commands end to end on every surface, through the one command path: Slack slash commands,
/// mentions and DMs, Teams messages and the playground, on a real SQLite file.
/// </summary>
public sealed class CalendarCommandsTests : IAsyncLifetime
{
    private const string BotUser = "U0BOT";
    private readonly TempDatabase _db = new();
    private FakeSlackApi _slack = null!;
    private FakeOpenIdServer _openId = null!;
    private BotHost _host = null!;
    private TeamsTraffic _teams = null!;

    public async Task InitializeAsync()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(BotHost.Start);
        _slack = await FakeSlackApi.StartAsync();
        _openId = await FakeOpenIdServer.StartAsync(TeamsTraffic.AppId, clock);
        var settings = TeamsTraffic.Settings(_openId);
        settings["Slack:BotToken"] = _slack.BotToken;
        settings["Slack:ApiBaseUrl"] = _slack.BaseUrl;
        _host = new BotHost(_db.ConnectionString, clock, settings);
        _teams = new TeamsTraffic(_host, _openId);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _openId.DisposeAsync();
        await _slack.DisposeAsync();
        _db.Dispose();
    }

    private SqliteConnection Db()
    {
        var c = new SqliteConnection(_db.ConnectionString);
        c.Open();
        return c;
    }

    private long Scalar(string sql, object? args = null)
    {
        using var c = Db();
        return c.ExecuteScalar<long>(sql, args);
    }

    [Fact]
    public async Task Slash_SetsSplitShiftHours_StoredAsMinutesForTheWorkspace_AndShowsThem()
    {
        var (status, json, raw) = await _host.CommandAsync("calendar hours mon-fri 08:30-12:00,13:00-17:30");
        var shown = await _host.CommandAsync("calendar");

        Assert.Equal(200, status);
        Assert.Equal("ephemeral", json.Type());
        Assert.Contains("Hours saved: Mon–Fri 08:30–12:00 and 13:00–17:30.", json.AllText());
        Assert.Contains("Mon–Fri 08:30–12:00 and 13:00–17:30, Sat closed, Sun closed", shown.Json.AllText());
        Assert.Contains("America/New_York", shown.Json.AllText());
        using var c = Db();
        var rows = c.Query<(long Weekday, long Open, long Close)>(
            "SELECT weekday, open_minute, close_minute FROM calendar_hours WHERE workspace = 'T1' AND calendar = 'default' ORDER BY weekday, open_minute").AsList();
        Assert.Equal(10, rows.Count);
        Assert.Equal((1L, 510L, 720L), rows[0]);
        Assert.Equal((1L, 780L, 1050L), rows[1]);
        var valid = await PlatformValidators.BlockKitAsync(raw);
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Theory]
    [InlineData("calendar hours mon-fri 17:00-09:00", "ends before it starts")]
    [InlineData("calendar hours mon-fri 09:00-13:00,12:00-17:00", "overlap")]
    [InlineData("calendar hours mon-fri 09:00-25:00", "from 00:00 to 24:00")]
    [InlineData("calendar hours mun-fri 09:00-17:00", "weekday")]
    [InlineData("calendar hours daily closed", "no open hours at all")]
    [InlineData("calendar zone Mars/Olympus", "time zone")]
    [InlineData("calendar holidays import XX", "public holidays of")]
    [InlineData("calendar holiday add 2026-02-30 Nope", "as a date")]
    [InlineData("calendar uk-support hours mon 09:00-17:00", "no calendar called uk-support")]
    [InlineData("calendar remove default", "can't be removed")]
    public async Task Slash_BadInput_IsAFriendlyPrivateRefusalWithAnExample_AndNothingIsStored(string text, string named)
    {
        var (status, json, _) = await _host.CommandAsync(text);

        Assert.Equal(200, status);
        Assert.Equal("ephemeral", json.Type());
        Assert.Contains(named, json.AllText());
        Assert.Matches("Try: `?/promise calendar", json.AllText());
        Assert.Equal(0, _host.Count("calendars"));
        Assert.Equal(0, _host.Count("calendar_hours"));
        Assert.Equal(0, _host.Count("calendar_holidays"));
    }

    [Fact]
    public async Task Slash_HolidayImport_AddsThisYearAndNext_Once()
    {
        var expected = NationalHolidays.For("US", 2026).Count + NationalHolidays.For("US", 2027).Count;

        var first = await _host.CommandAsync("calendar holidays import US");
        var second = await _host.CommandAsync("calendar holidays import US");
        var listed = await _host.CommandAsync("calendar holidays 2027");

        Assert.Contains($"Added {expected} public holidays of the United States for 2026 and 2027", first.Json.AllText());
        Assert.Contains("Thanksgiving", first.Json.AllText());
        Assert.Contains("nothing added", second.Json.AllText());
        Assert.Equal(expected, Scalar("SELECT COUNT(*) FROM calendar_holidays WHERE workspace = 'T1' AND calendar = 'default'"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM calendar_holidays WHERE workspace = 'T1' AND local_date = '2026-12-25'"));
        Assert.Equal(5, Scalar("SELECT COUNT(*) FROM calendar_hours WHERE workspace = 'T1'")); // the default's Mon–Fri 09:00–17:00, stored with it
        Assert.Contains("Independence Day", listed.Json.AllText());
        Assert.DoesNotContain("Thu 26 Nov 2026", listed.Json.AllText());
    }

    [Fact]
    public async Task OnceAManagerIsSet_OthersAreRefused_AndTheManagerMayChange()
    {
        await _host.CommandAsync("config manager <@U9>", user: "U1");

        var refused = await _host.CommandAsync("calendar hours sat 10:00-14:00", user: "U1");
        var looked = await _host.CommandAsync("calendar", user: "U1");
        var allowed = await _host.CommandAsync("calendar hours sat 10:00-14:00", user: "U9");

        Assert.Contains("Only the workspace's manager, <@U9>, can change calendars.", refused.Json.AllText());
        Assert.Contains("Mon–Fri 09:00–17:00, Sat closed, Sun closed", looked.Json.AllText());
        Assert.Contains("Sat 10:00–14:00", allowed.Json.AllText());
        Assert.Equal(6, _host.Count("calendar_hours"));
    }

    [Fact]
    public async Task TheDefaultCalendar_FollowsTheWorkspaceZoneUntilItIsStored()
    {
        await _host.CommandAsync("config timezone Europe/Berlin");

        var shown = await _host.CommandAsync("calendar");

        Assert.Contains("Europe/Berlin (the workspace zone, or yours while config timezone is not set)", shown.Json.AllText());
    }

    [Fact]
    public async Task NamedCalendars_AreKeptPerWorkspace()
    {
        await _host.CommandAsync("calendar new uk-support Europe/London", team: "T1");

        var other = await _host.CommandAsync("calendar uk-support", team: "T2");
        var mine = await _host.CommandAsync("calendar uk-support", team: "T1");

        Assert.Contains("no calendar called uk-support", other.Json.AllText());
        Assert.Contains("Europe/London", mine.Json.AllText());
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM calendars WHERE workspace = 'T1' AND name = 'uk-support' AND time_zone = 'Europe/London'"));
    }

    private static int _nextTs = 500;

    private static string Callback(string eventId, JsonObject @event) => new JsonObject
    {
        ["type"] = "event_callback",
        ["team_id"] = "T1",
        ["api_app_id"] = "A1",
        ["event_id"] = eventId,
        ["event_time"] = 1795446000,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T1", ["user_id"] = BotUser, ["is_bot"] = true }),
        ["event"] = @event,
    }.ToJsonString();

    private static string Ts() => "1795446000.000" + Interlocked.Increment(ref _nextTs).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    private async Task PostEventAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        SlackSigner.AddHeaders(request, BotHost.Secret, body, _host.Clock.GetUtcNow());
        Assert.Equal(200, (await _host.SendAsync(request)).Status);
    }

    private async Task DispatchAsync()
    {
        await _host.Services.GetRequiredService<PromiseBot.Slack.Events.SlackEventWorker>().ProcessDueAsync(CancellationToken.None);
        await _host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task SlackDirectMessageAndMention_RunTheSameCommands()
    {
        await PostEventAsync(Callback("EvCal1", new JsonObject
        {
            ["type"] = "message", ["channel_type"] = "im", ["user"] = "U1", ["text"] = "calendar zone Europe/London", ["channel"] = "D1", ["ts"] = Ts(),
        }));
        await DispatchAsync();
        await PostEventAsync(Callback("EvCal2", new JsonObject
        {
            ["type"] = "app_mention", ["user"] = "U1", ["text"] = $"<@{BotUser}> calendar", ["channel"] = "C1", ["ts"] = Ts(),
        }));
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await DispatchAsync();

        var dm = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal("D1", dm.Arg("channel"));
        Assert.Contains("Time zone saved: Europe/London.", dm.Json.AllText());
        var shown = Assert.Single(_slack.CallsTo("chat.postEphemeral"));
        Assert.Equal("U1", shown.Arg("user"));
        Assert.Contains("Europe/London", shown.Json.AllText());
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM calendars WHERE workspace = 'T1' AND name = 'default' AND time_zone = 'Europe/London'"));
        var valid = await PlatformValidators.BlockKitAsync(dm.RawBody);
        Assert.True(valid.IsValid, valid.ToString());
    }

    [Fact]
    public async Task Teams_NewCalendar_IsStoredForTheTenant_AndTheReplyCardIsValid()
    {
        var activity = _teams.Message("calendar new uk-support Europe/London");

        var (status, _, _) = await _teams.PostAsync(activity);

        Assert.Equal(200, status);
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM calendars WHERE workspace = 'teams:contoso' AND name = 'uk-support' AND time_zone = 'Europe/London'"));
        Assert.Equal(5, Scalar("SELECT COUNT(*) FROM calendar_hours WHERE workspace = 'teams:contoso' AND calendar = 'uk-support'"));
        using var c = Db();
        var message = c.QuerySingle<string>("SELECT message FROM outbox WHERE idempotency_key = @Key AND platform = 'Teams'",
            new { Key = $"teams:reply:teams:act:{activity["conversation"]!["id"]}|{activity["id"]}" });
        var card = new AdaptiveCardRenderer(new TeamsUserNameCache()).RenderCard(ReplyJson.Deserialize(message));
        Assert.Contains("Calendar uk-support made: Mon–Fri 09:00–17:00 in Europe/London.", JsonText.AllStrings(card));
        Assert.Contains("@PromiseBot calendar uk-support hours mon-fri 09:00-17:00", JsonText.AllStrings(card));
        var valid = await PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }
}
