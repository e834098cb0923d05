using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Tests.Commands;

public sealed class PromiseFormTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("   \n ", true)]
    [InlineData("Send the quote", false)]
    public void Title_MustSaySomething(string? title, bool refused) => Assert.Equal(refused, PromiseForm.TitleProblem(title) is not null);

    [Fact]
    public void Title_AndCustomer_KeepTheTypedCommandsLimits()
    {
        Assert.Null(PromiseForm.TitleProblem(new string('a', PromiseForm.MaxTitle)));
        Assert.Contains("201", PromiseForm.TitleProblem(new string('a', PromiseForm.MaxTitle + 1)));
        Assert.Null(PromiseForm.CustomerProblem(null));
        Assert.NotNull(PromiseForm.CustomerProblem(new string('a', PromiseForm.MaxCustomer + 1)));
    }

    [Fact]
    public void Due_MustBeLaterThanNow()
    {
        var now = Instant.FromUtc(2026, 11, 23, 15, 0);
        Assert.NotNull(PromiseForm.DueProblem(now, now));
        Assert.NotNull(PromiseForm.DueProblem(now - Duration.FromMinutes(1), now));
        Assert.Null(PromiseForm.DueProblem(now + Duration.FromMinutes(1), now));
    }

    [Theory]
    [InlineData("", true, null)]
    [InlineData("quotes", true, "quotes")]
    [InlineData("#Refunds", true, "refunds")]
    [InlineData("two words", false, null)]
    [InlineData("123", false, null)]
    [InlineData("<!channel>", false, null)]
    public void Category_IsOneWordLikeATypedTag(string text, bool ok, string? category)
    {
        Assert.Equal(ok, PromiseForm.TryCategory(text, out var read, out var problem));
        Assert.Equal(category, read);
        Assert.Equal(ok, problem is null);
    }
}
