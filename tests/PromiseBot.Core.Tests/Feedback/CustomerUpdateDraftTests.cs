using Moq;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Feedback;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Feedback;

/// <summary><c>update N</c>: a progress message for the customer from the promise's state, dates in the owner's zone.</summary>
public sealed class CustomerUpdateDraftTests
{
    // Mon 23 Nov 2026 10:00 in New York; the owner works in London.
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0);
    private static readonly WorkspaceId Ws = new("T1");
    private static readonly UserId Owner = new("U-OWN");

    // Fri 4 Dec 2026 17:00 London.
    private static readonly Instant Friday = Instant.FromUtc(2026, 12, 4, 17, 0);

    private static Promise Make(Instant due, PromiseStatus status = PromiseStatus.Open) => new()
    {
        Workspace = Ws, Number = new PromiseNumber(12), Title = "the replacement router", Customer = "Acme", Owner = Owner,
        DueAt = due, MadeBy = Owner, MadeAt = Now - Duration.FromDays(1), Channel = "C1", Status = status,
    };

    private static async Task<Reply> DraftAsync(Promise promise, Instant? now = null)
    {
        var store = new Mock<IPromiseStore>();
        store.Setup(s => s.GetAsync(Ws, promise.Number, It.IsAny<CancellationToken>())).ReturnsAsync(promise);
        var zones = new Mock<IUserTimeZones>();
        zones.Setup(z => z.GetTimeZoneAsync(ChatPlatform.Slack, Ws, Owner, It.IsAny<CancellationToken>())).ReturnsAsync("Europe/London");
        var settings = new Mock<IScheduleStore>();
        settings.Setup(s => s.GetSettingsAsync(Ws, It.IsAny<CancellationToken>())).ReturnsAsync(WorkspaceSettings.Defaults(Ws));
        var options = new PromiseBotOptions { DefaultTimeZone = "America/New_York" };
        var service = new PromiseCommandService(
            new CommandParser(TestDates.Parser), store.Object, options,
            feedback: new CustomerFeedbackService(store.Object, Mock.Of<ICustomerFeedbackStore>(), options, settings.Object, zones.Object));
        return await service.HandleAsync(
            new InboundCommand(ChatPlatform.Slack, Ws, "C1", false, new UserId("U-SAM"), "update 12", now ?? Now, null, "America/New_York"), CancellationToken.None);
    }

    private static string Draft(Reply reply) => ((PlainRun)reply.Blocks.OfType<TextBlock>().ElementAt(1).Runs.Single()).Text;

    [Fact]
    public async Task OnTrack_SaysOnTargetForDeliveryByTheDueInTheOwnersZone()
    {
        var reply = await DraftAsync(Make(Friday));

        Assert.Equal(ReplyTone.Info, reply.Tone);
        Assert.Equal("Hi Acme, a quick update on the replacement router: it's going to plan, and we're on target for delivery by Fri 4 Dec, 17:00 GMT.", Draft(reply));
    }

    [Fact]
    public async Task AtRisk_FromTheAtRiskAlertsMoment_SaysRunningBehindAndWhatWeExpect()
    {
        // The alert comes 4 h before the due (config reminders default); 3 h before, the promise is at risk.
        var reply = await DraftAsync(Make(Friday), Friday - Duration.FromHours(3));

        Assert.Equal("Hi Acme, a quick update on the replacement router: we're running a little behind on it, but we still expect to deliver by Fri 4 Dec, 17:00 GMT. If that changes, you'll hear from us straight away.", Draft(reply));
        Assert.Contains("(at risk)", string.Concat(reply.Blocks.OfType<TextBlock>().First().Runs.OfType<PlainRun>().Select(r => r.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JustBeforeTheAtRiskMoment_IsStillOnTrack() =>
        Assert.Contains("on target", Draft(await DraftAsync(Make(Friday), Friday - Duration.FromHours(5))), StringComparison.Ordinal);

    [Fact]
    public async Task ASlaPromise_IsAtRiskFromItsSecondWarning()
    {
        var sla = new PromiseSla("default", Friday - Duration.FromHours(4), new PromiseBot.Core.Sla.SlaAmount(4, PromiseBot.Core.Sla.SlaUnit.BusinessHours), null) { SecondWarningAt = Friday - Duration.FromHours(1) };
        var promise = Make(Friday) with { Sla = sla };

        Assert.Contains("on target", Draft(await DraftAsync(promise, Friday - Duration.FromHours(2))), StringComparison.Ordinal);
        Assert.Contains("running a little behind", Draft(await DraftAsync(promise, Friday - Duration.FromMinutes(30))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overdue_OwnsTheMissedDate_AndHintsAtExtend()
    {
        var reply = await DraftAsync(Make(Friday), Friday + Duration.FromHours(2));

        Assert.Equal("Hi Acme, an update on the replacement router: we're running behind and have missed the Fri 4 Dec, 17:00 GMT we promised, and we're sorry. We're on it, and we'll confirm a new delivery time shortly.", Draft(reply));
        Assert.Contains(reply.Blocks.OfType<ContextBlock>().SelectMany(b => b.Runs), r => r is CodeRun c && c.Text.StartsWith("/promise extend 12 to", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(PauseReason.WaitingOnCustomer, "waiting on customer", "we're waiting on a reply from you before we can finish it.")]
    [InlineData(PauseReason.WaitingOnCustomer, "waiting on customer to send the serial number", "we're waiting on you (to send the serial number) before we can finish it.")]
    [InlineData(PauseReason.WaitingOnVendor, "vendor", "we're waiting on our supplier before we can finish it.")]
    [InlineData(PauseReason.WaitingOnVendor, "vendor: the part ships Tuesday", "we're waiting on our supplier (the part ships Tuesday) before we can finish it.")]
    [InlineData(PauseReason.Other, "the site survey", "we're waiting on the site survey before we can finish it.")]
    [InlineData(PauseReason.Other, "waiting for the landlord's approval.", "we're waiting on the landlord's approval before we can finish it.")]
    public async Task Paused_SaysWhatWeAreWaitingOn(PauseReason reason, string note, string says)
    {
        var promise = Make(Friday, PromiseStatus.Paused) with { PauseReason = reason, StatusNote = note, PausedAt = Now };

        var draft = Draft(await DraftAsync(promise));

        Assert.Equal($"Hi Acme, a quick update on the replacement router: {says} As soon as we have it, we'll carry on and confirm the delivery date.", draft);
    }

    [Fact]
    public async Task Done_OnTime_SaysDeliveredInTime()
    {
        var promise = Make(Friday, PromiseStatus.Done) with { DoneAt = Friday - Duration.FromDays(1), Outcome = Outcome.Kept };

        var reply = await DraftAsync(promise, Friday);

        Assert.Equal("Hi Acme, the replacement router is done: delivered Thu 3 Dec, 17:00 GMT, in time for the Fri 4 Dec, 17:00 GMT we promised. Thank you!", Draft(reply));
        Assert.Contains(reply.Blocks.OfType<ContextBlock>().SelectMany(b => b.Runs), r => r is CodeRun c && c.Text.StartsWith("/promise feedback 12", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Done_Late_SaysSorryForTheWait()
    {
        var promise = Make(Friday, PromiseStatus.Done) with { DoneAt = Friday + Duration.FromHours(17), Outcome = Outcome.Late, LateFrom = Friday };

        var draft = Draft(await DraftAsync(promise, Friday + Duration.FromDays(1)));

        Assert.Equal("Hi Acme, the replacement router is done: delivered Sat 5 Dec, 10:00 GMT, later than the Fri 4 Dec, 17:00 GMT we promised. Sorry for the wait, and thank you for bearing with us.", draft);
    }

    [Theory]
    [InlineData(Outcome.Broken, "marked broken")]
    [InlineData(Outcome.Withdrawn, "cancelled")]
    public async Task CancelledOrBroken_IsRefusedWithAHint(Outcome outcome, string says)
    {
        var promise = Make(Friday, PromiseStatus.Cancelled) with { Outcome = outcome };

        var reply = await DraftAsync(promise);

        Assert.Equal(ReplyTone.Error, reply.Tone);
        Assert.Contains(says + ", so there is no progress to report", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutACustomerName_SaysHi()
    {
        var draft = Draft(await DraftAsync(Make(Friday) with { Customer = null }));

        Assert.StartsWith("Hi, a quick update on", draft, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownNumber_IsRefused()
    {
        var store = new Mock<IPromiseStore>();
        var options = new PromiseBotOptions { DefaultTimeZone = "America/New_York" };
        var service = new PromiseCommandService(new CommandParser(TestDates.Parser), store.Object, options,
            feedback: new CustomerFeedbackService(store.Object, Mock.Of<ICustomerFeedbackStore>(), options));

        var reply = await service.HandleAsync(new InboundCommand(ChatPlatform.Slack, Ws, "C1", false, Owner, "update 99", Now, null, null), CancellationToken.None);

        Assert.Equal(ReplyTone.Error, reply.Tone);
    }

    [Fact]
    public void TheAtRiskAlert_OffersTheDraft_AndTheReminderDoesNot()
    {
        var promise = Make(Friday);

        var atRisk = EscalationMessages.Direct(promise, EscalationStep.AtRisk, Owner, TestDates.NewYork, Now, ChatPlatform.Slack);
        var reminder = EscalationMessages.Direct(promise, EscalationStep.Reminder, Owner, TestDates.NewYork, Now, ChatPlatform.Slack);

        Assert.Equal(new PromiseOfferBlock(promise.Number, PromiseOffer.CustomerUpdate), Assert.Single(atRisk.Blocks.OfType<PromiseOfferBlock>()));
        Assert.Equal(("Draft customer update", "update 12"), Assert.Single(atRisk.Blocks.OfType<PromiseOfferBlock>().Single().Buttons));
        Assert.Empty(reminder.Blocks.OfType<PromiseOfferBlock>());
    }
}
