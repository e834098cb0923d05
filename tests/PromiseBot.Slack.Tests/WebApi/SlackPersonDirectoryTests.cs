using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Slack.WebApi;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Slack.Tests.WebApi;

public sealed class SlackPersonDirectoryTests : IAsyncLifetime
{
    private static readonly WorkspaceId Team = new("T1");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
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

    private SlackPersonDirectory Directory(string? token = "xoxb-fake-token") =>
        new(new SlackWebApiClient(_http, Options.Create(new SlackOptions { ApiBaseUrl = _slack.BaseUrl, BotToken = token })), _time);

    [Theory]
    [InlineData(false, false, PersonStanding.Person)]
    [InlineData(true, false, PersonStanding.Bot)]
    [InlineData(false, true, PersonStanding.Deactivated)]
    public async Task Standing_IsWhatUsersInfoSays(bool isBot, bool deleted, PersonStanding expected)
    {
        _slack.AddUser("U1", "UTC", isBot, deleted);

        Assert.Equal(expected, await Directory().StandingAsync(Team, new UserId("U1"), CancellationToken.None));
    }

    [Fact]
    public async Task SomeoneSlackDoesNotKnow_IsUnknown()
    {
        Assert.Equal(PersonStanding.Unknown, await Directory().StandingAsync(Team, new UserId("UNOBODY"), CancellationToken.None));
    }

    [Fact]
    public async Task WithoutABotToken_ItCannotTell_AndSlackIsNotAsked()
    {
        Assert.Equal(PersonStanding.CouldNotTell, await Directory(token: null).StandingAsync(Team, new UserId("U1"), CancellationToken.None));
        Assert.Empty(_slack.CallsTo("users.info"));
    }

    [Fact]
    public async Task WhenSlackRefusesTheLookup_ItCannotTell()
    {
        _slack.FailMethod("users.info", "internal_error");

        Assert.Equal(PersonStanding.CouldNotTell, await Directory().StandingAsync(Team, new UserId("U1"), CancellationToken.None));
    }

    [Fact]
    public async Task WhenSlackDoesNotAnswerInTime_ItCannotTell()
    {
        _slack.AddUser("U1", "UTC", isBot: true);
        _slack.Hold("users.info");
        try
        {
            var standing = Directory().StandingAsync(Team, new UserId("U1"), CancellationToken.None);
            await _slack.WaitForCallAsync("users.info");
            _time.Advance(SlackPersonDirectory.LookupTimeout);

            Assert.Equal(PersonStanding.CouldNotTell, await standing);
        }
        finally
        {
            _slack.Release("users.info");
        }
    }

    [Fact]
    public async Task OurOwnCancellation_IsNotSwallowed()
    {
        _slack.AddUser("U1", "UTC");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Directory().StandingAsync(Team, new UserId("U1"), cancelled.Token));
    }
}
