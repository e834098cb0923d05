using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Host.Outbox;
using PromiseBot.Host.Tests.Playground;
using PromiseBot.Host.Tests.Teams;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Reports;

/// <summary>
/// A report's charts on each surface, with the real ScottPlot renderer: Slack sends them to the asker's DM through
/// the external upload flow (the fake Slack records the bytes), Teams carries them as inline PNG attachments under
/// the card (the activity held against the Bot Framework validator), the playground shows them inline.
/// </summary>
public sealed class ReportFilesTests
{
    [Fact]
    public async Task Slack_TheReportsCharts_GoToTheAskersDm_OnceThroughTheUploadFlow()
    {
        using var db = new TempDatabase();
        await using var slack = await FakeSlackApi.StartAsync();
        await using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.BaseUrl,
        });
        await host.CommandAsync("Send the quote to Acme tomorrow 5pm #quotes", channel: "C1");
        await host.CommandAsync("Call back Globex in 2 hours #support", channel: "C1");
        await host.CommandAsync("done 1", channel: "C1");
        host.Clock.Advance(TimeSpan.FromHours(3));
        await host.CommandAsync("done 2", channel: "C1");

        var (status, json, _) = await host.CommandAsync("report", channel: "C1", triggerId: "trigger-report-1");
        await host.CommandAsync("report", channel: "C1", triggerId: "trigger-report-1"); // Slack's retry of the same request
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(200, status);
        Assert.Equal("ephemeral", json.Type());
        Assert.Contains("50% on time (1 of 2)", json.AllText());
        Assert.Empty(slack.CallsTo("files.upload"));
        var files = slack.CompletedFiles;
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.Equal((1, FakeSlackApi.DirectChannelFor("U1")), (f.Completions, f.Channel)));
        Assert.Equal(["report-categories-2026-11-23.png", "report-trend-2026-11-23.png"], files.Select(f => f.FileName).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.Equal((800, 400), TestPng.Size(f.Bytes!)));
        var categories = files.Single(f => f.FileName.StartsWith("report-categories", StringComparison.Ordinal));
        Assert.Contains("#quotes 1 kept, 0 late, 0 broken", categories.AltText, StringComparison.Ordinal);
        Assert.Contains("#support 0 kept, 1 late, 0 broken", categories.AltText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_TheReportMessage_CarriesItsChartsAsInlinePngs_UnderTheCard()
    {
        using var db = new TempDatabase();
        var clock = new FakeTimeProvider(BotHost.Start);
        await using var rig = await TeamsConnectorHost.StartAsync(db, clock);
        Assert.Equal(200, await rig.SayAsync("Send the quote to Acme tomorrow 5pm", "1"));
        Assert.Equal(200, await rig.SayAsync("done 1", "2"));
        Assert.Equal(200, await rig.SayAsync("report", "3"));
        await rig.DispatchAsync(clock);
        await rig.DispatchAsync(clock);

        // The card first, then each chart in an activity of its own: every one within Teams' 28 KB.
        // (Other rows are sent in parallel: only the report's thread, the one "report" was said in, is looked at.)
        var replies = rig.Connector.CallsTo("reply").Where(r => (string?)r.Json!["conversation"]!["id"] == "19:general@thread.tacv2;messageid=3").ToList();
        Assert.Equal(3, replies.Count);
        Assert.Contains("Fulfilment report", JsonText.AllStrings(replies[0].Json), StringComparison.Ordinal);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)replies[0].Json!["attachments"]![0]!["contentType"]);
        foreach (var reply in replies)
        {
            var valid = await PlatformValidators.BotActivityAsync(reply.Json!.ToJsonString());
            Assert.True(valid.IsValid, valid.ToString());
        }

        foreach (var image in replies.Skip(1).Select(r => Assert.Single(r.Json!["attachments"]!.AsArray())!.AsObject()))
        {
            Assert.Equal("image/png", (string?)image["contentType"]);
            var url = (string)image["contentUrl"]!;
            Assert.StartsWith("data:image/png;base64,", url, StringComparison.Ordinal);
            Assert.Equal((800, 400), TestPng.Size(Convert.FromBase64String(url["data:image/png;base64,".Length..])));
        }

        Assert.Equal(["report-trend-2026-11-23.png", "report-categories-2026-11-23.png"], replies.Skip(1).Select(r => (string)r.Json!["attachments"]![0]!["name"]!));
    }

    [Fact]
    public async Task Playground_ShowsTheChartsInline_WithTheirAltText()
    {
        using var db = new TempDatabase();
        using var playground = new PlaygroundHost(db.ConnectionString);
        await playground.CommandAsync("Send the quote to Acme tomorrow 5pm #quotes");
        await playground.CommandAsync("done 1");

        var html = (string)(await playground.CommandAsync("report"))["html"]!;

        Assert.Equal(2, html.Split("<img ", StringSplitOptions.None).Length - 1);
        Assert.Contains("src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"Outcomes by category · Mon 23 Nov – Sun 29 Nov 2026: #quotes 1 kept, 0 late, 0 broken.\"", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"On time, week by week (12 weeks to 29 Nov 2026), 7 Sep to 23 Nov: 7 Sep no promises judged,", html, StringComparison.Ordinal);
    }
}
