using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Host.Playground;
using PromiseBot.Storage;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Playground;

/// <summary>The playground API through the whole app: the real parser, command service, store, scheduler logic and outbox.</summary>
public sealed class PlaygroundTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task CreateListAndAdvancePastTheReminder_PutsTheReminderInTheOwnersDms()
    {
        // The ladder without a buffer (PlaygroundAimTests cover the aim).
        await _host.CommandAsync("config buffer 0%");
        var created = await _host.CommandAsync("/promise add Send the quote to Acme tomorrow for Acme");
        var list = await _host.CommandAsync("list");
        Assert.Empty(await _host.FeedAsync("people/maya/dms"));

        // Due Tue 17:00 New York; the 24 h reminder is Mon 17:00. A day later it is Tue 10:00 there.
        var advanced = await _host.AdvanceAsync(new { days = 1 });

        Assert.Equal("channel", (string)created["visibility"]!);
        Assert.Contains("New promise #1", (string)created["html"]!);
        Assert.Contains("Send the quote to Acme", (string)list["html"]!);
        Assert.Contains("data-action=\"done\" data-number=\"1\"", (string)list["html"]!);
        Assert.True((int)advanced["escalations"]! >= 1);
        var dms = await _host.FeedAsync("people/maya/dms");
        var reminder = Assert.Single(dms);
        Assert.Contains("Reminder", reminder);
        Assert.Contains("Send the quote to Acme", reminder);
        Assert.Contains("data-action=\"ack\"", reminder);
        Assert.Empty(await _host.FeedAsync("people/sam/dms"));
    }

    [Fact]
    public async Task AReminderDm_OfAPromiseDoneSince_OffersNoButtonsAndShowsItDone()
    {
        await _host.CommandAsync("/promise add Send the quote to Acme tomorrow for Acme");
        await _host.AdvanceAsync(new { days = 1 });
        var before = Assert.Single(await _host.FeedAsync("people/maya/dms"));
        Assert.Contains("data-action=\"done\" data-number=\"1\"", before);

        await _host.CommandAsync("done 1");

        var after = Assert.Single(await _host.FeedAsync("people/maya/dms"));
        Assert.Contains("Send the quote to Acme", after);
        Assert.DoesNotContain("data-action=\"done\"", after);
        Assert.DoesNotContain("data-action=\"ack\"", after);
        Assert.Contains("state-done", after);
    }

    [Fact]
    public async Task AdvancingPastTheDigestTime_PostsTheDigestIntoTheChannelFeed()
    {
        await _host.CommandAsync("Call back Globex tomorrow 3pm");

        // Mon 10:00 New York + 1 day crosses #general's seeded 09:00 digest.
        var advanced = await _host.AdvanceAsync(new { days = 1 });

        Assert.Equal(1, (int)advanced["digests"]!);
        var feed = await _host.FeedAsync("channels/general/feed");
        Assert.Contains(feed, item => item.Contains("Call back Globex", StringComparison.Ordinal) && item.Contains("r-line", StringComparison.Ordinal)
            && !item.Contains("New promise", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DigestCommand_PostsIntoTheChannelFeedAtOnce()
    {
        await _host.CommandAsync("Ship the replacement part in 3 hours", channel: "support");

        var reply = await _host.CommandAsync("/promise digest", channel: "support");

        Assert.Equal("private", (string)reply["visibility"]!);
        var feed = await _host.FeedAsync("channels/support/feed");
        Assert.Contains(feed, item => item.Contains("Ship the replacement part", StringComparison.Ordinal) && item.Contains("state-atrisk", StringComparison.Ordinal)
            && !item.Contains("New promise", StringComparison.Ordinal));
        Assert.Empty(await _host.FeedAsync("channels/general/feed"));
    }

    [Fact]
    public async Task DoneAction_CompletesThePromise()
    {
        await _host.CommandAsync("Send the invoice to Initech tomorrow 10am");

        var done = await _host.ActionAsync("done", 1);
        var show = await _host.CommandAsync("show 1");

        Assert.Contains("done, on time", (string)done["html"]!);
        Assert.Contains("state-done", (string)show["html"]!);
        Assert.Contains("<s>Send the invoice to Initech</s>", (string)show["html"]!);
        Assert.DoesNotContain("data-action=", (string)show["html"]!);
        Assert.Contains(await _host.FeedAsync("channels/general/feed"), item => item.Contains("done, on time", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExtendAndAckActions_GoThroughTheCommandService()
    {
        await _host.CommandAsync("Send the quote to Acme tomorrow");
        await _host.AdvanceAsync(new { days = 1 });

        var ack = await _host.ActionAsync("ack", 1);
        var extend = await _host.ActionAsync("extend", 1, when: "Friday 5pm");

        Assert.DoesNotContain("tone-error", (string)ack["html"]!);
        Assert.Contains("due date moved", (string)extend["html"]!);
        Assert.Contains("Fri 27 Nov", (string)extend["html"]!);
    }

    [Fact]
    public async Task UserText_IsHtmlEncodedEverywhere()
    {
        var created = await _host.CommandAsync("add <script>alert(1)</script> for <!channel> & <@sam|x> tomorrow 5pm");
        var html = (string)created["html"]!;
        var feed = string.Join("\n", await _host.FeedAsync("channels/general/feed"));

        foreach (var text in new[] { html, feed })
        {
            Assert.DoesNotContain("<script>", text);
            Assert.DoesNotContain("<!channel>", text);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", text);
            Assert.Contains("&lt;!channel&gt;", text);
        }
    }

    [Theory]
    [InlineData("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;")]
    [InlineData("\"quoted\" & 'single'", "&quot;quoted&quot; &amp; &#x27;single&#x27;")]
    [InlineData("line\nbreak", "line<br>break")]
    public void Renderer_EncodesPlainText(string text, string expected)
    {
        var html = new PlaygroundHtmlRenderer().Render(Reply.Private(ReplyTone.Info, "s", new TextBlock(new PlainRun(text))));

        Assert.Contains(expected, html);
    }

    [Fact]
    public void Renderer_ShowsARelativeTimeRunsTextEncoded()
    {
        var html = new PlaygroundHtmlRenderer().Render(Reply.Private(ReplyTone.Info, "s", new TextBlock(
            new PlainRun("due ("), new RelativeTimeRun(NodaTime.Instant.FromUnixTimeSeconds(0), "in <4> h"), new PlainRun(")"))));

        Assert.Contains("due (in &lt;4&gt; h)", html);
    }

    [Fact]
    public void Renderer_ShowsMentionsByDisplayNameAndOnlyHttpLinks()
    {
        var html = new PlaygroundHtmlRenderer().Render(Reply.Private(ReplyTone.Info, "s", new TextBlock(
            new MentionRun(new UserId("sam")), new MentionRun(new UserId("<img src=x>")),
            new LinkRun("javascript:alert(1)", "bad"), new LinkRun("https://example.com/a?b=1&c=2", "good"))));

        Assert.Contains("<span class=\"mention\" data-user=\"sam\">@Sam Okafor</span>", html);
        Assert.Contains("@&lt;img src=x&gt;", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("href=\"https://example.com/a?b=1&amp;c=2\"", html);
    }

    [Theory]
    [InlineData("/playground/api/command", "not json")]
    [InlineData("/playground/api/command", "[1,2]")]
    [InlineData("/playground/api/command", "{\"person\":\"nobody\",\"channel\":\"general\",\"text\":\"list\"}")]
    [InlineData("/playground/api/command", "{\"person\":\"maya\",\"channel\":\"nowhere\",\"text\":\"list\"}")]
    [InlineData("/playground/api/action", "{\"person\":\"maya\",\"channel\":\"general\",\"action\":\"delete\",\"number\":1}")]
    [InlineData("/playground/api/action", "{\"person\":\"maya\",\"channel\":\"general\",\"action\":\"done\",\"number\":-3}")]
    [InlineData("/playground/api/action", "{\"person\":\"maya\",\"channel\":\"general\",\"action\":\"done\",\"number\":\"x\"}")]
    [InlineData("/playground/api/clock/advance", "{\"days\":2147483647}")]
    [InlineData("/playground/api/clock/advance", "{\"hours\":-1}")]
    [InlineData("/playground/api/clock/advance", "{}")]
    [InlineData("/playground/api/clock/advance", "")]
    public async Task BadInput_Is400NotA500(string path, string body)
    {
        using var client = _host.CreateClient();

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]));
    }

    [Fact]
    public async Task UnknownFeeds_Are400AndMistakesInCommandsAreFriendlyReplies()
    {
        using var client = _host.CreateClient();

        using var channel = await client.GetAsync("/playground/api/channels/nowhere/feed");
        using var person = await client.GetAsync("/playground/api/people/nobody/dms");
        var refusal = await _host.CommandAsync("done 99");
        var tooLong = await _host.CommandAsync(new string('x', 5000));

        Assert.Equal(HttpStatusCode.BadRequest, channel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, person.StatusCode);
        Assert.Contains("There is no promise #99", (string)refusal["html"]!);
        Assert.Contains("tone-error", (string)tooLong["html"]!);
    }

    [Fact]
    public async Task RootServesThePageAndStateListsThePeopleAndChannels()
    {
        using var client = _host.CreateClient();

        var page = await client.GetStringAsync("/");
        var state = (await client.GetFromJsonAsync<JsonObject>("/playground/api/state"))!;

        Assert.Contains("PromiseBot playground", page);
        var people = state["people"]!.AsArray();
        Assert.InRange(people.Count, 4, 5);
        Assert.Single(people, p => (bool)p!["isManager"]!);
        Assert.True(people.Select(p => (string)p!["timeZone"]!).Distinct().Count() >= 4);
        Assert.Contains(state["channels"]!.AsArray(), c => (string)c!["id"]! == "general");
    }

    [Fact]
    public async Task ClockAdvance_MovesTheTimeEveryoneSees()
    {
        var before = _host.Services.GetRequiredService<TimeProvider>().GetUtcNow();

        var advanced = await _host.AdvanceAsync(new { hours = 1 });

        Assert.Equal(before.AddHours(1), _host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        Assert.Equal(before.AddHours(1), (DateTimeOffset)advanced["now"]!);
    }

    [Fact]
    public async Task ClockOffset_SurvivesARestart()
    {
        await _host.AdvanceAsync(new { days = 2 });
        await _host.CommandAsync("Send the quote to Acme tomorrow");
        _host.Dispose();

        using var again = new PlaygroundHost(_db.ConnectionString);
        var list = await again.CommandAsync("list");

        Assert.Equal(BotHost.Start.AddDays(2), again.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        Assert.Contains("Thu 26 Nov 17:00", (string)list["html"]!); // "tomorrow" was read on the moved clock (Wed)
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:80", "http://127.0.0.1:80/")]
    [InlineData("http://localhost:5080/", "http://localhost:5080/")]
    public void PlaygroundUrl_IsTheFirstListeningAddressMadeBrowsable(string listening, string expected)
    {
        var features = new Microsoft.AspNetCore.Http.Features.FeatureCollection();
        var addresses = new Microsoft.AspNetCore.Hosting.Server.Features.ServerAddressesFeature();
        addresses.Addresses.Add(listening);
        features.Set<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>(addresses);
        var server = new Mock<Microsoft.AspNetCore.Hosting.Server.IServer>();
        server.Setup(s => s.Features).Returns(features);

        Assert.Equal(expected, PlaygroundEndpoints.PlaygroundUrl(server.Object));
    }

    [Fact]
    public void PlaygroundDatabase_IsItsOwnFileBesideTheConfiguredOne()
    {
        _ = _host.Services; // starts the host

        var database = _host.Services.GetRequiredService<SqliteDatabase>();

        Assert.NotEqual(_db.FilePath, database.DataSource);
        Assert.Equal(Path.Combine(_db.Folder, Path.GetFileNameWithoutExtension(_db.FilePath) + ".playground.db"), database.DataSource);
        Assert.True(File.Exists(database.DataSource));
        Assert.False(File.Exists(_db.FilePath), "the configured (production) file is never opened");
    }

    [Theory]
    [InlineData("Data Source=promisebot.db", "Data Source=promisebot.playground.db")]
    [InlineData("Data Source=/var/lib/pb/main.sqlite", "Data Source=/var/lib/pb/main.playground.sqlite")]
    [InlineData("Data Source=/data/pb", "Data Source=/data/pb.playground.db")]
    [InlineData("Data Source=promisebot.playground.db", "Data Source=promisebot.playground.db")]
    [InlineData("Data Source=:memory:", "Data Source=promisebot.playground.db")]
    public void DatabaseFor_DerivesADifferentFile(string configured, string expected)
    {
        Assert.Equal(expected, PlaygroundMode.DatabaseFor(configured), ignoreCase: true);
    }

    [Theory]
    [InlineData(null, null, null, true)]
    [InlineData("secret", null, null, false)]
    [InlineData(null, "app-id", null, false)]
    [InlineData("secret", null, "true", true)]
    [InlineData(null, null, "false", false)]
    public void Mode_IsOnWithoutCredentialsAndTheSwitchWins(string? slackSecret, string? teamsAppId, string? flag, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = slackSecret,
            ["Teams:AppId"] = teamsAppId,
            ["PromiseBot:Playground"] = flag,
        }).Build();

        Assert.Equal(expected, PlaygroundMode.From(configuration).Enabled);
    }
}

public sealed class PlaygroundOffTests
{
    [Fact]
    public async Task WithSlackCredentials_ThePlaygroundIsOffAndTheConfiguredDatabaseIsUsed()
    {
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString);
        using var client = host.CreateClient();

        using var page = await client.GetAsync("/");
        using var api = await client.PostAsJsonAsync("/playground/api/command", new { person = "maya", channel = "general", text = "list" });

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(db.FilePath, host.Services.GetRequiredService<SqliteDatabase>().DataSource);
        Assert.IsNotType<PlaygroundClock>(host.Services.GetRequiredService<TimeProvider>());
        Assert.False(File.Exists(PlaygroundMode.DatabaseFor(db.ConnectionString)["Data Source=".Length..]));
    }

    [Fact]
    public void WithoutAnyCredentials_ThePlaygroundIsOnWithItsOwnDatabase()
    {
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?> { ["Slack:SigningSecret"] = "" });

        var source = host.Services.GetRequiredService<SqliteDatabase>().DataSource;

        Assert.True(host.Services.GetRequiredService<PlaygroundMode>().Enabled);
        Assert.EndsWith(".playground.db", source, StringComparison.Ordinal);
        Assert.NotEqual(db.FilePath, source);
    }
}
