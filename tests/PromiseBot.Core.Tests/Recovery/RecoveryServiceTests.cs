using Moq;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Recovery;

/// <summary>
/// Recovery notes through the one use case every surface uses (<see cref="PromiseCommandService"/> → <see cref="RecoveryService"/>):
/// stored on a breached promise only, replaced by a later one, shown by <c>show</c>, the apology drafted from it, and
/// one reminder queued with a late or broken close.
/// </summary>
public sealed class RecoveryServiceTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 15, 0); // Wed 10:00 New York
    private static readonly WorkspaceId Ws = new("T1");
    private static readonly UserId Owner = new("U-OWN");
    private static readonly UserId Writer = new("U-WRITER");

    private static Promise Overdue(int number = 5) => new()
    {
        Workspace = Ws, Number = new PromiseNumber(number), Title = "Ship the replacement part", Customer = "Contoso", Owner = Owner,
        DueAt = Now - Duration.FromHours(20), MadeBy = Owner, MadeAt = Now - Duration.FromDays(3), Channel = "C1",
    };

    private static Promise NotDueYet(int number = 6) => Overdue(number) with { DueAt = Now + Duration.FromDays(1) };

    private static Promise KeptOnTime(int number = 7) => Overdue(number) with
    {
        Status = PromiseStatus.Done, DoneAt = Now - Duration.FromDays(1), ClosedAt = Now - Duration.FromDays(1), Outcome = Outcome.Kept,
    };

    private static Promise ClosedLate(int number = 8) => Overdue(number) with
    {
        Status = PromiseStatus.Done, DoneAt = Now - Duration.FromHours(2), ClosedAt = Now - Duration.FromHours(2), Outcome = Outcome.Late,
        BreachedDue = Now - Duration.FromHours(20), LateFrom = Now - Duration.FromHours(20), Lateness = Duration.FromHours(18),
    };

    private sealed record Rig(PromiseCommandService Service, FakeRecoveryNotes Notes, List<IReadOnlyList<OutboundMessage>> Queued);

    private static Rig Make(params Promise[] promises)
    {
        var byNumber = promises.ToDictionary(p => p.Number);
        var store = new Mock<IPromiseStore>();
        store.Setup(s => s.GetAsync(Ws, It.IsAny<PromiseNumber>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((WorkspaceId _, PromiseNumber n, CancellationToken _) => byNumber.GetValueOrDefault(n));
        var queued = new List<IReadOnlyList<OutboundMessage>>();
        store.Setup(s => s.UpdateAsync(It.IsAny<Promise>(), It.IsAny<int>(), It.IsAny<PromiseEvent>(), It.IsAny<string?>(), It.IsAny<IReadOnlyList<OutboundMessage>>(), It.IsAny<CancellationToken>()))
            .Callback((Promise _, int _, PromiseEvent _, string? _, IReadOnlyList<OutboundMessage> m, CancellationToken _) => queued.Add(m))
            .ReturnsAsync(UpdateOutcome.Updated);
        var notes = new FakeRecoveryNotes((w, n) => w == Ws && byNumber.ContainsKey(n));
        var settings = new Mock<IScheduleStore>();
        settings.Setup(s => s.GetSettingsAsync(Ws, It.IsAny<CancellationToken>())).ReturnsAsync(WorkspaceSettings.Defaults(Ws));
        var options = new PromiseBotOptions { DefaultTimeZone = "America/New_York" };
        var recovery = new RecoveryService(store.Object, notes, options, settings.Object);
        var service = new PromiseCommandService(new CommandParser(TestDates.Parser), store.Object, options, recovery: recovery);
        return new Rig(service, notes, queued);
    }

    private static Task<Reply> RunAsync(Rig rig, string text, Instant? at = null, UserId? user = null) =>
        rig.Service.HandleAsync(new InboundCommand(ChatPlatform.Slack, Ws, "C1", false, user ?? Writer, text, at ?? Now, "key-" + text, "America/New_York"), CancellationToken.None);

    private static string Text(Reply reply) => string.Concat(reply.Blocks.SelectMany(BlockRuns).Select(r => r switch
    {
        MentionRun m => "@" + m.User.Value,
        PlainRun p => p.Text,
        BoldRun b => b.Text,
        ItalicRun i => i.Text,
        CodeRun c => c.Text,
        StrikeRun x => x.Text,
        _ => "",
    }) .Append(" ")) ;

    private static IEnumerable<TextRun> BlockRuns(ReplyBlock block) => block switch
    {
        TextBlock t => t.Runs,
        ContextBlock c => c.Runs,
        PromiseLineBlock l => l.Runs,
        FieldsBlock f => f.Fields.SelectMany(x => x.Value.Prepend(new PlainRun(x.Label + ": "))),
        _ => [],
    };

    [Fact]
    public async Task ANote_OnAnOverduePromise_IsStored_WithAnEvent()
    {
        var rig = Make(Overdue());

        var reply = await RunAsync(rig, "recover 5 cause vendor; fix sent a loaner; prevent keep two spares; told yes");

        Assert.Equal(ReplyTone.Success, reply.Tone);
        var note = rig.Notes.Notes[(Ws, new PromiseNumber(5))];
        Assert.Equal(new RecoveryNote(Ws, new PromiseNumber(5), true, null, RecoveryCause.Vendor, null, "sent a loaner", "keep two spares", Writer, Now), note);
        var change = Assert.Single(rig.Notes.Events);
        Assert.Equal(PromiseEventKind.RecoveryNoted, change.Kind);
        Assert.Equal(Writer, change.Actor);
        Assert.Null(change.OldValue);
        Assert.Equal("Vendor", change.NewValue);
        Assert.Equal("cause: vendor · fix: sent a loaner · prevent: keep two spares · customer told: yes", change.Note);
        Assert.Contains("Recovery note saved for #5", Text(reply), StringComparison.Ordinal);
        Assert.Contains("apology 5", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALaterNote_ReplacesTheCurrentOne_AndTheHistoryKeepsBoth()
    {
        var rig = Make(ClosedLate());
        await RunAsync(rig, "recover 8 cause vendor");

        var reply = await RunAsync(rig, "recover 8 cause capacity; prevent hire a temp", Now + Duration.FromMinutes(5));

        Assert.Equal(RecoveryCause.Capacity, rig.Notes.Notes[(Ws, new PromiseNumber(8))].Cause);
        Assert.Equal(2, rig.Notes.Events.Count);
        Assert.Equal("Vendor", rig.Notes.Events[1].OldValue);
        Assert.Contains("Recovery note updated", Text(reply), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, "hasn't missed its deadline")]
    [InlineData(7, "was kept")]
    public async Task ANote_OnAPromiseThatNeverBreached_IsRefused_AndNothingIsStored(int number, string says)
    {
        var rig = Make(NotDueYet(), KeptOnTime());

        var reply = await RunAsync(rig, $"recover {number} cause vendor");

        Assert.Equal(ReplyTone.Error, reply.Tone);
        Assert.Contains(says, Text(reply), StringComparison.Ordinal);
        Assert.Contains("recover 12 cause vendor;", Text(reply), StringComparison.Ordinal);
        Assert.Empty(rig.Notes.Notes);
        Assert.Empty(rig.Notes.Events);
    }

    [Fact]
    public async Task ANote_OnAnUnknownPromise_IsRefused_AndNothingIsStored()
    {
        var rig = Make(Overdue());

        var reply = await RunAsync(rig, "recover 99 cause vendor");

        Assert.NotEqual(ReplyTone.Success, reply.Tone);
        Assert.Contains("#99", Text(reply), StringComparison.Ordinal);
        Assert.Empty(rig.Notes.Notes);
    }

    [Fact]
    public async Task AnExtendedPromise_ThatBreachedBefore_TakesANote()
    {
        var extended = NotDueYet() with { BreachedDue = Now - Duration.FromHours(3) };
        var rig = Make(extended);

        var reply = await RunAsync(rig, "recover 6 cause underestimated");

        Assert.Equal(ReplyTone.Success, reply.Tone);
    }

    [Fact]
    public async Task Show_HasTheNote_OrSaysThereIsNoneYet()
    {
        var rig = Make(Overdue());
        Assert.Contains("No recovery note yet", Text(await RunAsync(rig, "show 5")), StringComparison.Ordinal);

        await RunAsync(rig, "recover 5 cause other: the courier lost it; fix sent another by taxi");
        var shown = Text(await RunAsync(rig, "show 5"));

        Assert.Contains("Cause: other — the courier lost it", shown, StringComparison.Ordinal);
        Assert.Contains("Fix: sent another by taxi", shown, StringComparison.Ordinal);
        Assert.Contains("Prevention: not written yet", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("No recovery note yet", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_SaysANoteWasWritten()
    {
        var history = PromiseMessages.History(
            Overdue(),
            [new PromiseEvent(PromiseEventKind.RecoveryNoted, Writer, Now, null, "Vendor", "cause: vendor · fix: sent a loaner")],
            new ReplyContext(new InboundCommand(ChatPlatform.Slack, Ws, "C1", false, Writer, "history 5", Now, null, null), TestDates.NewYork, "/promise"));

        Assert.Contains("wrote the recovery note — cause: vendor · fix: sent a loaner", Text(history), StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Apology_WithoutANote_IsRefusedWithAHint()
    {
        var rig = Make(Overdue());

        var reply = await RunAsync(rig, "apology 5");

        Assert.Equal(ReplyTone.Error, reply.Tone);
        Assert.Contains("no recovery note yet", Text(reply), StringComparison.Ordinal);
        Assert.Contains("recover 5 cause", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apology_OwnsIt_SaysWhatHappenedTheFixAndThePrevention_AndBlamesNobody()
    {
        var rig = Make(ClosedLate());
        await RunAsync(rig, "recover 8 cause vendor — the supplier shipped the wrong part; fix sent a loaner the same day; prevent we keep two spares in stock");

        var reply = await RunAsync(rig, "apology 8");
        var draft = Assert.IsType<PlainRun>(Assert.Single(((TextBlock)reply.Blocks[1]).Runs)).Text;

        Assert.StartsWith("Hi Contoso,", draft, StringComparison.Ordinal);
        Assert.Contains("I'm sorry: we promised you \"Ship the replacement part\" by Tuesday 24 November, and we didn't keep that promise. That's on us", draft, StringComparison.Ordinal);
        Assert.Contains("What happened: part of it depended on a supplier, and we didn't leave enough room in our plan for a delay there.", draft, StringComparison.Ordinal);
        Assert.Contains("What we're doing: it was delivered on Wednesday 25 November; sent a loaner the same day.", draft, StringComparison.Ordinal);
        Assert.Contains("How we'll prevent it: we keep two spares in stock.", draft, StringComparison.Ordinal);
        // The internal cause text names who let us down; the customer's message doesn't pass the blame on.
        Assert.DoesNotContain("wrong part", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("fault", draft, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Apology_ForACustomerDelay_StillOwnsIt()
    {
        var note = new RecoveryNote(Ws, new PromiseNumber(5), null, null, RecoveryCause.WaitingOnCustomer, "they sent the logs late", null, null, Writer, Now);

        var draft = RecoveryMessages.ApologyText(Overdue() with { Customer = null }, note, TestDates.NewYork, Now);

        Assert.StartsWith("Hi there,", draft, StringComparison.Ordinal);
        Assert.Contains("we didn't follow up early enough", draft, StringComparison.Ordinal);
        Assert.Contains("What we're doing: we're working on it now, and I'll update you as soon as it's done.", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("they sent", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("you sent", draft, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALateClose_QueuesOneReminderToTheOwner_AnHourLater()
    {
        var rig = Make(Overdue());

        await RunAsync(rig, "done 5", user: Owner);

        var reminder = Assert.Single(rig.Queued.Single(), m => m.IdempotencyKey == "recovery-reminder:5");
        Assert.Equal(new Destination(ChatPlatform.Slack, Ws, DestinationKind.User, Owner.Value), reminder.To);
        Assert.Equal(Now + Duration.FromHours(1), reminder.NotBefore);
        Assert.Equal(RecoveryRules.ReminderStep, reminder.Guard!.Step);
        Assert.Contains(reminder.Message.Blocks, b => b is RecoveryPromptBlock { Number.Value: 5 });
    }

    [Fact]
    public async Task ALateClose_InTheEvening_WaitsForQuietHoursToEnd()
    {
        var rig = Make(Overdue());
        var evening = Instant.FromUtc(2026, 11, 26, 0, 30); // Wed 19:30 New York; the reminder would be 20:30, inside 20:00-08:00

        await RunAsync(rig, "done 5", evening, Owner);

        var reminder = Assert.Single(rig.Queued.Single(), m => m.IdempotencyKey == "recovery-reminder:5");
        Assert.Equal(Instant.FromUtc(2026, 11, 26, 13, 0), reminder.NotBefore); // Thu 08:00 New York
    }

    [Fact]
    public async Task ABrokenPromise_GetsTheReminderToo_ButNotOneThatHasANote()
    {
        var rig = Make(Overdue(), Overdue(9));
        await RunAsync(rig, "recover 9 cause capacity");

        await RunAsync(rig, "broken 5 part discontinued", user: Owner);
        await RunAsync(rig, "broken 9", user: Owner);

        Assert.Contains(rig.Queued[0], m => m.IdempotencyKey == "recovery-reminder:5");
        Assert.DoesNotContain(rig.Queued[1], m => m.IdempotencyKey.StartsWith("recovery-reminder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOnTimeClose_GetsNoReminder()
    {
        var rig = Make(NotDueYet());

        await RunAsync(rig, "done 6", user: Owner);

        Assert.DoesNotContain(rig.Queued.Single(), m => m.IdempotencyKey.StartsWith("recovery-reminder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheGuard_DropsTheReminder_OnceANoteExists_OrThePromiseWasReopened()
    {
        var late = ClosedLate();
        var promises = new Mock<IPromiseStore>();
        promises.Setup(s => s.GetAsync(Ws, late.Number, It.IsAny<CancellationToken>())).ReturnsAsync(late);
        var notes = new FakeRecoveryNotes((_, _) => true);
        var inner = new Mock<IDeliveryGuardCheck>(MockBehavior.Strict);
        var check = new RecoveryGuardCheck(inner.Object, promises.Object, notes);
        var guard = new DeliveryGuard(late.Number, RecoveryRules.ReminderStep, late.DueAt);

        Assert.True(await check.IsStillWantedAsync(Ws, guard, CancellationToken.None));

        promises.Setup(s => s.GetAsync(Ws, late.Number, It.IsAny<CancellationToken>())).ReturnsAsync(late with { Status = PromiseStatus.Open, Outcome = null });
        Assert.False(await check.IsStillWantedAsync(Ws, guard, CancellationToken.None));

        promises.Setup(s => s.GetAsync(Ws, late.Number, It.IsAny<CancellationToken>())).ReturnsAsync(late);
        await notes.SaveAsync(new RecoveryNote(Ws, late.Number, null, null, RecoveryCause.Vendor, null, null, null, Writer, Now), new PromiseEvent(PromiseEventKind.RecoveryNoted, Writer, Now, null, "Vendor", null), null, CancellationToken.None);
        Assert.False(await check.IsStillWantedAsync(Ws, guard, CancellationToken.None));
    }

    [Fact]
    public async Task TheGuard_AsksTheLadder_AboutEverythingElse()
    {
        var inner = new Mock<IDeliveryGuardCheck>();
        var guard = new DeliveryGuard(new PromiseNumber(5), "breach", Now);
        inner.Setup(i => i.IsStillWantedAsync(Ws, guard, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var check = new RecoveryGuardCheck(inner.Object, Mock.Of<IPromiseStore>(), new FakeRecoveryNotes((_, _) => true));

        Assert.True(await check.IsStillWantedAsync(Ws, guard, CancellationToken.None));
        inner.Verify(i => i.IsStillWantedAsync(Ws, guard, It.IsAny<CancellationToken>()), Times.Once);
    }
}
