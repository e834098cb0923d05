using PromiseBot.Core.Recovery;

namespace PromiseBot.Core.Tests.Recovery;

/// <summary>The recovery-note form's rules, the same on Slack, Teams and the playground.</summary>
public sealed class RecoveryFormTests
{
    [Fact]
    public void AFilledForm_IsTheSameDraftAsTheTypedCommand()
    {
        var (draft, problems) = RecoveryForm.Check(new RecoveryFormInput("yes", "no", "Vendor", "  the part\nshipped late ", "sent a loaner", "keep two spares"));

        Assert.Empty(problems);
        Assert.Equal(new RecoveryDraft(true, false, RecoveryCause.Vendor, "the part shipped late", "sent a loaner", "keep two spares"), draft);
    }

    [Theory]
    [InlineData(null, null, RecoveryFormField.Cause, "Pick the cause.")]
    [InlineData("Weather", null, RecoveryFormField.Cause, "Pick one of the causes")]
    [InlineData("3", null, RecoveryFormField.Cause, "Pick one of the causes")]
    [InlineData("Other", null, RecoveryFormField.CauseText, "Say what happened")]
    [InlineData("Other", "   ", RecoveryFormField.CauseText, "Say what happened")]
    public void Problems_AreShownUnderTheirField(string? cause, string? causeText, RecoveryFormField field, string says)
    {
        var (draft, problems) = RecoveryForm.Check(new RecoveryFormInput(null, null, cause, causeText, null, null));

        Assert.Null(draft);
        Assert.StartsWith(says, problems[field], StringComparison.Ordinal);
    }

    [Fact]
    public void ATextOverTheLimit_AndAnOddAnswer_AreProblems()
    {
        var (_, problems) = RecoveryForm.Check(new RecoveryFormInput("maybe", null, "Vendor", null, new string('x', 501), null));

        Assert.Equal("Pick yes or no.", problems[RecoveryFormField.CustomerTold]);
        Assert.StartsWith("Keep it under 500", problems[RecoveryFormField.Fix], StringComparison.Ordinal);
    }
}
