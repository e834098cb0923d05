namespace PromiseBot.Charts.Tests;

public sealed class ChartTextTests
{
    [Theory]
    [InlineData("#web", 12, "#web")]
    [InlineData("exactly-twelve", 14, "exactly-twelve")]
    [InlineData("#billing-and-invoicing", 12, "#billing-an\u2026")]
    [InlineData("two words here", 10, "two words\u2026")]
    [InlineData("  padded  ", 12, "padded")]
    [InlineData("line\nbreak", 12, "line break")]
    [InlineData("\U0001F680\U0001F680\U0001F680 rocket", 3, "\U0001F680\U0001F680\u2026")]
    public void Shorten_CutsAtTextElements_WithAnEllipsis(string text, int max, string expected)
    {
        Assert.Equal(expected, ChartText.Shorten(text, max));
    }

    [Fact]
    public void AltText_IsCappedAtSlacksLimit_WithoutSplittingASurrogatePair()
    {
        var bars = Enumerable.Range(0, 12).Select(i => new PromiseBot.Core.Reports.OutcomeBar(string.Concat(Enumerable.Repeat("\U0001F680", 60 + i)), i, 0, 0)).ToList();

        var alt = ChartAltText.Outcomes("Outcomes by owner", bars, 0);

        Assert.True(alt.Length <= ChartAltText.MaxLength, $"{alt.Length}");
        Assert.EndsWith("\u2026", alt, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(alt[^2]));
    }
}
