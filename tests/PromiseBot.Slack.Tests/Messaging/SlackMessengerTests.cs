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

public sealed class SlackMessengerTests : IAsyncLifetime
{
    private static readonly WorkspaceId Team = new("T1");

    private static readonly Reply Digest = new(ReplyVisibility.Channel, ReplyTone.Info, "2 promises due <soon> & late", [
        new HeaderBlock("Due in the next 48 hours"),
        new PromiseLineBlock(new PromiseNumber(3), PromiseLineState.Overdue, [new BoldRun("#3"), new PlainRun(" Send the quote "), new MentionRun(new UserId("U1"))]),
        new FieldsBlock([new Field("Owner", [new MentionRun(new UserId("U1"))]), new Field("Due", [new PlainRun("Fri 17:00")])]),
        new DividerBlock(),
        new ContextBlock(new ItalicRun("times shown in America/New_York")),
    ]);

    private FakeSlackApi _slack = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync(seed: 7);
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private SlackMessenger Messenger(string? token = "xoxb-fake-token") => new(
        new SlackWebApiClient(_http, Options.Create(new SlackOptions { ApiBaseUrl = _slack.BaseUrl, BotToken = token })),
        new BlockKitRenderer());

    private static Destination Channel(string id = "C1") => new(ChatPlatform.Slack, Team, DestinationKind.Channel, id);

    private static Destination User(string id = "U42") => new(ChatPlatform.Slack, Team, DestinationKind.User, id);

    [Fact]
    public async Task Send_ToChannel_PostsValidBlockKitJsonAndReturnsTheTs()
    {
        var result = await Messenger().SendAsync(Channel("C9"), Digest, CancellationToken.None);

        var sent = Assert.IsType<SendResult.Sent>(result);
        var call = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.StartsWith("application/json", call.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("C9", call.Arg("channel"));
        Assert.Equal("2 promises due &lt;soon&gt; &amp; late", call.Arg("text"));
        Assert.Equal("Bearer xoxb-fake-token", call.Authorization);
        Assert.Equal(("C9", "1700000000.000001"), (sent.Conversation, sent.MessageId));
        var validation = await PlatformValidators.BlockKitAsync(call.RawBody);
        Assert.True(validation.IsValid, validation.ToString());
    }

    [Fact]
    public async Task Send_ToUser_OpensTheDmOnceAndPostsIntoIt()
    {
        var messenger = Messenger();

        var first = await messenger.SendAsync(User("U42"), Digest, CancellationToken.None);
        var second = await messenger.SendAsync(User("U42"), Digest, CancellationToken.None);

        var open = Assert.Single(_slack.CallsTo("conversations.open"));
        Assert.StartsWith("application/x-www-form-urlencoded", open.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("U42", open.Form["users"]);
        Assert.All(_slack.CallsTo("chat.postMessage"), c => Assert.Equal("D42", c.Arg("channel")));
        Assert.Equal("D42", Assert.IsType<SendResult.Sent>(first).Conversation);
        Assert.IsType<SendResult.Sent>(second);
        var validation = await PlatformValidators.BlockKitAsync(_slack.CallsTo("chat.postMessage")[0].RawBody);
        Assert.True(validation.IsValid, validation.ToString());
    }

    [Fact]
    public async Task Send_DmCache_IsPerWorkspace()
    {
        var messenger = Messenger();

        await messenger.SendAsync(User("U42"), Digest, CancellationToken.None);
        await messenger.SendAsync(User("U42") with { Workspace = new WorkspaceId("T2") }, Digest, CancellationToken.None);

        Assert.Equal(2, _slack.CallsTo("conversations.open").Count);
    }

    [Fact]
    public async Task Send_Http429_IsThrottledWithExactlyRetryAfter()
    {
        _slack.FailureRate = 1;
        _slack.FailureKind = FakeSlackFailure.RateLimited;
        _slack.RetryAfterSeconds = 7;

        var result = await Messenger().SendAsync(Channel(), Digest, CancellationToken.None);

        Assert.Equal(new SendResult.Throttled(TimeSpan.FromSeconds(7)), result);
    }

    [Fact]
    public async Task Send_Http500_IsTransient()
    {
        _slack.FailureRate = 1;
        _slack.FailureKind = FakeSlackFailure.ServerError;

        var result = await Messenger().SendAsync(Channel(), Digest, CancellationToken.None);

        Assert.Equal(new SendResult.Transient("http_500"), result);
    }

    [Fact]
    public async Task Send_ConnectionRefused_IsTransient()
    {
        var baseUrl = _slack.BaseUrl;
        await _slack.DisposeAsync();
        var messenger = new SlackMessenger(
            new SlackWebApiClient(_http, Options.Create(new SlackOptions { ApiBaseUrl = baseUrl, BotToken = "xoxb-fake-token" })),
            new BlockKitRenderer());
        _slack = await FakeSlackApi.StartAsync();

        var result = await messenger.SendAsync(Channel(), Digest, CancellationToken.None);

        Assert.IsType<SendResult.Transient>(result);
    }

    [Theory]
    [InlineData("chat.postMessage", "channel_not_found")]
    [InlineData("chat.postMessage", "not_in_channel")]
    [InlineData("chat.postMessage", "is_archived")]
    [InlineData("chat.postMessage", "invalid_auth")]
    [InlineData("chat.postMessage", "account_inactive")]
    [InlineData("chat.postMessage", "token_revoked")]
    [InlineData("chat.postMessage", "not_authed")]
    [InlineData("conversations.open", "user_not_found")]
    [InlineData("conversations.open", "cannot_dm_bot")]
    public async Task Send_ErrorThatCannotHeal_IsPermanent(string method, string error)
    {
        _slack.FailMethod(method, error);

        var result = await Messenger().SendAsync(User(), Digest, CancellationToken.None);

        Assert.Equal(new SendResult.Permanent(error), result);
    }

    [Fact]
    public async Task Send_OtherOkFalse_IsTransient()
    {
        _slack.FailMethod("chat.postMessage", "internal_error");

        var result = await Messenger().SendAsync(Channel(), Digest, CancellationToken.None);

        Assert.Equal(new SendResult.Transient("internal_error"), result);
    }

    [Fact]
    public async Task Send_WithoutToken_IsPermanentNotAuthedWithoutCallingSlack()
    {
        var messenger = Messenger(token: null);

        var result = await messenger.SendAsync(Channel(), Digest, CancellationToken.None);

        Assert.False(messenger.IsConfigured);
        Assert.Equal(new SendResult.Permanent("not_authed"), result);
        Assert.Empty(_slack.Calls);
    }

    [Fact]
    public async Task UpdateMessage_SendsJsonChannelTsAndText()
    {
        var client = new SlackWebApiClient(_http, Options.Create(new SlackOptions { ApiBaseUrl = _slack.BaseUrl, BotToken = "xoxb-fake-token" }));
        var body = new BlockKitRenderer().RenderMessage(Digest, "C1");
        body["ts"] = "1700000000.000009";

        var updated = await client.UpdateMessageAsync("T1", body, CancellationToken.None);

        var call = Assert.Single(_slack.CallsTo("chat.update"));
        Assert.Equal(("C1", "1700000000.000009"), (call.Arg("channel"), call.Arg("ts")));
        Assert.Equal(new SlackPostedMessage("C1", "1700000000.000009"), updated);
    }
}
