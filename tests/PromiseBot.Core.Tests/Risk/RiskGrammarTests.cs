using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Risk;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Risk;

/// <summary>The risk words: the create clause, <c>risk N</c>, <c>list risky</c>, <c>away</c>, <c>config capacity</c>, <c>suggest</c> and <c>use</c>, with every refusal.</summary>
public sealed class RiskGrammarTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    private static ParsedCommand Parse(string text) => Parser.Parse(text, TestDates.NewYorkMonday);

    private static RiskFlagSet Flags(params RiskFlag[] flags) => RiskFlagSet.Of(flags);

    [Theory]
    [InlineData("Migrate Acme's shop by Friday #web risk vendor,customer-input", "Migrate Acme's shop", "web", "vendor,customer-input")]
    [InlineData("Migrate Acme's shop by Friday #web risk vendor, customer-input", "Migrate Acme's shop", "web", "vendor,customer-input")]
    [InlineData("Migrate Acme's shop by Friday #web risk Vendor customer_input", "Migrate Acme's shop", "web", "vendor,customer-input")]
    [InlineData("add Send the quote by Friday 5pm risks new-skill", "Send the quote", null, "new-skill")]
    [InlineData("Send the quote to Acme by Friday 5pm risk proven", "Send the quote to Acme", null, "proven")]
    public void CreateClause_SetsTheFlags(string text, string title, string? category, string flags)
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parse(text));
        Assert.Equal(title, create.Title);
        Assert.Equal(category, create.Category);
        Assert.Equal(flags, create.Risk.ToText());
    }

    [Theory]
    [InlineData("Assess the risk for Acme by Friday", "Assess the risk")]
    [InlineData("Review vendor risk by Friday", "Review vendor risk")]
    [InlineData("Write the risk register by Friday 5pm", "Write the risk register")]
    public void RiskInATitle_StaysInTheTitle(string text, string title)
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parse(text));
        Assert.StartsWith(title, create.Title, StringComparison.Ordinal);
        Assert.True(create.Risk.IsEmpty);
    }

    [Fact]
    public void CreateClause_WithAnUnknownFlag_IsRefusedNamingItAndTheFlags()
    {
        var error = Assert.IsType<CommandError>(Parse("Migrate the shop by Friday risk vendor,bogus"));
        Assert.Contains("\"bogus\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("customer-input", error.Message, StringComparison.Ordinal);
        Assert.Contains("risk vendor,customer-input", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void UndatedCategory_KeepsItsFlags()
    {
        var undated = Assert.IsType<CreateFromTargetCommand>(Parse("Reply to Acme about the outage #support risk customer-input"));
        Assert.Equal("support", undated.Category);
        Assert.Equal(Flags(RiskFlag.CustomerInput), undated.Risk);
    }

    [Theory]
    [InlineData("risk 12", "", "")]
    [InlineData("risk 12 +vendor -customer-input", "vendor", "customer-input")]
    [InlineData("risk #12 vendor new-skill", "vendor,new-skill", "")]
    [InlineData("risk 12 -proven", "", "proven")]
    public void RiskCommand_ReadsTheChanges(string text, string add, string remove)
    {
        var risk = Assert.IsType<SetRiskCommand>(Parse(text));
        Assert.Equal(new PromiseNumber(12), risk.Number);
        Assert.Equal(add, risk.Add.ToText());
        Assert.Equal(remove, risk.Remove.ToText());
        Assert.Equal(add.Length + remove.Length == 0, risk.ShowsOnly);
    }

    [Theory]
    [InlineData("risk 12 +vendr", "\"vendr\"")]
    [InlineData("risk 12 +vendor -vendor", "both added and removed")]
    [InlineData("risk 12 lots", "\"lots\"")]
    [InlineData("risk", "Which promise?")]
    public void RiskCommand_Refusals(string text, string message)
    {
        var error = Assert.IsType<CommandError>(Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void ListRisky_IsAFilterThatCombines()
    {
        var list = Assert.IsType<ListPromisesCommand>(Parse("list risky mine #web"));
        Assert.True(list.Filter.Risky);
        Assert.True(list.Filter.Mine);
        Assert.Equal("web", list.Filter.Category);
        Assert.False(list.Filter.IsBare);
    }

    [Theory]
    [InlineData("away <@U2> 2026-12-21 to 2026-12-28", 2026, 12, 21, 2026, 12, 28)]
    [InlineData("away <@U2> 21 Dec to 28 Dec", 2026, 12, 21, 2026, 12, 28)]
    [InlineData("away <@U2> Dec 30 to Jan 2", 2026, 12, 30, 2027, 1, 2)]
    [InlineData("away <@U2> 2026-12-24", 2026, 12, 24, 2026, 12, 24)]
    public void Away_ReadsTheDays(string text, int y1, int m1, int d1, int y2, int m2, int d2)
    {
        // NewYorkMonday is in November 2026, so "21 Dec" is this year and "Jan 2" after "Dec 30" is next year.
        var away = Assert.IsType<SetAwayCommand>(Parse(text));
        Assert.Equal(new UserId("U2"), away.Person);
        Assert.Equal(new LocalDate(y1, m1, d1), away.First);
        Assert.Equal(new LocalDate(y2, m2, d2), away.Last);
    }

    [Theory]
    [InlineData("away <@U2> 2026-12-28 to 2026-12-21", "before the first")]
    [InlineData("away <@U2> 2020-01-01 to 2020-01-05", "already over")]
    [InlineData("away <@U2> 2026-12-21 to 2028-12-21", "within a year")]
    [InlineData("away <@U2> tomorrowish", "can't read")]
    [InlineData("away <@U2> 2026-12-21 through 2026-12-28", "didn't understand")]
    [InlineData("away <@U2>", "Away when?")]
    public void Away_Refusals(string text, string message)
    {
        var error = Assert.IsType<CommandError>(Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("away @sam", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Away_OffAndList()
    {
        Assert.Equal(new ClearAwayCommand(new UserId("U2")), Parse("away <@U2> off"));
        Assert.IsType<ListAwayCommand>(Parse("away"));
        // Not an away command: a promise that starts with the word.
        Assert.IsType<CreatePromiseCommand>(Parse("Away-day agenda to the team by Friday"));
    }

    [Theory]
    [InlineData("config capacity 8", 8)]
    [InlineData("config capacity off", null)]
    public void Capacity_IsReadOrSwitchedOff(string text, int? capacity) =>
        Assert.Equal(new SetCapacityCommand(capacity), Parse(text));

    [Theory]
    [InlineData("config capacity 0")]
    [InlineData("config capacity -3")]
    [InlineData("config capacity 2.5")]
    [InlineData("config capacity 100000")]
    [InlineData("config capacity")]
    public void Capacity_OutOfRange_IsRefused(string text)
    {
        var error = Assert.IsType<CommandError>(Parse(text));
        Assert.Equal("config capacity 8", error.Hint);
    }

    [Fact]
    public void Suggest_TakesOneCategory()
    {
        Assert.Equal(new SuggestCommand("web"), Parse("suggest #Web"));
        Assert.IsType<CommandError>(Parse("suggest"));
        Assert.IsType<CreatePromiseCommand>(Parse("Suggest a fix to Acme by Friday"));
    }

    [Fact]
    public void Use_IsWhatTheSuggestionButtonSends()
    {
        var use = Assert.IsType<UseSuggestionCommand>(Parse("use 12 3 2026-12-11T22:00:00Z"));
        Assert.Equal(new UseSuggestionCommand(new PromiseNumber(12), 3, Instant.FromUtc(2026, 12, 11, 22, 0)), use);
        Assert.IsType<CommandError>(Parse("use 12 3 friday"));
        Assert.IsType<CommandError>(Parse("use 12 0 2026-12-11T22:00:00Z"));
        Assert.IsType<CreatePromiseCommand>(Parse("Use the new template for Acme by Friday"));
    }

    [Fact]
    public void FlagSet_RoundTripsThroughItsStoredText()
    {
        var flags = Flags(RiskFlag.CustomerInput, RiskFlag.Vendor, RiskFlag.Proven);
        Assert.Equal("vendor,customer-input,proven", flags.ToText());
        Assert.Equal(flags, RiskFlagSet.FromText(flags.ToText()));
        Assert.Equal(RiskFlagSet.None, RiskFlagSet.FromText(""));
        Assert.Equal(Flags(RiskFlag.Vendor), RiskFlagSet.FromText("vendor,some-future-flag"));
        Assert.Equal(Flags(RiskFlag.Vendor), RiskFlagSet.Of([RiskFlag.Vendor, RiskFlag.ThinBuffer]));
        Assert.Equal(Flags(RiskFlag.NewSkill), flags.Change(Flags(RiskFlag.NewSkill), Flags(RiskFlag.Vendor, RiskFlag.CustomerInput, RiskFlag.Proven)));
    }
}
