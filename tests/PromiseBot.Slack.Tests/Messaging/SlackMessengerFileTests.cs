using Microsoft.Extensions.Options;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Slack.Messaging;
using PromiseBot.Slack.Rendering;
using PromiseBot.Slack.WebApi;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Slack.Tests.Messaging;

/// <summary>The messenger's file steps against the fake Slack, with the progress port in memory.</summary>
public sealed class SlackMessengerFileTests : IAsyncLifetime
{
    private static readonly WorkspaceId Team = new("T1");
    private static readonly Destination Channel = new(ChatPlatform.Slack, Team, DestinationKind.Channel, "C1");
    private static readonly byte[] Chart = TestPng.Create(40, 20);

    private static readonly Reply Report = new(ReplyVisibility.Channel, ReplyTone.Info, "Week 49", [
        new TextBlock(new PlainRun("On time: 91%")),
        new FileBlock("trend.png", FileBlock.Png, "Trend", "A line chart", Chart, 40, 20),
    ]);

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

    private SlackMessenger Messenger() => new(
        new SlackWebApiClient(_http, Options.Create(new SlackOptions { ApiBaseUrl = _slack.BaseUrl, BotToken = _slack.BotToken })),
        new BlockKitRenderer());

    [Fact]
    public async Task Send_RecordsEachStepBeforeTheNextCall_AndTheCompletionBeforeItIsMade()
    {
        var progress = new InMemoryDeliveryProgress();

        var result = await Messenger().SendAsync(Channel, Report, progress, CancellationToken.None);

        var id = Assert.Single(_slack.CompletedFiles).Id;
        Assert.Equal(new SendResult.Sent("1700000000.000001", "C1"), result);
        Assert.Equal(4, progress.Saved.Count);
        Assert.Empty(progress.Saved[0].Files);
        Assert.Equal(
            [new FileProgress(id, FileStep.Uploading), new FileProgress(id, FileStep.Completing), new FileProgress(id, FileStep.Completed)],
            progress.Saved.Skip(1).Select(p => Assert.Single(p.Files)));
        Assert.All(progress.Saved, p => Assert.Equal(("1700000000.000001", "C1"), (p.MessageId, p.Conversation)));
    }

    [Fact]
    public async Task Send_WhenTheClaimIsLostBeforeTheCompletion_StopsWithoutCompleting()
    {
        var progress = new RefusingProgress(refuse: p => p.File(0)?.Step == FileStep.Completing);

        var result = await Messenger().SendAsync(Channel, Report, progress, CancellationToken.None);

        Assert.Equal(new SendResult.Transient("claim_lost"), result);
        Assert.Single(_slack.CallsTo("upload_url"));
        Assert.Empty(_slack.CallsTo("files.completeUploadExternal"));
    }

    [Fact]
    public async Task Send_ResumingACompletedFile_PostsNothingAndCallsNothing()
    {
        var done = new DeliveryProgress("1700000000.000009", "C1", [new FileProgress("F000000042", FileStep.Completed)]);

        var result = await Messenger().SendAsync(Channel, Report, new InMemoryDeliveryProgress(done), CancellationToken.None);

        Assert.Equal(new SendResult.Sent("1700000000.000009", "C1"), result);
        Assert.Empty(_slack.Calls);
    }

    [Fact]
    public async Task Send_AnUploadUrlOffSlack_IsNotFollowed()
    {
        _slack.UploadUrlBase = "http://198.51.100.7/upload/v1/";

        var result = await Messenger().SendAsync(Channel, Report, new InMemoryDeliveryProgress(), CancellationToken.None);

        Assert.Equal(new SendResult.Transient("invalid_response"), result);
        Assert.Empty(_slack.CallsTo("upload_url"));
        Assert.Empty(_slack.CallsTo("files.completeUploadExternal"));
    }

    [Fact]
    public async Task Send_WithoutFiles_SavesNoProgress()
    {
        var progress = new InMemoryDeliveryProgress();

        await Messenger().SendAsync(Channel, Report with { Blocks = [Report.Blocks[0]] }, progress, CancellationToken.None);

        Assert.Empty(progress.Saved);
        Assert.Empty(_slack.CallsTo("files.getUploadURLExternal"));
    }

    [Fact]
    public void Renderer_LeavesFileBlocksOutOfTheMessage()
    {
        var body = new BlockKitRenderer().RenderMessage(Report, "C1");

        var block = Assert.Single(body["blocks"]!.AsArray());
        Assert.Equal("section", (string?)block!["type"]);
    }

    private sealed class RefusingProgress(Func<DeliveryProgress, bool> refuse) : IDeliveryProgress
    {
        public DeliveryProgress Current { get; private set; } = DeliveryProgress.None;

        public Task<bool> SaveAsync(DeliveryProgress progress, CancellationToken cancellationToken)
        {
            if (refuse(progress))
            {
                return Task.FromResult(false);
            }

            Current = progress;
            return Task.FromResult(true);
        }
    }
}
