using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Recovery;

/// <summary><c>recover N …</c> and <c>apology N</c>: forgiving about order, case and separators; strict about causes.</summary>
public sealed class RecoverGrammarTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    private static ParsedCommand Parse(string text) => Parser.Parse(text, TestDates.NewYorkMonday);

    public static TheoryData<string, int, RecoveryDraft> Good => new()
    {
        { "recover 12 cause vendor; fix sent a loaner; prevent keep two spares", 12,
            new RecoveryDraft(null, null, RecoveryCause.Vendor, null, "sent a loaner", "keep two spares") },
        { "recover #12 fix sent a loaner; cause vendor; told yes; apology no", 12,
            new RecoveryDraft(true, false, RecoveryCause.Vendor, null, "sent a loaner", null) },
        { "RECOVER 3 Cause Capacity;Prevent hire a temp for December", 3,
            new RecoveryDraft(null, null, RecoveryCause.Capacity, null, null, "hire a temp for December") },
        { "recover 12 cause other: the courier lost it", 12,
            new RecoveryDraft(null, null, RecoveryCause.Other, "the courier lost it", null, null) },
        { "recover 12 cause vendor — the part shipped late", 12,
            new RecoveryDraft(null, null, RecoveryCause.Vendor, "the part shipped late", null, null) },
        { "recover 12\ncause underestimated\nfix: added a second tech\nprevent: estimate with the checklist\ntold: yes", 12,
            new RecoveryDraft(true, null, RecoveryCause.Underestimated, null, "added a second tech", "estimate with the checklist") },
        { "recover 7 cause waiting on customer; apologised yes", 7,
            new RecoveryDraft(null, true, RecoveryCause.WaitingOnCustomer, null, null, null) },
        { "recover 7 cause customer", 7, new RecoveryDraft(null, null, RecoveryCause.WaitingOnCustomer, null, null, null) },
        { "recover 7 cause unclear scope; customer told no", 7, new RecoveryDraft(false, null, RecoveryCause.UnclearScope, null, null, null) },
        { "recover 7 cause scope", 7, new RecoveryDraft(null, null, RecoveryCause.UnclearScope, null, null, null) },
        { "recover 7 cause supplier", 7, new RecoveryDraft(null, null, RecoveryCause.Vendor, null, null, null) },
        { "recover 7 cause capacity; fix R&D <b>team</b> @channel", 7,
            new RecoveryDraft(null, null, RecoveryCause.Capacity, null, "R&D <b>team</b> @channel", null) },
    };

    [Theory]
    [MemberData(nameof(Good))]
    public void Recover_ReadsEveryPart_InAnyOrder(string text, int number, RecoveryDraft draft) =>
        Assert.Equal(new RecoverCommand(new PromiseNumber(number), draft), Parse(text));

    [Theory]
    [InlineData("recover 12 fix sent a loaner", "cause")]
    [InlineData("recover 12", "at least the cause")]
    [InlineData("recover 12 cause weather", "underestimated, waiting on customer, vendor, capacity, unclear scope, other")]
    [InlineData("recover 12 cause", "Which cause?")]
    [InlineData("recover 12 cause other", "Say what happened")]
    [InlineData("recover 12 cause vendor; lunch was late", "Start each part with one of")]
    [InlineData("recover 12 cause vendor; cause capacity", "given twice")]
    [InlineData("recover 12 cause vendor; told maybe", "told yes")]
    [InlineData("recover 12 cause vendor; apology perhaps", "apology yes")]
    [InlineData("recover 12 cause vendor; fix", "What is the fix?")]
    public void Mistakes_AreRefused_WithAnExample(string text, string says)
    {
        var error = Assert.IsType<CommandError>(Parse(text));

        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("recover 12 cause vendor;", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void APartLongerThanTheLimit_IsRefused() =>
        Assert.Contains("keep it under 500", Assert.IsType<CommandError>(Parse("recover 4 cause vendor; fix " + new string('x', 501))).Message, StringComparison.Ordinal);

    [Fact]
    public void WithoutANumber_AsksWhichPromise() =>
        Assert.Contains("Which promise?", Assert.IsType<CommandError>(Parse("recover cause vendor")).Message, StringComparison.Ordinal);

    [Fact]
    public void AVerbThatStartsAPromise_IsStillAPromise() =>
        Assert.IsType<CreatePromiseCommand>(Parse("Recover the backup server by Friday 5pm"));

    [Theory]
    [InlineData("apology 12", 12)]
    [InlineData("Apology #4", 4)]
    public void Apology_TakesANumber(string text, int number) =>
        Assert.Equal(new ApologyCommand(new PromiseNumber(number)), Parse(text));

    [Fact]
    public void Apology_TakesNothingElse() =>
        Assert.IsType<CommandError>(Parse("apology 12 please"));

    [Theory]
    [InlineData("help recover", "recover")]
    [InlineData("help apology", "apology")]
    public void Help_HasTopics(string text, string topic) =>
        Assert.Equal(new HelpCommand(topic), Parse(text));
}
