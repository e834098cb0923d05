using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Storage.Outbox;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests.Outbox;

/// <summary>
/// A reply's files through the outbox to the fake Slack over HTTP: the text once, then each file through the external
/// upload (files.getUploadURLExternal, the upload POST, files.completeUploadExternal), each completed once whatever
/// fails or crashes between the steps.
/// </summary>
public abstract class SlackFileDeliveryTests
{
    private const string Key = "report:C1:2026-12-03";

    private static readonly byte[] Chart = TestPng.Create(64, 32);

    /// <summary>Which database the rig runs on (the subclasses below).</summary>
    protected abstract bool OnPostgres { get; }

    private Task<OutboxRig> StartRigAsync() => OutboxRig.StartAsync(postgres: OnPostgres);

    private static FileBlock PngBlock(byte[]? content = null) =>
        new("on-time-12-weeks.png", FileBlock.Png, "On time, last 12 weeks", "A line chart of the on-time rate", content ?? Chart, 64, 32);

    private static OutboundMessage Report(OutboxRig rig, Destination? to = null, params FileBlock[] files) =>
        new(to ?? new Destination(ChatPlatform.Slack, OutboxRig.Team, DestinationKind.Channel, "C1"),
            new Reply(ReplyVisibility.Channel, ReplyTone.Info, "Report for week 49",
                [new HeaderBlock("Week 49"), new TextBlock(new PlainRun("On time: 91%")), .. (files.Length == 0 ? [PngBlock()] : files)]),
            Key, rig.Now);

    private static void AssertDeliveredOnce(OutboxRig rig, FakeSlackFile file, string channel)
    {
        Assert.Equal((1, channel, "On time, last 12 weeks"), (file.Completions, file.Channel, file.Title));
        Assert.Equal(Chart, file.Bytes);
        Assert.True(TestPng.HasSignatureAndHeader(file.Bytes!));
        Assert.Equal((64, 32), TestPng.Size(file.Bytes!));
        Assert.All(rig.Slack.Files, f => Assert.True(f.Completions <= 1, f.Id + " completed twice"));
    }

    private static async Task DrainAsync(OutboxRig rig, TimeSpan step)
    {
        for (var i = 0; i < 20 && (await rig.RowAsync(Key)).Status is OutboxStatus.Pending or OutboxStatus.Sending; i++)
        {
            rig.Clock.Advance(step);
            await rig.DispatchAsync();
        }
    }

    [Fact]
    public async Task ReplyWithAPng_ToAChannel_PostsTheTextOnceThenCompletesOneFileWithTheSameBytes()
    {
        await using var rig = await StartRigAsync();
        await rig.Outbox.EnqueueAsync([Report(rig)], CancellationToken.None);

        await rig.DispatchAsync();

        Assert.Equal(["chat.postMessage", "files.getUploadURLExternal", "upload_url", "files.completeUploadExternal"], rig.Slack.Calls.Select(c => c.Method));
        var post = Assert.Single(rig.Slack.CallsTo("chat.postMessage"));
        Assert.DoesNotContain("on-time-12-weeks", post.RawBody, StringComparison.Ordinal);
        var blockKit = await PlatformValidators.BlockKitAsync(post.RawBody);
        Assert.True(blockKit.IsValid, blockKit.ToString());

        var ask = Assert.Single(rig.Slack.CallsTo("files.getUploadURLExternal"));
        Assert.Equal(("on-time-12-weeks.png", Chart.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), "A line chart of the on-time rate"),
            (ask.Arg("filename"), ask.Arg("length"), ask.Arg("alt_txt")));
        Assert.Null(Assert.Single(rig.Slack.CallsTo("upload_url")).Authorization);
        Assert.Empty(rig.Slack.CallsTo("files.upload"));

        AssertDeliveredOnce(rig, Assert.Single(rig.Slack.CompletedFiles), "C1");
        var row = await rig.RowAsync(Key);
        Assert.Equal((OutboxStatus.Sent, "1700000000.000001", "C1"), (row.Status, row.MessageId, row.Conversation));
        var file = Assert.Single(row.Progress!.Files);
        Assert.Equal(new FileProgress(rig.Slack.CompletedFiles[0].Id, FileStep.Completed), file);
    }

    [Fact]
    public async Task ReplyWithTwoFiles_CompletesEachOnceInOrder()
    {
        await using var rig = await StartRigAsync();
        var csv = new FileBlock("promises-2026-11.csv", FileBlock.Csv, "Promises, November 2026", "CSV export", "number,title\n3,Send the quote\n"u8.ToArray());
        await rig.Outbox.EnqueueAsync([Report(rig, null, PngBlock(), csv)], CancellationToken.None);

        await rig.DispatchAsync();

        Assert.Single(rig.Slack.CallsTo("chat.postMessage"));
        Assert.Equal([("on-time-12-weeks.png", "C1", 1), ("promises-2026-11.csv", "C1", 1)],
            rig.Slack.CompletedFiles.Select(f => (f.FileName, f.Channel!, f.Completions)));
        Assert.Equal(csv.Content, rig.Slack.CompletedFiles[1].Bytes);
        Assert.Null(rig.Slack.CallsTo("files.getUploadURLExternal")[1].Arg("alt_txt"));
        Assert.Equal(OutboxStatus.Sent, (await rig.RowAsync(Key)).Status);
    }

    [Fact]
    public async Task EphemeralReplyWithAPng_SendsTheTextInTheChannelAndTheFileToTheAskersDm()
    {
        await using var rig = await StartRigAsync();
        var to = Destination.PrivateInChannel(ChatPlatform.Slack, OutboxRig.Team, "C1", new Core.Promises.UserId("U42"));
        await rig.Outbox.EnqueueAsync([Report(rig, to)], CancellationToken.None);

        await rig.DispatchAsync();

        var ephemeral = Assert.Single(rig.Slack.CallsTo("chat.postEphemeral"));
        Assert.Equal(("C1", "U42"), (ephemeral.Arg("channel"), ephemeral.Arg("user")));
        Assert.Empty(rig.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("U42", Assert.Single(rig.Slack.CallsTo("conversations.open")).Arg("users"));
        var file = Assert.Single(rig.Slack.CompletedFiles);
        AssertDeliveredOnce(rig, file, "D42");
        Assert.Contains("<#C1>", file.InitialComment, StringComparison.Ordinal);
        var row = await rig.RowAsync(Key);
        Assert.Equal((OutboxStatus.Sent, "C1"), (row.Status, row.Conversation));
    }

    [Theory]
    [InlineData("files.getUploadURLExternal")]
    [InlineData("upload_url")]
    [InlineData("files.completeUploadExternal")]
    public async Task A429OnAFileStep_HoldsForRetryAfter_ThenResumesWithoutPostingAgain_AndCompletesOnce(string step)
    {
        await using var rig = await StartRigAsync();
        rig.Slack.RetryAfterSeconds = 7;
        rig.Slack.InjectFault(step, FakeSlackFault.RateLimited);
        await rig.Outbox.EnqueueAsync([Report(rig)], CancellationToken.None);

        await rig.DispatchAsync();
        var held = await rig.RowAsync(Key);
        Assert.Equal((OutboxStatus.Pending, 0, "ratelimited", rig.Now + Duration.FromSeconds(7)), (held.Status, held.Attempts, held.LastError, held.NextAttemptAt));
        Assert.Empty(rig.Slack.CompletedFiles);
        var calls = rig.Slack.Calls.Count;

        rig.Clock.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromMilliseconds(1));
        await rig.DispatchAsync();
        Assert.Equal(calls, rig.Slack.Calls.Count);

        rig.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await rig.DispatchAsync();

        Assert.Single(rig.Slack.CallsTo("chat.postMessage"));
        AssertDeliveredOnce(rig, Assert.Single(rig.Slack.CompletedFiles), "C1");
        Assert.Equal(OutboxStatus.Sent, (await rig.RowAsync(Key)).Status);
    }

    [Fact]
    public async Task A429OnTheCompletion_IsCheckedWithFilesInfo_AndTheFileStartsAgainUnderANewId()
    {
        await using var rig = await StartRigAsync();
        rig.Slack.InjectFault("files.completeUploadExternal", FakeSlackFault.RateLimited);
        await rig.Outbox.EnqueueAsync([Report(rig)], CancellationToken.None);

        await rig.DispatchAsync();
        Assert.Equal(FileStep.Completing, (await rig.RowAsync(Key)).Progress!.Files[0].Step);
        await DrainAsync(rig, TimeSpan.FromSeconds(1));

        var (first, second) = (rig.Slack.Files[0], rig.Slack.Files[1]);
        Assert.Single(rig.Slack.CallsTo("files.info"));
        Assert.Equal(0, first.Completions);
        AssertDeliveredOnce(rig, second, "C1");
    }

    [Fact]
    public async Task AFailureAfterTheCompletionBeforeTheRowWasMarkedSent_AsksFilesInfo_AndNeverCompletesTwice()
    {
        await using var rig = await StartRigAsync();
        // Slack completes and shares the file, then the connection drops: we cannot know it took.
        rig.Slack.InjectFault("files.completeUploadExternal", FakeSlackFault.DropAfterHandling);
        await rig.Outbox.EnqueueAsync([Report(rig)], CancellationToken.None);

        await rig.DispatchAsync();
        var failed = await rig.RowAsync(Key);
        Assert.Equal((OutboxStatus.Pending, 1), (failed.Status, failed.Attempts));
        Assert.StartsWith("network", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(FileStep.Completing, failed.Progress!.Files[0].Step);

        await DrainAsync(rig, TimeSpan.FromMinutes(1));

        Assert.Single(rig.Slack.CallsTo("chat.postMessage"));
        Assert.Single(rig.Slack.CallsTo("files.completeUploadExternal"));
        Assert.Equal(failed.Progress.Files[0].FileId, Assert.Single(rig.Slack.CallsTo("files.info")).Arg("file"));
        AssertDeliveredOnce(rig, Assert.Single(rig.Slack.Files), "C1");
        var row = await rig.RowAsync(Key);
        Assert.Equal((OutboxStatus.Sent, "1700000000.000001"), (row.Status, row.MessageId));
        Assert.Equal(FileStep.Completed, row.Progress!.Files[0].Step);
    }

    [Fact]
    public async Task ACrashBetweenTheUploadUrlAndTheCompletion_RestartsAtStepOne_AndTheFirstIdIsNeverCompleted()
    {
        await using var rig = await StartRigAsync();
        await rig.Outbox.EnqueueAsync([Report(rig)], CancellationToken.None);

        // The host dies while the bytes are on their way: the pass is cut off mid-call, the row stays claimed.
        rig.Slack.Hold("upload_url");
        using (var crash = new CancellationTokenSource())
        {
            var pass = rig.Dispatcher.DispatchDueAsync(crash.Token);
            await rig.Slack.WaitForCallAsync("upload_url");
            await crash.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);
        }

        rig.Slack.Release("upload_url");
        var crashed = await rig.RowAsync(Key);
        Assert.Equal(OutboxStatus.Sending, crashed.Status);
        Assert.Equal("1700000000.000001", crashed.Progress!.MessageId);
        var abandoned = crashed.Progress.Files[0];
        Assert.Equal(FileStep.Uploading, abandoned.Step);

        // After the lease another pass (or host) takes the row over.
        rig.Clock.Advance(TimeSpan.FromMinutes(5));
        await rig.DispatchAsync();

        Assert.Single(rig.Slack.CallsTo("chat.postMessage"));
        Assert.Equal(2, rig.Slack.CallsTo("files.getUploadURLExternal").Count);
        Assert.Empty(rig.Slack.CallsTo("files.info"));
        Assert.DoesNotContain(rig.Slack.CallsTo("files.completeUploadExternal"), c => c.Arg("files")!.Contains(abandoned.FileId, StringComparison.Ordinal));
        var first = Assert.Single(rig.Slack.Files, f => f.Id == abandoned.FileId);
        Assert.Equal(0, first.Completions);
        var completed = Assert.Single(rig.Slack.CompletedFiles);
        Assert.NotEqual(abandoned.FileId, completed.Id);
        AssertDeliveredOnce(rig, completed, "C1");
        Assert.Equal(OutboxStatus.Sent, (await rig.RowAsync(Key)).Status);
    }

    [Fact]
    public async Task ACompletionThatNeverReachedSlack_FindsNoFileWithFilesInfo_AndStartsAgainUnderANewId()
    {
        await using var rig = await StartRigAsync();
        // The connection drops before Slack handles the completion (as when the host dies just after recording that it
        // started it): the row says "completing", Slack has nothing.
        rig.Slack.InjectFault("files.completeUploadExternal", FakeSlackFault.DropConnection);
        await rig.Outbox.EnqueueAsync([Report(rig)], CancellationToken.None);

        await rig.DispatchAsync();
        var started = (await rig.RowAsync(Key)).Progress!.Files[0];
        Assert.Equal(FileStep.Completing, started.Step);

        await DrainAsync(rig, TimeSpan.FromMinutes(1));

        Assert.Equal(started.FileId, Assert.Single(rig.Slack.CallsTo("files.info")).Arg("file"));
        Assert.Equal(0, rig.Slack.Files.Single(f => f.Id == started.FileId).Completions);
        var completed = Assert.Single(rig.Slack.CompletedFiles);
        Assert.NotEqual(started.FileId, completed.Id);
        AssertDeliveredOnce(rig, completed, "C1");
        Assert.Single(rig.Slack.CallsTo("chat.postMessage"));
        Assert.Equal(OutboxStatus.Sent, (await rig.RowAsync(Key)).Status);
    }

    [Theory]
    [InlineData(FakeSlackFault.ServerError)]
    [InlineData(FakeSlackFault.DropConnection)]
    public async Task AFailedUploadPost_IsRetried_FromStepOneUnderANewId(FakeSlackFault fault)
    {
        await using var rig = await StartRigAsync();
        rig.Slack.InjectFault("upload_url", fault);
        await rig.Outbox.EnqueueAsync([Report(rig)], CancellationToken.None);

        await rig.DispatchAsync();
        var failed = await rig.RowAsync(Key);
        Assert.Equal((OutboxStatus.Pending, 1, FileStep.Uploading), (failed.Status, failed.Attempts, failed.Progress!.Files[0].Step));
        Assert.Equal(fault == FakeSlackFault.ServerError ? "upload_http_500" : "network", fault == FakeSlackFault.ServerError ? failed.LastError : failed.LastError![..7]);

        await DrainAsync(rig, TimeSpan.FromMinutes(1));

        Assert.Single(rig.Slack.CallsTo("chat.postMessage"));
        Assert.Equal(2, rig.Slack.CallsTo("upload_url").Count);
        Assert.Equal(0, rig.Slack.Files[0].Completions);
        AssertDeliveredOnce(rig, Assert.Single(rig.Slack.CompletedFiles), "C1");
        Assert.Equal(OutboxStatus.Sent, (await rig.RowAsync(Key)).Status);
    }

    [Fact]
    public async Task A500OnGetUploadUrl_IsRetriedWithoutPostingTheTextAgain()
    {
        await using var rig = await StartRigAsync();
        rig.Slack.InjectFault("files.getUploadURLExternal", FakeSlackFault.ServerError, times: 2);
        await rig.Outbox.EnqueueAsync([Report(rig)], CancellationToken.None);

        await rig.DispatchAsync();
        await DrainAsync(rig, TimeSpan.FromMinutes(1));

        Assert.Single(rig.Slack.CallsTo("chat.postMessage"));
        Assert.Equal(3, rig.Slack.CallsTo("files.getUploadURLExternal").Count);
        AssertDeliveredOnce(rig, Assert.Single(rig.Slack.CompletedFiles), "C1");
        Assert.Equal((OutboxStatus.Sent, 2), ((await rig.RowAsync(Key)).Status, (await rig.RowAsync(Key)).Attempts));
    }

    [Theory]
    [InlineData("file_uploads_disabled")]
    [InlineData("not_in_channel")]
    [InlineData("invalid_auth")]
    public async Task APermanentErrorOnAFileStep_FailsTheRow_AfterTheTextWentOutOnce(string error)
    {
        await using var rig = await StartRigAsync();
        rig.Slack.FailMethod("files.getUploadURLExternal", error);
        await rig.Outbox.EnqueueAsync([Report(rig)], CancellationToken.None);

        await rig.DispatchAsync();
        rig.Clock.Advance(TimeSpan.FromHours(1));
        await rig.DispatchAsync();

        var row = await rig.RowAsync(Key);
        Assert.Equal((OutboxStatus.Failed, error), (row.Status, row.LastError));
        Assert.Single(rig.Slack.CallsTo("chat.postMessage"));
        Assert.Single(rig.Slack.CallsTo("files.getUploadURLExternal"));
        Assert.Empty(rig.Slack.CompletedFiles);
    }
}

/// <summary>File delivery on SQLite.</summary>
public sealed class SqliteSlackFileDeliveryTests : SlackFileDeliveryTests
{
    protected override bool OnPostgres => false;
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class PostgresSlackFileDeliveryTests : SlackFileDeliveryTests
{
    protected override bool OnPostgres => true;
}
