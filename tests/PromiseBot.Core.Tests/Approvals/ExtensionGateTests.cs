using Moq;
using NodaTime;
using PromiseBot.Core.Approvals;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Approvals;

/// <summary>
/// The extension gate in <see cref="PromiseCommandService"/>: with a limit, an owner's extension beyond it becomes a
/// request (the manager's DM queued with it, keyed approval:{id}:manager) and the promise is not updated; within it,
/// by the manager, or with no limit, the change is stored as before; beyond it with no manager, refused.
/// </summary>
public sealed class ExtensionGateTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0); // Mon 10:00 New York
    private static readonly WorkspaceId Ws = new("T1");
    private static readonly UserId Owner = new("U-OWN");
    private static readonly UserId Manager = new("U-BOSS");
    private static readonly PromiseNumber N = new(5);

    private static Promise Current() => new()
    {
        Workspace = Ws, Number = N, Title = "Call back Dana", Owner = Owner, DueAt = Instant.FromUtc(2026, 11, 24, 22, 0), // Tue 17:00
        MadeBy = Owner, MadeAt = Now - Duration.FromDays(1), Channel = "C1", Version = 3,
    };

    private sealed record Rig(PromiseCommandService Service, Mock<IPromiseStore> Store, List<(ApprovalRequest Request, IReadOnlyList<OutboundMessage> Messages)> Requests);

    private static Rig Make(UserId? manager, ExtensionLimit? limit)
    {
        var store = new Mock<IPromiseStore>();
        store.Setup(s => s.GetAsync(Ws, N, It.IsAny<CancellationToken>())).ReturnsAsync(Current());
        store.Setup(s => s.GetHistoryAsync(Ws, N, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        store.Setup(s => s.UpdateAsync(It.IsAny<Promise>(), 3, It.IsAny<PromiseEvent>(), It.IsAny<string?>(), It.IsAny<IReadOnlyList<OutboundMessage>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(UpdateOutcome.Updated);
        var settings = new Mock<IScheduleStore>();
        settings.Setup(s => s.GetSettingsAsync(Ws, It.IsAny<CancellationToken>()))
            .ReturnsAsync(WorkspaceSettings.Defaults(Ws) with { Manager = manager, TimeZone = "America/New_York" });
        var calendars = new Mock<ICalendarStore>();
        calendars.Setup(c => c.GetAsync(Ws, null, It.IsAny<DateTimeZone>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((WorkspaceId _, string? _, DateTimeZone zone, CancellationToken _) => BusinessCalendar.Default(zone));
        var requests = new List<(ApprovalRequest, IReadOnlyList<OutboundMessage>)>();
        var approvals = new Mock<IApprovalStore>();
        approvals.Setup(a => a.GetLimitsAsync(Ws, It.IsAny<CancellationToken>())).ReturnsAsync(new AuthorityLimits(limit, null));
        approvals.Setup(a => a.CreateAsync(It.IsAny<ApprovalRequest>(), It.IsAny<Func<ApprovalRequest, (PromiseEvent, IReadOnlyList<OutboundMessage>)>>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ApprovalRequest r, Func<ApprovalRequest, (PromiseEvent Requested, IReadOnlyList<OutboundMessage> Messages)> written, string? _, CancellationToken _) =>
            {
                var stored = r with { Id = 7 };
                requests.Add((stored, written(stored).Messages));
                return stored;
            });
        var options = new PromiseBotOptions { DefaultTimeZone = "America/New_York" };
        var service = new PromiseCommandService(
            new CommandParser(TestDates.Parser), store.Object, options, settings: settings.Object,
            approvals: new ApprovalService(approvals.Object, store.Object, settings.Object, calendars.Object, options));
        return new Rig(service, store, requests);
    }

    private static Task<Reply> RunAsync(Rig rig, string text, UserId user) =>
        rig.Service.HandleAsync(new InboundCommand(ChatPlatform.Slack, Ws, "C1", false, user, text, Now, "key-" + text, "America/New_York"), CancellationToken.None);

    private static void AssertStored(Rig rig, bool stored) =>
        rig.Store.Verify(s => s.UpdateAsync(It.IsAny<Promise>(), It.IsAny<int>(), It.IsAny<PromiseEvent>(), It.IsAny<string?>(), It.IsAny<IReadOnlyList<OutboundMessage>>(), It.IsAny<CancellationToken>()),
            stored ? Times.Once() : Times.Never());

    [Theory]
    // Tue 24 Nov 17:00 → …; limit 2 business days
    [InlineData("extend 5 to Nov 26 5pm", true)]                 // 2 business days: exactly the limit
    [InlineData("extend 5 to Nov 27 5pm", false)]                // 3
    [InlineData("extend 5 to Nov 30 9am", false)]                // 4, the weekend not counted
    [InlineData("extend 5 to Nov 24 11pm", true)]                // the same day
    [InlineData("extend 5 to Nov 24 noon", true)]                // earlier
    public async Task TheOwnersExtension_IsStoredOnlyWithinTheLimit(string text, bool stored)
    {
        var rig = Make(Manager, new ExtensionLimit(2, BusinessDays: true));

        var reply = await RunAsync(rig, text, Owner);

        AssertStored(rig, stored);
        Assert.Equal(stored ? 0 : 1, rig.Requests.Count);
        if (!stored)
        {
            Assert.Contains("you may move it by 2 alone. I've asked", string.Concat(reply.Blocks.OfType<TextBlock>().SelectMany(b => b.Runs).OfType<PlainRun>().Select(r => r.Text)));
            var (request, messages) = Assert.Single(rig.Requests);
            Assert.Equal((Owner, Manager, 3, ApprovalKind.Extension), (request.RequestedBy, request.Manager, request.PromiseVersion, request.Kind));
            var dm = Assert.Single(messages);
            Assert.Equal(("approval:7:manager", DestinationKind.User, Manager.Value), (dm.IdempotencyKey, dm.To.Kind, dm.To.Address));
            Assert.Contains(dm.Message.Blocks, b => b is ApprovalPromptBlock { RequestId: 7 });
        }
    }

    [Fact]
    public async Task CalendarDays_CountTheWeekend()
    {
        var rig = Make(Manager, new ExtensionLimit(3, BusinessDays: false));

        await RunAsync(rig, "extend 5 to Nov 28 5pm", Owner); // 4 calendar days (2 business days)

        AssertStored(rig, stored: false);
        Assert.Single(rig.Requests);
    }

    [Fact]
    public async Task TheManagersExtension_AndNoLimit_ApplyAsBefore()
    {
        var managed = Make(Manager, new ExtensionLimit(2, BusinessDays: true));
        await RunAsync(managed, "extend 5 to Dec 18 5pm", Manager);
        AssertStored(managed, stored: true);

        var unlimited = Make(Manager, limit: null);
        await RunAsync(unlimited, "extend 5 to Dec 18 5pm", Owner);
        AssertStored(unlimited, stored: true);
        Assert.Empty(managed.Requests.Concat(unlimited.Requests));
    }

    [Fact]
    public async Task BeyondTheLimit_WithoutAManager_IsRefused_AndNothingIsStored()
    {
        var rig = Make(manager: null, new ExtensionLimit(2, BusinessDays: true));

        var reply = await RunAsync(rig, "extend 5 to Dec 18 5pm", Owner);

        AssertStored(rig, stored: false);
        Assert.Empty(rig.Requests);
        Assert.Equal(ReplyTone.Warning, reply.Tone);
        Assert.Contains(reply.Blocks.OfType<TextBlock>().SelectMany(b => b.Runs), r => r is CodeRun c && c.Text.Contains("config manager @someone", StringComparison.Ordinal));
    }
}
