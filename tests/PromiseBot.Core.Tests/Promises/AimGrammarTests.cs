using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Promises;

/// <summary><c>… aim &lt;when&gt;</c> at create, <c>config buffer</c> and <c>sla #x buffer</c>, with their refusals (now: Mon 23 Nov 2026 10:00 New York).</summary>
public sealed class AimGrammarTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    private static ParsedCommand Parse(string text) => Parser.Parse(text, TestDates.NewYorkMonday);

    [Theory]
    [InlineData("Send the quote to Acme by Friday 5pm aim Thursday noon", "Send the quote to Acme", "2026-11-27 17:00", "2026-11-26 12:00")]
    [InlineData("add Send the quote by Friday 5pm aim for Thursday 9am #quotes", "Send the quote", "2026-11-27 17:00", "2026-11-26 09:00")]
    [InlineData("Call back Dana tomorrow 5pm aim tomorrow 3pm", "Call back Dana", "2026-11-24 17:00", "2026-11-24 15:00")]
    public void AnAim_IsReadLikeADeadline_InTheTypersZone(string text, string title, string due, string aim)
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parse(text));

        Assert.Equal(title, create.Title);
        Assert.Equal(due, TestDates.Local(create.Due.Due, TestDates.NewYork));
        Assert.Equal(aim, TestDates.Local(create.Aim!.Due, TestDates.NewYork));
    }

    [Fact]
    public void AnAimAtTheEnd_KeepsTheCategory()
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parse("Send the quote by Friday 5pm aim Thursday noon #quotes"));

        Assert.Equal("quotes", create.Category);
        Assert.NotNull(create.Aim);
    }

    [Fact]
    public void AimAsAWordOfTheTitle_IsJustAWord()
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parse("Explain our aim to Acme by Friday 5pm"));

        Assert.Equal("Explain our aim to Acme", create.Title);
        Assert.Null(create.Aim);
    }

    [Theory]
    [InlineData("Send the quote by Friday 5pm aim Saturday noon", "after the deadline")]
    [InlineData("Send the quote by Friday 5pm aim today 8am", "aim")]
    [InlineData("Send the quote by Friday 5pm aim whenever", "aim")]
    public void AnAimAfterTheDeadlineOrBeforeNow_IsRefusedWithAnExample(string text, string says)
    {
        var error = Assert.IsType<CommandError>(Parse(text));

        Assert.Contains(says, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("aim Thursday noon", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("config buffer 20%", 20)]
    [InlineData("config buffer 20 %", 20)]
    [InlineData("config buffer 20", 20)]
    [InlineData("config buffer 0%", 0)]
    [InlineData("config buffer 90%", 90)]
    public void ConfigBuffer_TakesAShareFromZeroToNinety(string text, int percent) =>
        Assert.Equal(new SetBufferCommand(percent), Parse(text));

    [Theory]
    [InlineData("config buffer 120%", "outside 0–90%")]
    [InlineData("config buffer -5%", "outside 0–90%")]
    [InlineData("config buffer 91", "outside 0–90%")]
    [InlineData("config buffer abc", "can't read \"abc\"")]
    [InlineData("config buffer", "How big a buffer?")]
    public void ABufferOutsideZeroToNinety_IsRefusedWithAnExample(string text, string says)
    {
        var error = Assert.IsType<CommandError>(Parse(text));

        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.Equal("config buffer 20%", error.Hint);
    }

    [Theory]
    [InlineData("sla #support buffer 25%", 25)]
    [InlineData("sla #support buffer 25", 25)]
    [InlineData("sla #support buffer default", null)]
    public void SlaBuffer_SetsTheCategorysShare(string text, int? percent) =>
        Assert.Equal(new SetSlaBufferCommand("support", percent), Parse(text));

    [Theory]
    [InlineData("sla #support buffer 95%")]
    [InlineData("sla #support buffer lots")]
    public void SlaBuffer_OutsideZeroToNinety_IsRefused(string text)
    {
        var error = Assert.IsType<CommandError>(Parse(text));

        Assert.Equal("sla #support buffer 25%", error.Hint);
    }

    [Fact]
    public async Task TheForm_RefusesAnAimAfterTheDue_UnderTheAimField_AndCarriesAGoodOne()
    {
        var now = TestDates.MondayMorning;
        var due = new ResolvedDue(now + Duration.FromDays(2), false, "Wednesday");
        var input = new PromiseFormInput("Send the quote", due, null, null, new UserId("U1"), null);

        var late = await PromiseForm.CheckAsync(input with { Aim = new ResolvedDue(now + Duration.FromDays(3), false, "Thursday") }, new WorkspaceId("T"), now, TestDates.NewYork, null, CancellationToken.None);
        var good = await PromiseForm.CheckAsync(input with { Aim = new ResolvedDue(now + Duration.FromDays(1), false, "Tuesday") }, new WorkspaceId("T"), now, TestDates.NewYork, null, CancellationToken.None);

        Assert.Null(late.Command);
        Assert.Contains("after the deadline", late.Problems[PromiseFormField.Aim], StringComparison.Ordinal);
        Assert.Equal(now + Duration.FromDays(1), good.Command!.Aim!.Due);
    }
}
