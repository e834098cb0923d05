using Moq;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Feedback;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Feedback;

/// <summary><c>feedback N</c> through <see cref="PromiseCommandService"/>: closed promises only, one current score, every score in the history.</summary>
public sealed class CustomerFeedbackServiceTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0);
    private static readonly WorkspaceId Ws = new("T1");
    private static readonly UserId Owner = new("U-OWN");
    private static readonly UserId Sam = new("U-SAM");

    private readonly Dictionary<int, Promise> _promises = [];
    private readonly InMemoryFeedbackStore _feedback;
    private readonly PromiseCommandService _service;
    private readonly Mock<IPromiseStore> _store = new();

    public CustomerFeedbackServiceTests()
    {
        _feedback = new InMemoryFeedbackStore(n => _promises.GetValueOrDefault(n.Value));
        _store.Setup(s => s.GetAsync(Ws, It.IsAny<PromiseNumber>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((WorkspaceId _, PromiseNumber n, CancellationToken _) => _promises.GetValueOrDefault(n.Value));
        _store.Setup(s => s.UpdateAsync(It.IsAny<Promise>(), It.IsAny<int>(), It.IsAny<PromiseEvent>(), It.IsAny<string?>(), It.IsAny<IReadOnlyList<OutboundMessage>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(UpdateOutcome.Updated);
        var options = new PromiseBotOptions { DefaultTimeZone = "America/New_York" };
        _service = new PromiseCommandService(
            new CommandParser(TestDates.Parser), _store.Object, options, feedback: new CustomerFeedbackService(_store.Object, _feedback, options));
    }

    private void Have(int number, PromiseStatus status) => _promises[number] = new Promise
    {
        Workspace = Ws, Number = new PromiseNumber(number), Title = "Send the quote", Customer = "Acme", Owner = Owner,
        DueAt = Now + Duration.FromDays(1), MadeBy = Owner, MadeAt = Now - Duration.FromDays(1), Channel = "C1", Status = status,
        DoneAt = status == PromiseStatus.Done ? Now - Duration.FromHours(1) : null, Outcome = status == PromiseStatus.Done ? Outcome.Kept : null,
    };

    private Task<Reply> Run(string text, UserId? who = null, string? key = null) =>
        _service.HandleAsync(new InboundCommand(ChatPlatform.Slack, Ws, "C1", false, who ?? Sam, text, Now, key ?? Guid.NewGuid().ToString(), "America/New_York"), CancellationToken.None);

    [Fact]
    public async Task OnADonePromise_AnyoneRecordsIt_AndTheHistoryGetsAnEvent()
    {
        Have(12, PromiseStatus.Done);

        var reply = await Run("feedback 12 4/5 quick and friendly");

        Assert.Equal(ReplyTone.Success, reply.Tone);
        Assert.Contains("4/5", reply.Summary, StringComparison.Ordinal);
        var e = Assert.Single(_feedback.Events);
        Assert.Equal(new PromiseEvent(PromiseEventKind.FeedbackRecorded, Sam, Now, null, "4/5", "quick and friendly"), e);
        var stored = await _feedback.GetAsync(Ws, new PromiseNumber(12), CancellationToken.None);
        Assert.Equal(new CustomerFeedback(Ws, new PromiseNumber(12), 4, "quick and friendly", Sam, Now), stored);
    }

    [Fact]
    public async Task ALaterScore_ReplacesTheFirst_AndTheHistoryKeepsBoth()
    {
        Have(12, PromiseStatus.Done);
        await Run("feedback 12 2 slow");

        var reply = await Run("feedback 12 5 called back, all good", Owner);

        Assert.Contains(reply.Blocks.OfType<ContextBlock>().SelectMany(b => b.Runs).OfType<PlainRun>(), r => r.Text.Contains("replaces 2/5", StringComparison.Ordinal));
        Assert.Equal(["2/5", "5/5"], _feedback.Events.Select(e => e.NewValue));
        Assert.Equal("2/5", _feedback.Events[1].OldValue);
        Assert.Equal(5, (await _feedback.GetAsync(Ws, new PromiseNumber(12), CancellationToken.None))!.Score);
    }

    [Fact]
    public async Task TheSameDeliveryTwice_RecordsOnce()
    {
        Have(12, PromiseStatus.Done);

        await Run("feedback 12 4", key: "slack:action:trigger-1");
        var second = await Run("feedback 12 4", key: "slack:action:trigger-1");

        Assert.Single(_feedback.Events);
        Assert.Equal(PromiseMessages.AlreadyHandled().Summary, second.Summary);
    }

    [Theory]
    [InlineData(PromiseStatus.Open, "still open")]
    [InlineData(PromiseStatus.Paused, "still paused")]
    public async Task OnAnOpenPromise_IsRefusedWithAnExample_AndNothingIsStored(PromiseStatus status, string says)
    {
        Have(12, status);

        var reply = await Run("feedback 12 4");

        Assert.Equal(ReplyTone.Error, reply.Tone);
        Assert.Contains(says, reply.Summary, StringComparison.Ordinal);
        var text = string.Concat(reply.Blocks.OfType<ContextBlock>().SelectMany(b => b.Runs).Select(r => r switch { PlainRun p => p.Text, CodeRun c => c.Text, ItalicRun i => i.Text, _ => "" }));
        Assert.Contains("I understood: feedback on #12, score 4/5", text, StringComparison.Ordinal);
        Assert.Contains("/promise done 12", text, StringComparison.Ordinal);
        Assert.Empty(_feedback.Events);
    }

    [Fact]
    public async Task OnAnUnknownNumber_IsRefusedWithWhatWasUnderstood()
    {
        var reply = await Run("feedback 99 4");

        Assert.Equal(ReplyTone.Error, reply.Tone);
        Assert.Contains("no promise #99", reply.Summary, StringComparison.Ordinal);
        Assert.Empty(_feedback.Events);
    }

    [Theory]
    [InlineData("feedback 12 0")]
    [InlineData("feedback 12 6")]
    [InlineData("feedback 12 4/10")]
    [InlineData("feedback 12 great")]
    public async Task ABadScore_IsRefused_AndNothingIsStored(string text)
    {
        Have(12, PromiseStatus.Done);

        var reply = await Run(text);

        Assert.Equal(ReplyTone.Error, reply.Tone);
        Assert.Empty(_feedback.Events);
    }

    [Fact]
    public async Task Show_DisplaysTheScoreTheCommentAndWhoRecordedIt()
    {
        Have(12, PromiseStatus.Done);
        await Run("feedback 12 3 ok <b>but</b> late");

        var reply = await Run("show 12");

        var field = Assert.Single(reply.Blocks.OfType<FieldsBlock>().Single().Fields, f => f.Label == "Customer feedback");
        Assert.Equal(new BoldRun("3/5"), field.Value[0]);
        Assert.Contains(new ItalicRun("ok <b>but</b> late"), field.Value);
        Assert.Contains(new MentionRun(Sam), field.Value);
    }

    [Fact]
    public async Task History_ReadsTheScore()
    {
        Assert.Contains("customer feedback 4/5 (was 2/5)",
            FeedbackMessages.EventText(new PromiseEvent(PromiseEventKind.FeedbackRecorded, Sam, Now, "2/5", "4/5", null)), StringComparison.Ordinal);
        Have(12, PromiseStatus.Done);
        await Run("feedback 12 4");
        _store.Setup(s => s.GetHistoryAsync(Ws, new PromiseNumber(12), It.IsAny<CancellationToken>())).ReturnsAsync(_feedback.Events);

        var history = await Run("history 12");

        var text = string.Concat(history.Blocks.OfType<TextBlock>().SelectMany(b => b.Runs).OfType<PlainRun>().Select(r => r.Text));
        Assert.Contains("recorded customer feedback 4/5", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDoneConfirmation_OffersTheFeedbackButtons()
    {
        Have(12, PromiseStatus.Open);

        var reply = await Run("done 12", Owner);

        var offer = Assert.Single(reply.Blocks.OfType<PromiseOfferBlock>());
        Assert.Equal(new PromiseOfferBlock(new PromiseNumber(12), PromiseOffer.CustomerFeedback), offer);
        Assert.Equal(["feedback 12 1", "feedback 12 2", "feedback 12 3", "feedback 12 4", "feedback 12 5"], offer.Buttons.Select(b => b.Command));
    }

    [Fact]
    public async Task OtherChanges_OfferNothing()
    {
        Have(12, PromiseStatus.Open);

        var reply = await Run("pause 12 waiting on customer", Owner);

        Assert.Empty(reply.Blocks.OfType<PromiseOfferBlock>());
    }
}
