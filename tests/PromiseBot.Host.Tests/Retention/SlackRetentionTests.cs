using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Retention;
using PromiseBot.Host.Outbox;
using PromiseBot.Host.Scheduling;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Retention;

/// <summary>
/// Retention, forget and delete through Slack slash commands on a real SQLite file, with a fake clock: the daily job
/// (<see cref="RetentionJob"/>) run 7 years and a day after two promises closed deletes them from every table and
/// keeps them in the archive, while one closed 6 years before stays; forget and delete touch one workspace only.
/// </summary>
public sealed class SlackRetentionTests : IDisposable
{
    private const string Sam = "U0SAM7";

    private readonly TempDatabase _db = new();
    private readonly BotHost _host;

    public SlackRetentionTests() => _host = new BotHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    private async Task<string> Say(string text, string user = "U1", string team = "T1")
    {
        var (status, json, raw) = await _host.CommandAsync(text, user: user, team: team);
        Assert.True(status == 200, raw);
        return json.AllText();
    }

    // The promise tables and the column that names the promise (by row id, or by number).
    private static readonly (string Table, string Column, bool ByNumber)[] PromiseTables =
    [
        ("promise_events", "promise_id", false), ("customer_feedback", "promise_id", false), ("promise_guarantees", "promise_id", false),
        ("service_credits", "promise_id", false), ("recovery_notes", "number", true), ("approval_requests", "promise_number", true),
    ];

    [Fact]
    public async Task TheDailyJob_DeletesPromisesClosed7YearsAnd1DayAgo_FromEveryTable_KeepsThemInTheArchive_AndLeavesOneClosed6YearsAgo()
    {
        await Say("config manager <@U1>");
        await Say("Send the quote to Acme by Friday 5pm");                  // #1: kept, feedback, guarantee, credit, approval
        await Say("done 1");
        Assert.Contains("Recorded customer feedback", await Say("feedback 1 5/5 quick and friendly"));
        await Say("Call back Globex in 2 hours");                           // #2: broken, recovery note
        await Say("broken 2 the part never came");
        Assert.Contains("Recovery note saved", await Say("recover 2 cause vendor; fix called them back; prevent a second supplier"));
        Seed(number: 1);
        _host.Clock.Advance(TimeSpan.FromDays(366));
        await Say("Ship the spare parts to Initech by Friday 5pm");         // #3: closed a year and a day later
        await Say("done 3");
        var (old1, old2, kept) = (IdOf(1), IdOf(2), IdOf(3));
        var eventsOf3 = Scalar("SELECT COUNT(*) FROM promise_events WHERE promise_id = @Id", new { Id = kept });

        _host.Clock.SetUtcNow(BotHost.Start.AddYears(7).AddDays(1));
        await RunJobAsync();

        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM promises WHERE workspace = 'T1'"));
        Assert.Equal(3, Scalar("SELECT number FROM promises WHERE workspace = 'T1'"));
        foreach (var (table, column, byNumber) in PromiseTables)
        {
            Assert.Equal(0, Scalar($"SELECT COUNT(*) FROM {table} WHERE workspace = 'T1' AND {column} IN @Keys", new { Keys = byNumber ? new long[] { 1, 2 } : [old1, old2] }));
        }

        Assert.Equal(eventsOf3, Scalar("SELECT COUNT(*) FROM promise_events WHERE promise_id = @Id", new { Id = kept }));
        Assert.Contains("There is no promise #1 in this workspace", await Say("history 1"));
        Assert.Contains("Ship the spare parts", await Say("history 3"));

        var archive = Assert.Single(Archives());
        var tables = archive.RootElement.GetProperty("tables");
        Assert.Equal(["Send the quote to Acme", "Call back Globex"], tables.GetProperty("promises").EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        Assert.True(tables.GetProperty("promise_events").GetArrayLength() >= 4);
        Assert.Equal("quick and friendly", tables.GetProperty("customer_feedback")[0].GetProperty("comment").GetString());
        Assert.Equal("called them back", tables.GetProperty("recovery_notes")[0].GetProperty("fix").GetString());
        foreach (var table in new[] { "promise_guarantees", "service_credits", "approval_requests" })
        {
            Assert.Equal(1, tables.GetProperty(table).GetArrayLength());
        }

        // Again (a second host, a recovered fire): nothing more goes.
        await RunJobAsync();
        Assert.Single(Archives());
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM promises WHERE workspace = 'T1'"));
    }

    [Fact]
    public async Task ConfigRetention_IsShownInConfig_RefusesLessThanAYear_AndALongerOneKeepsTheOldPromise()
    {
        Assert.Contains("Retention", await Say("config"));
        Assert.Contains("7 years after a promise is closed", await Say("config"));
        var months = await Say("config retention 6 months");
        Assert.Contains("Nothing was saved.", months);
        Assert.Contains("config retention 7 years", months);
        Assert.Contains("at least 1 year", await Say("config retention 0 years"));
        Assert.Contains("Nothing was saved.", await Say("config retention 101 years"));
        Assert.Contains("7 years after", await Say("config"));

        var saved = await Say("config retention 10 years");
        Assert.Contains("Settings saved", saved);
        Assert.Contains("10 years after a promise is closed", saved);
        Assert.Contains("a daily job moves them", await Say("help retention"));

        await Say("Send the quote to Acme by Friday 5pm");
        await Say("done 1");
        _host.Clock.SetUtcNow(BotHost.Start.AddYears(7).AddDays(1));
        await RunJobAsync();
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM promises WHERE workspace = 'T1'"));
        Assert.Empty(Archives());

        _host.Clock.SetUtcNow(BotHost.Start.AddYears(10).AddDays(1));
        await RunJobAsync();
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM promises WHERE workspace = 'T1'"));
        Assert.Single(Archives());
    }

    [Fact]
    public async Task Forget_AsksFirst_ThenLeavesNoTraceOfTheIdOrNameInThatWorkspace_KeepsThePromises_AndLeavesTheOtherWorkspace()
    {
        await Say("config manager <@U1>");
        await Say($"Ask <@{Sam}|sam> for the part by Friday 5pm");
        await Say($"assign 1 <@{Sam}|sam>");
        await Say("Call back Globex by Friday 5pm", user: Sam);
        await Say($"backup 2 <@{Sam}>", user: Sam);
        await Say("done 2", user: Sam);
        await Say("feedback 2 4/5 thanks to sam", user: Sam);
        await Say("Call back Initech by Friday 5pm", user: Sam, team: "T2");
        var before = DatabaseScan.Counts(_db.ConnectionString, "T2");
        Assert.NotEmpty(DatabaseScan.Find(_db.ConnectionString, "T1", Sam));

        Assert.Contains("Only the workspace's manager", await Say($"forget <@{Sam}>", user: "U2"));
        var preview = await Say($"forget <@{Sam}|sam>");
        Assert.Contains("Nothing is changed until you confirm", preview);
        Assert.Contains($"To go ahead, type `/promise forget` <@{Sam}> `confirm`", preview);
        Assert.NotEmpty(DatabaseScan.Find(_db.ConnectionString, "T1", Sam));

        var done = await Say($"forget <@{Sam}|sam> confirm");

        var pseudonym = Pseudonym.For(new WorkspaceId("T1"), new UserId(Sam)).Value;
        Assert.Contains("Forgotten: that person is " + pseudonym, done);
        Assert.Empty(DatabaseScan.Find(_db.ConnectionString, "T1", Sam));
        Assert.Empty(DatabaseScan.Find(_db.ConnectionString, "T1", "|sam>"));
        Assert.Equal(2, Scalar("SELECT COUNT(*) FROM promises WHERE workspace = 'T1'"));
        Assert.Equal(2, Scalar("SELECT COUNT(*) FROM promises WHERE workspace = 'T1' AND owner = @P", new { P = pseudonym }));
        Assert.Contains("Ask <@" + pseudonym + "> for the part", ScalarText("SELECT title FROM promises WHERE workspace = 'T1' AND number = 1"));
        Assert.Equal(pseudonym, ScalarText("SELECT recorded_by FROM customer_feedback WHERE workspace = 'T1'"));

        Assert.Equal(before, DatabaseScan.Counts(_db.ConnectionString, "T2"));
        Assert.Equal(Sam, ScalarText("SELECT owner FROM promises WHERE workspace = 'T2'"));
        Assert.Contains("already a pseudonym", await Say($"forget <@{pseudonym}>"));
    }

    [Fact]
    public async Task DeleteWorkspaceData_WantsTheIdTypedBack_ThenRemovesEveryRowOfThatWorkspaceOnly()
    {
        await Say("config manager <@U1>");
        await Say("Send the quote to Acme by Friday 5pm");
        await Say("done 1");
        await Say("feedback 1 5/5 great");
        await Say("calendar holiday add 24 Dec 2026 Christmas Eve");
        await Say("sla #support 4 business hours");
        await Say("config retention 3 years");
        await Say("Call back Initech by Friday 5pm", team: "T2");
        var other = DatabaseScan.Counts(_db.ConnectionString, "T2");
        Assert.True(DatabaseScan.Counts(_db.ConnectionString, "T1").Values.Sum() > 5);

        Assert.Contains("Only the workspace's manager", await Say("delete workspace data T1", user: "U2"));
        var preview = await Say("delete workspace data");
        Assert.Contains("Nothing is deleted until you type its id", preview);
        Assert.Contains("delete workspace data T1", preview);
        Assert.Contains("nothing was deleted", await Say("delete workspace data T9"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM promises WHERE workspace = 'T1'"));

        Assert.Contains("Deleted every record of this workspace", await Say("delete workspace data T1"));

        var left = DatabaseScan.Counts(_db.ConnectionString, "T1").Where(c => c.Value > 0).Select(c => c.Key).ToList();
        Assert.Empty(left);
        Assert.Equal(other, DatabaseScan.Counts(_db.ConnectionString, "T2"));
        // The workspace starts again: its next promise is #1, under the default settings.
        Assert.Contains("#1", await Say("Send the quote to Acme by Friday 5pm"));
        Assert.Contains("7 years after", await Say("config"));
    }

    [Fact]
    public async Task ExportAll_ForgetAndDelete_WantASetManager()
    {
        Assert.Contains("none is set", await Say("export all"));
        Assert.Contains("config manager @you", await Say($"forget <@{Sam}>"));
        Assert.Contains("none is set", await Say("delete workspace data"));
        // A promise whose title starts with these words is still a promise.
        Assert.Contains("Delete the old invoices", await Say("Delete the old invoices by Friday 5pm"));
        Assert.Contains("Forget nothing on the checklist", await Say("Forget nothing on the checklist by Friday 5pm"));
    }

    [Fact]
    public async Task ExportAll_GoesToTheManagersDm_AsAZip_ThroughTheUploadFlow()
    {
        using var db = new TempDatabase();
        await using var slack = await FakeSlackApi.StartAsync();
        await using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.BaseUrl,
        });
        await host.CommandAsync("config manager <@U1>");
        await host.CommandAsync("Send the quote to Acme by Friday 5pm");

        var (status, json, _) = await host.CommandAsync("export all", triggerId: "trigger-export-all");
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal((200, "ephemeral"), (status, json.Type()));
        Assert.Contains("Export of the whole workspace: 1 promise", json.AllText());
        var file = Assert.Single(slack.CompletedFiles);
        Assert.Equal(("promisebot-T1-2026-11-23.zip", FakeSlackApi.DirectChannelFor("U1")), (file.FileName, file.Channel));
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(file.Bytes!));
        Assert.Contains(zip.Entries, e => e.FullName == "tables/promises.csv");
    }

    private async Task RunJobAsync() =>
        await _host.Services.GetRequiredService<RetentionJob>().Execute(null!, CancellationToken.None);

    /// <summary>A guarantee, a credit and an approval request for the promise, as the guarantee and approval paths store them.</summary>
    private void Seed(long number)
    {
        using var connection = Open();
        var row = new { Id = IdOf(number), N = number, At = BotHost.Start.ToUnixTimeMilliseconds() };
        connection.Execute("INSERT INTO promise_guarantees (workspace, promise_id, tier, kind, rate_bp, cap_bp, value_minor, currency) VALUES ('T1', @Id, 'premium', 0, 500, 5000, 240000, 'USD')", row);
        connection.Execute("INSERT INTO service_credits (workspace, promise_id, amount_minor, currency, days_late, broken, state, entered_at) VALUES ('T1', @Id, 1200, 'USD', 1, 0, 1, @At)", row);
        connection.Execute("""
            INSERT INTO approval_requests (workspace, id, promise_number, promise_version, kind, what, requested_by, manager, requested_at, state)
            VALUES ('T1', 1, @N, 1, 'extension', 'extend to Friday', 'U1', 'U1', @At, 'Approved')
            """, row);
    }

    private long IdOf(long number) => Scalar("SELECT id FROM promises WHERE workspace = 'T1' AND number = @N", new { N = number });

    private List<JsonDocument> Archives()
    {
        using var connection = Open();
        return [.. connection.Query<byte[]>("SELECT content FROM retention_archives WHERE workspace = 'T1' ORDER BY id").Select(c => JsonDocument.Parse(DatabaseScan.Text(c)))];
    }

    private long Scalar(string sql, object? parameters = null)
    {
        using var connection = Open();
        return connection.ExecuteScalar<long>(sql, parameters);
    }

    private string? ScalarText(string sql)
    {
        using var connection = Open();
        return connection.ExecuteScalar<string>(sql);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_db.ConnectionString);
        connection.Open();
        return connection;
    }
}
