using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Host.Tests.Teams;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Host.Tests.Reports;

/// <summary>
/// <c>export</c> in Teams, end to end on 127.0.0.1: signed activities in, the fake Bot Connector and a fake OneDrive
/// upload session out, a real SQLite file. In the 1:1 chat the CSV is offered with a file consent card; accepting it
/// uploads the bytes (retried after a failure, never twice) and shows the file; declining forgets it. In a channel the
/// card says where the file can be had. Every activity sent is held against the Bot Framework validator.
/// </summary>
public sealed class TeamsExportFileTests : IAsyncLifetime
{
    private const string Chat = "a:personal-ana";

    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(BotHost.Start);
    private TeamsConnectorHost _rig = null!;
    private FakeFileUploadServer _uploads = null!;

    public async Task InitializeAsync()
    {
        _rig = await TeamsConnectorHost.StartAsync(_db, _clock);
        _uploads = await FakeFileUploadServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _uploads.DisposeAsync();
        await _rig.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task PersonalChat_ExportComesWithAFileConsentCard_AndAcceptingUploadsTheCsvOnce_AfterAFailedTry()
    {
        await SayInChatAsync("Send the quote to Acme tomorrow 5pm #quotes", "1");
        await SayInChatAsync("done 1", "2");
        var (card, consent) = await ExportInChatAsync("3");

        Assert.Contains("comes on the file card below", JsonText.AllStrings(card.Json), StringComparison.Ordinal);
        var offer = Assert.Single(consent.Json!["attachments"]!.AsArray())!.AsObject();
        Assert.Equal("application/vnd.microsoft.teams.card.file.consent", (string?)offer["contentType"]);
        Assert.Equal("promises-2026-11-23-to-2026-11-29.csv", (string?)offer["name"]);
        var size = (int)offer["content"]!["sizeInBytes"]!;
        var held = (string)offer["content"]!["acceptContext"]!["file"]!;
        Assert.Equal(held, (string?)offer["content"]!["declineContext"]!["file"]);
        Assert.Equal(1L, await HeldFilesAsync());

        // The first PUT fails; the outbox tries again, and the second one lands.
        _uploads.FailNext(500);
        Assert.Equal(200, (await _rig.PostAsync(Consent("4", "accept", held))).Status);
        await DrainAsync();

        Assert.Equal(2, _uploads.Uploads.Count);
        var upload = _uploads.Uploads[^1];
        Assert.Equal("PUT", upload.Method);
        Assert.Equal($"bytes 0-{size - 1}/{size}", upload.ContentRange);
        Assert.Equal("application/octet-stream", upload.ContentType);
        Assert.False(upload.HadAuthorization);
        Assert.Equal(size, upload.Bytes.Length);
        var row = Assert.Single(TestCsv.Read(upload.Bytes).Rows);
        Assert.Equal("Send the quote to Acme", row["title"]);
        Assert.Equal("kept", row["outcome"]);

        var info = Assert.Single(Sends(), s => (string?)s.Json!["attachments"]![0]!["contentType"] == "application/vnd.microsoft.teams.card.file.info");
        await AssertValidAsync(info);
        var attachment = info.Json!["attachments"]![0]!;
        Assert.Equal("https://contoso-my.sharepoint.com/personal/ana/Documents/Applications/PromiseBot/promises.csv", (string?)attachment["contentUrl"]);
        Assert.Equal("1150D938-8870-4044-9F2C-5BBDEBA70C8C", (string?)attachment["content"]!["uniqueId"]);
        Assert.Equal("csv", (string?)attachment["content"]!["fileType"]);
        Assert.Equal(0L, await HeldFilesAsync());

        // Teams delivers the same acceptance again: nothing more is uploaded or posted.
        var sent = Sends().Count;
        Assert.Equal(200, (await _rig.PostAsync(Consent("4", "accept", held))).Status);
        await DrainAsync();
        Assert.Equal(2, _uploads.Uploads.Count);
        Assert.Equal(sent, Sends().Count);
    }

    [Fact]
    public async Task PersonalChat_DecliningTheCard_ForgetsTheFile_AndUploadsNothing()
    {
        await SayInChatAsync("Send the quote to Acme tomorrow 5pm", "1");
        var (_, consent) = await ExportInChatAsync("2");
        var held = (string)consent.Json!["attachments"]![0]!["content"]!["declineContext"]!["file"]!;
        var sent = Sends().Count;

        Assert.Equal(200, (await _rig.PostAsync(Consent("3", "decline", held))).Status);
        await DrainAsync();

        Assert.Equal(0L, await HeldFilesAsync());
        Assert.Empty(_uploads.Uploads);
        Assert.Equal(sent, Sends().Count);
    }

    [Fact]
    public async Task AcceptingAFileNoLongerHeld_SaysSo_AndUploadsNothing()
    {
        await SayInChatAsync("Send the quote to Acme tomorrow 5pm", "1");
        var (_, consent) = await ExportInChatAsync("2");
        var held = (string)consent.Json!["attachments"]![0]!["content"]!["acceptContext"]!["file"]!;
        _clock.Advance(TimeSpan.FromHours(25));

        Assert.Equal(200, (await _rig.PostAsync(Consent("3", "accept", held))).Status);
        await DrainAsync();

        Assert.Empty(_uploads.Uploads);
        var note = Sends()[^1];
        await AssertValidAsync(note);
        Assert.Contains("is no longer waiting to be sent", JsonText.AllStrings(note.Json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConsentAnswer_ThatIsMalformed_OrUploadsToAPlainHttpHost_IsRefused_AndQueuesNothing()
    {
        await SayInChatAsync("Send the quote to Acme tomorrow 5pm", "1");
        var (_, consent) = await ExportInChatAsync("2");
        var held = (string)consent.Json!["attachments"]![0]!["content"]!["acceptContext"]!["file"]!;
        var sent = Sends().Count;

        var noContext = Consent("3", "accept", held);
        noContext["value"]!.AsObject().Remove("context");
        var noUploadInfo = Consent("4", "accept", held);
        noUploadInfo["value"]!.AsObject().Remove("uploadInfo");
        var plainHttp = Consent("5", "accept", held, uploadUrl: "http://files.example.com/upload/x");
        var unknownAction = Consent("6", "maybe", held);

        foreach (var bad in new[] { noContext, noUploadInfo, plainHttp, unknownAction })
        {
            Assert.Equal(400, (await _rig.PostAsync(bad)).Status);
        }

        await DrainAsync();
        Assert.Empty(_uploads.Uploads);
        Assert.Equal(sent, Sends().Count);
        Assert.Equal(1L, await HeldFilesAsync());
    }

    [Fact]
    public async Task Channel_ExportSaysTheFileComesInThe1To1Chat_AndHoldsNothing()
    {
        Assert.Equal(200, await _rig.SayAsync("Send the quote to Acme tomorrow 5pm", "1"));
        Assert.Equal(200, await _rig.SayAsync("export", "2"));
        await DrainAsync();

        var reply = Assert.Single(_rig.Connector.CallsTo("reply"), r => (string?)r.Json!["conversation"]!["id"] == "19:general@thread.tacv2;messageid=2");
        await AssertValidAsync(reply);
        Assert.Contains("Teams lets a bot send files only in a 1:1 chat", JsonText.AllStrings(reply.Json), StringComparison.Ordinal);
        Assert.Equal(0L, await HeldFilesAsync());
    }

    [Fact]
    public async Task Channel_WithAPublicUrl_ExportComesWithASignedDownloadLink_ThatWorksForAnHour()
    {
        await using var rig = await TeamsConnectorHost.StartAsync(_db, _clock, new Dictionary<string, string?> { ["Teams:PublicUrl"] = "https://promisebot.example.com/" });
        Assert.Equal(200, await rig.SayAsync("Send the quote to Acme tomorrow 5pm #quotes", "1"));
        Assert.Equal(200, await rig.SayAsync("done 1", "2"));
        Assert.Equal(200, await rig.SayAsync("export", "3"));
        await rig.DispatchAsync(_clock);
        await rig.DispatchAsync(_clock);

        var reply = Assert.Single(rig.Connector.CallsTo("reply"), r => (string?)r.Json!["conversation"]!["id"] == "19:general@thread.tacv2;messageid=3");
        await AssertValidAsync(reply);
        var text = string.Join("\n", JsonText.AllStrings(reply.Json));
        var link = System.Text.RegularExpressions.Regex.Match(text, @"\[Download promises-2026-11-23-to-2026-11-29\.csv\]\((?<url>https://promisebot\.example\.com/teams/files/[^/)]+/promises-2026-11-23-to-2026-11-29\.csv)\)");
        Assert.True(link.Success, text);
        Assert.Contains("The link works for 1 hour", text, StringComparison.Ordinal);
        var path = new Uri(link.Groups["url"].Value).PathAndQuery;

        using var client = rig.Host.CreateClient();
        using (var response = await client.GetAsync(path))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("promises-2026-11-23-to-2026-11-29.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            var row = Assert.Single(TestCsv.Read(await response.Content.ReadAsByteArrayAsync()).Rows);
            Assert.Equal("Send the quote to Acme", row["title"]);
        }

        // A token changed by one character, or one past its hour, opens nothing.
        var segments = path.Split('/');
        var token = Uri.UnescapeDataString(segments[3]);
        var forged = string.Join('/', segments[..3]) + "/" + Uri.EscapeDataString((token[0] == 'A' ? 'B' : 'A') + token[1..]) + "/" + segments[4];
        using (var response = await client.GetAsync(forged))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("not valid or has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        _clock.Advance(TimeSpan.FromMinutes(61));
        using (var response = await client.GetAsync(path))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    private async Task SayInChatAsync(string text, string id)
    {
        var activity = _rig.Activity("message", "17100000000" + id, Chat, "personal");
        activity["text"] = text;
        Assert.Equal(200, (await _rig.PostAsync(activity)).Status);
    }

    /// <summary>Says <c>export</c> in the 1:1 chat and returns the report card and the consent card sent after it.</summary>
    private async Task<(BotConnectorCall Card, BotConnectorCall Consent)> ExportInChatAsync(string id)
    {
        await DrainAsync();
        var before = Sends().Count;
        await SayInChatAsync("export", id);
        await DrainAsync();
        var sent = Sends().Skip(before).ToList();
        Assert.Equal(2, sent.Count);
        foreach (var call in sent)
        {
            await AssertValidAsync(call);
        }

        return (sent[0], sent[1]);
    }

    private JsonObject Consent(string id, string action, string held, string? uploadUrl = null)
    {
        var activity = _rig.Activity("invoke", "17200000000" + id, Chat, "personal");
        activity["name"] = "fileConsent/invoke";
        activity["value"] = new JsonObject
        {
            ["type"] = "fileUpload",
            ["action"] = action,
            ["context"] = new JsonObject { ["file"] = held },
            ["uploadInfo"] = new JsonObject
            {
                ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/ana/Documents/Applications/PromiseBot/promises.csv",
                ["name"] = "promises-2026-11-23-to-2026-11-29.csv",
                ["uploadUrl"] = uploadUrl ?? _uploads.UploadUrl("promises.csv"),
                ["uniqueId"] = "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
                ["fileType"] = "csv",
            },
        };
        return activity;
    }

    private List<BotConnectorCall> Sends() => [.. _rig.Connector.CallsTo("send").Where(c => c.ConversationId == Chat)];

    /// <summary>Outbox passes over a few minutes: enough for a retry after a failed try.</summary>
    private async Task DrainAsync()
    {
        for (var i = 0; i < 4; i++)
        {
            await _rig.DispatchAsync(_clock);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private async Task<long> HeldFilesAsync()
    {
        await using var connection = new SqliteConnection(_db.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM held_files");
    }

    private static async Task AssertValidAsync(BotConnectorCall call)
    {
        var valid = await PlatformValidators.BotActivityAsync(call.Json!.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
    }
}
