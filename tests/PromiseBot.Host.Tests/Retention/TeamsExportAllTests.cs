using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Host.Tests.Teams;
using PromiseBot.Testing;
using PromiseBot.Testing.Teams.Connector;

namespace PromiseBot.Host.Tests.Retention;

/// <summary>
/// <c>export all</c> in a Teams 1:1 chat, end to end on 127.0.0.1: the zip is offered with a file consent card (held
/// until accepted, as <c>export</c>'s CSV is), every activity held against the Bot Framework validator.
/// </summary>
public sealed class TeamsExportAllTests : IAsyncLifetime
{
    private const string Chat = "a:personal-ana";

    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(BotHost.Start);
    private TeamsConnectorHost _rig = null!;

    public async Task InitializeAsync() => _rig = await TeamsConnectorHost.StartAsync(_db, _clock);

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task PersonalChat_ExportAll_OffersTheZipWithAFileConsentCard()
    {
        // Ana manages (set as the Teams form's people picker would, by her id).
        var schedules = _rig.Host.Services.GetRequiredService<IScheduleStore>();
        var current = await schedules.GetSettingsAsync(new WorkspaceId("teams:contoso"), CancellationToken.None);
        await schedules.SaveSettingsAsync(current with { Manager = new UserId("29:ana") }, ChatPlatform.Teams, new UserId("29:ana"),
            Instant.FromDateTimeOffset(_clock.GetUtcNow()), CancellationToken.None);
        await SayInChatAsync("Send the quote to Acme tomorrow 5pm", "2");
        await DrainAsync();
        var before = Sends().Count;

        await SayInChatAsync("export all", "3");
        await DrainAsync();

        var sent = Sends().Skip(before).ToList();
        Assert.Equal(2, sent.Count);
        foreach (var call in sent)
        {
            var valid = await PlatformValidators.BotActivityAsync(call.Json!.ToJsonString());
            Assert.True(valid.IsValid, valid.ToString());
        }

        Assert.Contains("Export of the whole workspace: 1 promise", JsonText.AllStrings(sent[0].Json), StringComparison.Ordinal);
        var offer = Assert.Single(sent[1].Json!["attachments"]!.AsArray())!.AsObject();
        Assert.Equal("application/vnd.microsoft.teams.card.file.consent", (string?)offer["contentType"]);
        Assert.Equal("promisebot-teams-contoso-2026-11-23.zip", (string?)offer["name"]);
    }

    private async Task SayInChatAsync(string text, string id)
    {
        var activity = _rig.Activity("message", "17300000000" + id, Chat, "personal");
        activity["text"] = text;
        Assert.Equal(200, (await _rig.PostAsync(activity)).Status);
    }

    private List<BotConnectorCall> Sends() => [.. _rig.Connector.CallsTo("send").Where(c => c.ConversationId == Chat)];

    private async Task DrainAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            await _rig.DispatchAsync(_clock);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
    }
}
