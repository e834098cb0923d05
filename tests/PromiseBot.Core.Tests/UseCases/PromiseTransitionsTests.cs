using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.UseCases;

public sealed class PromiseTransitionsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0);
    private static readonly UserId Ana = new("U-ANA");
    private static readonly UserId Bob = new("U-BOB");
    private static readonly PromiseNumber N = new(7);

    private static Promise Make(PromiseStatus status, Duration? dueIn = null) => new()
    {
        Workspace = new WorkspaceId("T1"),
        Number = N,
        Title = "Send the quote",
        Owner = Ana,
        DueAt = Now + (dueIn ?? Duration.FromDays(1)),
        MadeBy = Ana,
        MadeAt = Now - Duration.FromDays(1),
        Channel = "C1",
        Status = status,
        PauseReason = status == PromiseStatus.Paused ? PauseReason.WaitingOnCustomer : null,
        DoneAt = status == PromiseStatus.Done ? Now - Duration.FromHours(1) : null,
    };

    private static ResolvedDue Due(Duration fromNow) => new(Now + fromNow, false, "later");

    public static TheoryData<PromiseStatus, ParsedCommand, bool> Table() => new()
    {
        // status, command, allowed
        { PromiseStatus.Open, new CompletePromiseCommand(N, null), true },
        { PromiseStatus.Paused, new CompletePromiseCommand(N, "sent"), true },
        { PromiseStatus.Done, new CompletePromiseCommand(N, null), false },
        { PromiseStatus.Cancelled, new CompletePromiseCommand(N, null), false },
        { PromiseStatus.Open, new ExtendPromiseCommand(N, Due(Duration.FromDays(3)), "asked"), true },
        { PromiseStatus.Paused, new ExtendPromiseCommand(N, Due(Duration.FromDays(3)), null), true },
        { PromiseStatus.Done, new ExtendPromiseCommand(N, Due(Duration.FromDays(3)), null), false },
        { PromiseStatus.Cancelled, new ExtendPromiseCommand(N, Due(Duration.FromDays(3)), null), false },
        { PromiseStatus.Open, new ExtendPromiseCommand(N, Due(Duration.FromDays(1)), null), false }, // same due date
        { PromiseStatus.Open, new PausePromiseCommand(N, PauseReason.WaitingOnVendor, "vendor"), true },
        { PromiseStatus.Paused, new PausePromiseCommand(N, PauseReason.WaitingOnVendor, "vendor"), false },
        { PromiseStatus.Done, new PausePromiseCommand(N, PauseReason.Other, "x"), false },
        { PromiseStatus.Paused, new ResumePromiseCommand(N), true },
        { PromiseStatus.Open, new ResumePromiseCommand(N), false },
        { PromiseStatus.Cancelled, new ResumePromiseCommand(N), false },
        { PromiseStatus.Open, new AssignPromiseCommand(N, Bob), true },
        { PromiseStatus.Open, new AssignPromiseCommand(N, Ana), false }, // already the owner
        { PromiseStatus.Done, new AssignPromiseCommand(N, Bob), false },
        { PromiseStatus.Open, new SetBackupCommand(N, Bob), true },
        { PromiseStatus.Open, new SetBackupCommand(N, Ana), false }, // owner can't back themselves up
        { PromiseStatus.Cancelled, new SetBackupCommand(N, Bob), false },
        { PromiseStatus.Open, new CancelPromiseCommand(N, "withdrawn"), true },
        { PromiseStatus.Paused, new CancelPromiseCommand(N, null), true },
        { PromiseStatus.Cancelled, new CancelPromiseCommand(N, null), false },
        { PromiseStatus.Done, new CancelPromiseCommand(N, null), false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Decide_FollowsTheStateMachine(PromiseStatus status, ParsedCommand command, bool allowed)
    {
        var current = Make(status);

        var decision = PromiseTransitions.Decide(current, command, Bob, Now);

        if (allowed)
        {
            var changed = Assert.IsType<PromiseTransitions.Changed>(decision);
            Assert.Equal(current.Version + 1, changed.Promise.Version);
            Assert.Equal(Bob, changed.Event.Actor);
            Assert.Equal(Now, changed.Event.At);
        }
        else
        {
            var refused = Assert.IsType<PromiseTransitions.Refused>(decision);
            Assert.False(string.IsNullOrWhiteSpace(refused.Reason));
        }
    }

    [Fact]
    public void Done_BeforeDue_IsKeptOnTime_AndAfterDue_IsLate()
    {
        var onTime = (PromiseTransitions.Changed)PromiseTransitions.Decide(Make(PromiseStatus.Open, Duration.FromHours(1)), new CompletePromiseCommand(N, null), Ana, Now);
        var late = (PromiseTransitions.Changed)PromiseTransitions.Decide(Make(PromiseStatus.Open, Duration.FromHours(-1)), new CompletePromiseCommand(N, null), Ana, Now);

        Assert.True(onTime.Promise.KeptOnTime);
        Assert.Equal("done (on time)", onTime.Event.NewValue);
        Assert.False(late.Promise.KeptOnTime);
        Assert.Equal("done (late)", late.Event.NewValue);
    }

    [Fact]
    public void Extend_RecordsOldAndNewDueAndTheReason()
    {
        var current = Make(PromiseStatus.Open);
        var changed = (PromiseTransitions.Changed)PromiseTransitions.Decide(current, new ExtendPromiseCommand(N, Due(Duration.FromDays(5)), "customer asked"), Ana, Now);

        Assert.Equal(Now + Duration.FromDays(5), changed.Promise.DueAt);
        Assert.Equal(PromiseEventKind.Extended, changed.Event.Kind);
        Assert.Equal(PromiseTransitions.InstantText(current.DueAt), changed.Event.OldValue);
        Assert.Equal(PromiseTransitions.InstantText(Now + Duration.FromDays(5)), changed.Event.NewValue);
        Assert.Equal("customer asked", changed.Event.Note);
    }

    [Fact]
    public void Assign_ToTheBackup_ClearsTheBackup()
    {
        var current = Make(PromiseStatus.Open) with { Backup = Bob };

        var changed = (PromiseTransitions.Changed)PromiseTransitions.Decide(current, new AssignPromiseCommand(N, Bob), Ana, Now);

        Assert.Equal(Bob, changed.Promise.Owner);
        Assert.Null(changed.Promise.Backup);
        Assert.Equal((Ana.Value, Bob.Value), (changed.Event.OldValue, changed.Event.NewValue));
    }
}
