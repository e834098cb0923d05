using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Messages;

/// <summary>The create reply says how a deadline was read whenever we chose something for the reader.</summary>
public sealed class DueReadingTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    // Wed 2 Dec 2026 10:30 in New York.
    private static readonly DateContext Wednesday = TestDates.Context("America/New_York", "2026-12-02T15:30:00Z");

    private static ReplyContext View(DateContext context) => new(
        new InboundCommand(ChatPlatform.Playground, new WorkspaceId("playground"), "C1", false, new UserId("U1"), "", context.Now, null, null),
        context.Zone,
        "/promise");

    private static IReadOnlyList<string> Reading(string text)
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parser.Parse(text, Wednesday));
        return PromiseMessages.DueReading(create.Due, View(Wednesday));
    }

    [Theory]
    [InlineData("Call Dana tomorrow at 9", "09:00 (I read it as morning)")]
    [InlineData("Call Dana Thursday at 3", "15:00 (I read it as afternoon)")]
    [InlineData("Call Dana Friday at 6", "18:00 (I read it as evening)")]
    [InlineData("Call Dana by 9am", "That time has passed today, so tomorrow 09:00.")]
    [InlineData("Call Dana by midnight", "Thu 3 Dec 00:00 EST (tonight at midnight)")]
    [InlineData("Call Dana by Friday 5pm EST", null)] // the reader's own zone: nothing to convert
    [InlineData("Call Dana by Friday 5pm PST", "Fri 4 Dec 17:00 PST = 20:00 your time")]
    [InlineData("Call Dana by Friday 5pm London time", "Fri 4 Dec 17:00 GMT = 12:00 your time")]
    [InlineData("Call Dana by Friday 9am AEST", "Fri 4 Dec 09:00 AEDT = Thu 3 Dec 17:00 EST your time")]
    [InlineData("Call Dana by COB Friday", "Close of business: 17:00.")]
    [InlineData("Call Dana first thing tomorrow", "First thing: opening time, 09:00.")]
    [InlineData("Call Dana in 2 business days", "Counted as 2 business days (Mon–Fri 09:00–17:00).")]
    [InlineData("Call Dana within 4 business hours", "Counted as 4 business hours (Mon–Fri 09:00–17:00).")]
    [InlineData("Call Dana within 1 working hour", "Counted as 1 business hour (Mon–Fri 09:00–17:00).")]
    [InlineData("Call Dana by next business day", "Counted as the close of the next business day (Mon–Fri 09:00–17:00).")]
    public void DueReading_SaysWhatWasChosen(string text, string? note)
    {
        var notes = Reading(text);
        if (note is null)
        {
            Assert.Empty(notes);
        }
        else
        {
            Assert.Contains(note, notes);
        }
    }

    [Fact]
    public void DueReading_PlainDeadline_SaysNothingExtra() => Assert.Empty(Reading("Call Dana Friday 5pm"));

    [Fact]
    public void Created_ShowsTheReadingInItsContextLine()
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parser.Parse("Call Dana tomorrow at 9", Wednesday));
        var promise = new Promise
        {
            Workspace = new WorkspaceId("playground"),
            Number = new PromiseNumber(4),
            Title = create.Title,
            Owner = new UserId("U1"),
            MadeBy = new UserId("U1"),
            Channel = "C1",
            DueAt = create.Due.Due,
            MadeAt = Wednesday.Now,
        };
        var reply = PromiseMessages.Created(promise, create.Due, View(Wednesday));
        var context = Assert.Single(reply.Blocks.OfType<ContextBlock>());
        Assert.Contains(context.Runs, r => r is PlainRun { Text: " · 09:00 (I read it as morning)" });
    }
}
