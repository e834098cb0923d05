using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Recovery;

/// <summary>The breach DM asks its owner for the recovery note; repeats say "no recovery note yet" until there is one.</summary>
public sealed class RecoveryInEscalationsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 15, 0);
    private static readonly UserId Owner = new("U-OWN");
    private static readonly UserId Boss = new("U-BOSS");

    private static readonly Promise Late = new()
    {
        Workspace = new WorkspaceId("T1"), Number = new PromiseNumber(5), Title = "Ship the part", Owner = Owner,
        DueAt = Now - Duration.FromDays(2), MadeBy = Owner, MadeAt = Now - Duration.FromDays(4), Channel = "C1",
    };

    [Fact]
    public void TheBreachDm_ToTheOwner_HasTheButton_AndTheManagersHasNot()
    {
        var owner = EscalationMessages.Direct(Late, EscalationStep.Breach, Owner, TestDates.NewYork, Now, ChatPlatform.Slack);
        var manager = EscalationMessages.Direct(Late, EscalationStep.Breach, Boss, TestDates.NewYork, Now, ChatPlatform.Slack);
        var reminder = EscalationMessages.Direct(Late, EscalationStep.AtRisk, Owner, TestDates.NewYork, Now, ChatPlatform.Slack);

        Assert.Contains(owner.Blocks, b => b is RecoveryPromptBlock { Number.Value: 5 });
        Assert.DoesNotContain(manager.Blocks, b => b is RecoveryPromptBlock);
        Assert.DoesNotContain(reminder.Blocks, b => b is RecoveryPromptBlock);
    }

    [Fact]
    public void ARepeat_SaysNoRecoveryNoteYet_UntilThereIsOne()
    {
        var before = EscalationMessages.Repeat(Late, Owner, TestDates.NewYork, Now, ChatPlatform.Slack, 2, recoveryNoted: false);
        var after = EscalationMessages.Repeat(Late, Owner, TestDates.NewYork, Now, ChatPlatform.Slack, 2, recoveryNoted: true);

        Assert.Contains("no one has acknowledged, no recovery note yet", before.Summary, StringComparison.Ordinal);
        Assert.Contains(before.Blocks, b => b is RecoveryPromptBlock);
        Assert.DoesNotContain("recovery note", after.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(after.Blocks, b => b is RecoveryPromptBlock);
    }

    [Fact]
    public void TheBlocks_SurviveTheOutbox()
    {
        var reply = new Reply(ReplyVisibility.Channel, ReplyTone.Info, "x",
        [
            new RecoveryPromptBlock(new PromiseNumber(5)),
            new RecoveryFormBlock(new PromiseNumber(5), new PromiseBot.Core.Recovery.RecoveryFormInput("yes", null, "Other", "<b>courier</b>", "fix", null),
                new Dictionary<PromiseBot.Core.Recovery.RecoveryFormField, string> { [PromiseBot.Core.Recovery.RecoveryFormField.Prevention] = "Too long." }),
        ]);

        var back = ReplyJson.Deserialize(ReplyJson.Serialize(reply));

        Assert.Equal(reply.Blocks[0], back.Blocks[0]);
        var form = Assert.IsType<RecoveryFormBlock>(back.Blocks[1]);
        Assert.Equal(((RecoveryFormBlock)reply.Blocks[1]).Values, form.Values);
        Assert.Equal("Too long.", form.Problems[PromiseBot.Core.Recovery.RecoveryFormField.Prevention]);
    }
}
