using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Messages;

/// <summary>The small things a person notices in replies: plurals, enum names, nested relative times, pause notes, raw mentions, digest wording, titles.</summary>
public sealed class SmallThingsTests
{
    private static readonly Instant Now = TestDates.MondayMorning;

    private static readonly ReplyContext View = new(
        new InboundCommand(ChatPlatform.Slack, new WorkspaceId("T1"), "C1", false, new UserId("U1"), "", Now, null, "America/New_York"),
        TestDates.NewYork,
        "/promise");

    private static Promise Make(PromiseStatus status = PromiseStatus.Open) => new()
    {
        Workspace = new WorkspaceId("T1"), Number = new PromiseNumber(5), Title = "Call back Dana", Owner = new UserId("U1"),
        DueAt = Now + Duration.FromHours(2), MadeBy = new UserId("U1"), MadeAt = Now - Duration.FromDays(1), Channel = "C1", Status = status,
    };

    private static string Text(Reply reply) => string.Concat(reply.Blocks.SelectMany(b => b switch
    {
        TextBlock t => t.Runs,
        ContextBlock c => c.Runs,
        PromiseLineBlock l => l.Runs,
        _ => [],
    }).Select(r => r switch
    {
        PlainRun p => p.Text,
        BoldRun b => b.Text,
        ItalicRun i => i.Text,
        CodeRun c => c.Text,
        StrikeRun s => s.Text,
        MentionRun m => "{@" + m.User.Value + "}",
        _ => "",
    }));

    private static Reply Apply(Promise before, ParsedCommand command)
    {
        var change = Assert.IsType<PromiseTransitions.Changed>(PromiseTransitions.Decide(before, command, new UserId("U1"), Now));
        return PromiseMessages.Changed(before, change.Promise, change.Event, View);
    }

    [Theory]
    [InlineData(19, "has 19 promises.")]
    [InlineData(1, "has 1 promise.")]
    public void AnEmptyPage_CountsWithAProperPlural(int total, string expected)
    {
        var reply = PromiseMessages.List(new ListFilter { All = true, Page = 9 }, 9, new PromisePage([], total), View);

        Assert.EndsWith(expected, Text(reply));
        Assert.DoesNotContain("(s)", Text(reply));
    }

    [Fact]
    public void ChangeSummaries_NeverShowAnEnumName()
    {
        var backup = Apply(Make(), new SetBackupCommand(new PromiseNumber(5), new UserId("U2")));
        var assigned = Apply(Make(), new AssignPromiseCommand(new PromiseNumber(5), new UserId("U2")));

        Assert.Equal("#5 Call back Dana: backup set", backup.Summary);
        Assert.Equal("#5 Call back Dana: reassigned", assigned.Summary);
        Assert.All(Enum.GetValues<PromiseEventKind>(), k => Assert.DoesNotContain(k.ToString(), PromiseMessages.KindText(k), StringComparison.Ordinal));
    }

    [Fact]
    public void TheDoneReply_SaysWhenItWasDue_WithoutANestedRelativeTime()
    {
        var text = Text(Apply(Make(), new CompletePromiseCommand(new PromiseNumber(5), null)));

        Assert.Contains("(was due Mon 23 Nov 12:00 EST)", text);
        Assert.DoesNotContain("(in 2 h)", text);
    }

    [Fact]
    public void ThePauseReply_KeepsANoteThatSaysMoreThanTheReason()
    {
        var withNote = Text(Apply(Make(), new PausePromiseCommand(new PromiseNumber(5), PauseReason.WaitingOnCustomer, "waiting on customer to send the logs")));
        var bare = Text(Apply(Make(), new PausePromiseCommand(new PromiseNumber(5), PauseReason.WaitingOnCustomer, "waiting on customer")));

        Assert.Contains("note: waiting on customer to send the logs", withNote);
        Assert.DoesNotContain("note:", bare);
    }

    [Fact]
    public void Refusals_EchoMentionsAsMentions_AndHintsShowNames()
    {
        var reply = PromiseMessages.Refusal(new CommandError("Nope.", "assign to <@U123ABC> and <@priya>", "list <@U123ABC|dana> overdue"), View);

        var text = Text(reply);
        Assert.Contains("{@U123ABC}", text);
        Assert.Contains("{@priya}", text);
        Assert.Contains("/promise list @dana overdue", text);
        Assert.DoesNotContain("<@", text);
    }

    [Fact]
    public void ADigestWithOnlyOverduePromises_SaysSoInItsHeaderAndCount()
    {
        var items = Enumerable.Range(1, 3).Select(n =>
        {
            var p = Make() with { Number = new PromiseNumber(n), DueAt = Now - Duration.FromHours(n) };
            return new TrackedPromise(p, new EscalationState(p.DueAt, EscalationStep.None, EscalationStep.None));
        }).ToList();

        var reply = DigestBuilder.Build(new DigestData(items, 3, 3), TestDates.NewYork, Now, quiet: false, "/promise", Duration.FromHours(4))!;

        Assert.Equal("Promises overdue or due in the next 48 hours", Assert.IsType<HeaderBlock>(reply.Blocks[0]).Text);
        Assert.Contains("3 overdue; nothing else is due in the next 48 hours", Text(reply));
        Assert.DoesNotContain("0 due", Text(reply));
    }

    [Theory]
    [InlineData("\u200B\u200D\uFEFF")]
    [InlineData("\u2060 \u00AD")]
    [InlineData("\u202E\u2066")]
    [InlineData("\u3164")]
    public void ATitleWithNothingVisible_IsNoTitle(string title) => Assert.Null(TitleText.Clean(title));

    [Theory]
    [InlineData("Call \u202Eanad back", "Call anad back")]
    [InlineData("\u2067Refund\u2069 order 1182", "Refund order 1182")]
    [InlineData("Caf\u00E9 \u200Dmenu", "Caf\u00E9 \u200Dmenu")]
    public void BidiControls_AreStripped_AndEverythingElseKept(string title, string stored) => Assert.Equal(stored, TitleText.Clean(title));
}
