using Moq;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.UseCases;

/// <summary>
/// Someone other than the owner changes a promise: the owner is told by DM and the promise's channel by a line, in the
/// same store call as the change; once a manager is set, cancel and assign are kept to maker, backup and manager.
/// </summary>
public sealed class ChangesBehindTheOwnersBackTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0);
    private static readonly WorkspaceId Ws = new("T1");
    private static readonly UserId Owner = new("U-OWN");
    private static readonly UserId Maker = new("U-MAKER");
    private static readonly UserId Backup = new("U-BACK");
    private static readonly UserId Manager = new("U-BOSS");
    private static readonly UserId Stranger = new("U-OTHER");
    private static readonly PromiseNumber N = new(5);

    private static Promise Current() => new()
    {
        Workspace = Ws, Number = N, Title = "Call back Dana", Owner = Owner, Backup = Backup, DueAt = Now + Duration.FromDays(1),
        MadeBy = Maker, MadeAt = Now - Duration.FromDays(1), Channel = "C-PROMISE",
    };

    private sealed record Rig(PromiseCommandService Service, List<IReadOnlyList<OutboundMessage>> Queued, Mock<IPromiseStore> Store);

    private static Rig Make(UserId? manager)
    {
        var queued = new List<IReadOnlyList<OutboundMessage>>();
        var store = new Mock<IPromiseStore>();
        store.Setup(s => s.GetAsync(Ws, N, It.IsAny<CancellationToken>())).ReturnsAsync(Current());
        store.Setup(s => s.UpdateAsync(It.IsAny<Promise>(), 1, It.IsAny<PromiseEvent>(), It.IsAny<string?>(), It.IsAny<IReadOnlyList<OutboundMessage>>(), It.IsAny<CancellationToken>()))
            .Callback((Promise _, int _, PromiseEvent _, string? _, IReadOnlyList<OutboundMessage> m, CancellationToken _) => queued.Add(m))
            .ReturnsAsync(UpdateOutcome.Updated);
        var settings = new Mock<IScheduleStore>();
        settings.Setup(s => s.GetSettingsAsync(Ws, It.IsAny<CancellationToken>()))
            .ReturnsAsync(WorkspaceSettings.Defaults(Ws) with { Manager = manager });
        var zones = new Mock<IUserTimeZones>();
        zones.Setup(z => z.GetTimeZoneAsync(ChatPlatform.Slack, Ws, Owner, It.IsAny<CancellationToken>())).ReturnsAsync("Europe/London");
        var service = new PromiseCommandService(
            new CommandParser(TestDates.Parser), store.Object, new PromiseBotOptions { DefaultTimeZone = "America/New_York" },
            schedules: null, settings.Object, zones.Object);
        return new Rig(service, queued, store);
    }

    private static Task<Reply> RunAsync(Rig rig, string text, UserId user, string channel = "C-ELSEWHERE") =>
        rig.Service.HandleAsync(new InboundCommand(ChatPlatform.Slack, Ws, channel, false, user, text, Now, "key-" + text, "America/New_York"), CancellationToken.None);

    private static string Text(Reply reply) => string.Concat(reply.Blocks.SelectMany(BlockRuns).Select(r => r switch
    {
        MentionRun m => "@" + m.User.Value,
        PlainRun p => p.Text,
        BoldRun b => b.Text,
        ItalicRun i => i.Text,
        CodeRun c => c.Text,
        StrikeRun x => x.Text,
        LinkRun l => l.Label,
        _ => "",
    }));

    private static IEnumerable<TextRun> BlockRuns(ReplyBlock block) => block switch
    {
        TextBlock t => t.Runs,
        ContextBlock c => c.Runs,
        PromiseLineBlock l => l.Runs,
        FieldsBlock f => f.Fields.SelectMany(x => x.Value),
        _ => [],
    };

    [Theory]
    [InlineData("done 5 sent")]
    [InlineData("cancel 5 customer withdrew")]
    [InlineData("extend 5 to Friday 5pm")]
    [InlineData("assign 5 <@U-NEW>")]
    [InlineData("backup 5 <@U-NEW>")]
    [InlineData("pause 5 waiting on customer")]
    public async Task AChangeBySomeoneElse_TellsTheOwnerByDm_AndThePromisesChannel_InTheSameStoreCall(string text)
    {
        var rig = Make(manager: null);

        var reply = await RunAsync(rig, text, Stranger);

        Assert.Equal(ReplyTone.Success, reply.Tone);
        var messages = Assert.Single(rig.Queued);
        Assert.Equal(2, messages.Count);
        var dm = messages.Single(m => m.To.Kind == DestinationKind.User);
        Assert.Equal(Owner.Value, dm.To.Address);
        Assert.Equal("change:5:2:owner", dm.IdempotencyKey);
        Assert.StartsWith("@U-OTHER changed your promise #5:", Text(dm.Message));
        var line = messages.Single(m => m.To.Kind == DestinationKind.Channel);
        Assert.Equal("C-PROMISE", line.To.Address);
        Assert.StartsWith("@U-OTHER changed @U-OWN's promise #5:", Text(line.Message));
    }

    [Fact]
    public async Task TheOwnersDm_IsWrittenInTheOwnersZone()
    {
        var rig = Make(manager: null);

        await RunAsync(rig, "extend 5 to Friday 5pm", Stranger);

        var dm = rig.Queued.Single().Single(m => m.To.Kind == DestinationKind.User);
        Assert.Contains("GMT", Text(dm.Message));
    }

    [Fact]
    public async Task TheOwnersOwnChange_TellsNobodyElse()
    {
        var rig = Make(manager: Manager);

        await RunAsync(rig, "done 5", Owner);

        Assert.Empty(Assert.Single(rig.Queued));
    }

    [Fact]
    public async Task AChangeMadeInThePromisesOwnChannel_OnlyDmsTheOwner()
    {
        var rig = Make(manager: null);

        await RunAsync(rig, "done 5", Stranger, channel: "C-PROMISE");

        var only = Assert.Single(Assert.Single(rig.Queued));
        Assert.Equal(DestinationKind.User, only.To.Kind);
    }

    [Theory]
    [InlineData("cancel 5", "cancel")]
    [InlineData("assign 5 <@U-NEW>", "reassign")]
    public async Task WithAManager_CancelOrAssignBySomeoneElse_IsRefusedNamingWhoCan(string text, string verb)
    {
        var rig = Make(manager: Manager);

        var reply = await RunAsync(rig, text, Stranger);

        Assert.Equal(ReplyTone.Warning, reply.Tone);
        Assert.Contains($"only its maker @U-MAKER, its backup @U-BACK or the manager @U-BOSS can {verb} it.", Text(reply));
        rig.Store.Verify(s => s.UpdateAsync(It.IsAny<Promise>(), It.IsAny<int>(), It.IsAny<PromiseEvent>(), It.IsAny<string?>(), It.IsAny<IReadOnlyList<OutboundMessage>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("U-MAKER")]
    [InlineData("U-BACK")]
    [InlineData("U-BOSS")]
    public async Task WithAManager_MakerBackupAndManager_MayCancel(string who)
    {
        var rig = Make(manager: Manager);

        var reply = await RunAsync(rig, "cancel 5", new UserId(who));

        Assert.Equal(ReplyTone.Success, reply.Tone);
        Assert.Equal(2, Assert.Single(rig.Queued).Count);
    }

    [Fact]
    public async Task WithAManager_AnyoneMayStillMarkItDone_AndTheOwnerHears()
    {
        var rig = Make(manager: Manager);

        var reply = await RunAsync(rig, "done 5", Stranger);

        Assert.Equal(ReplyTone.Success, reply.Tone);
        Assert.Equal(2, Assert.Single(rig.Queued).Count);
    }

    [Fact]
    public void WhoMay_IsNullWithoutAManager_ForTheOwner_AndForTheUnguardedVerbs()
    {
        var promise = Current();
        Assert.Null(PromiseAuthority.WhoMay(promise, new CancelPromiseCommand(N, null), Stranger, manager: null));
        Assert.Null(PromiseAuthority.WhoMay(promise, new CancelPromiseCommand(N, null), Owner, Manager));
        Assert.Null(PromiseAuthority.WhoMay(promise, new CompletePromiseCommand(N, null), Stranger, Manager));
        Assert.Equal(3, PromiseAuthority.WhoMay(promise, new AssignPromiseCommand(N, Stranger), Stranger, Manager)!.Count);
        Assert.Equal(2, PromiseAuthority.WhoMay(promise with { MadeBy = Manager }, new CancelPromiseCommand(N, null), Stranger, Manager)!.Count);
    }
}
