using PromiseBot.Core.Risk;

namespace PromiseBot.Core.Tests.Risk;

/// <summary>Typing the hand-set flags: lists at create, +/− changes later, and refusals that name what was not understood.</summary>
public sealed class RiskFlagsTests
{
    [Theory]
    [InlineData("vendor,customer-input", new[] { RiskFlag.Vendor, RiskFlag.CustomerInput })]
    [InlineData("Vendor, Customer-Input", new[] { RiskFlag.Vendor, RiskFlag.CustomerInput })]
    [InlineData("new_skill unclear-scope", new[] { RiskFlag.NewSkill, RiskFlag.UnclearScope })]
    [InlineData("proven,proven", new[] { RiskFlag.Proven })]
    [InlineData("refund-guarantee,multi-person,peak-season,complex-milestones",
        new[] { RiskFlag.RefundGuarantee, RiskFlag.MultiPerson, RiskFlag.PeakSeason, RiskFlag.ComplexMilestones })]
    public void Parse_ReadsTheFlags(string list, RiskFlag[] expected)
    {
        var flags = RiskFlags.Parse(list, out var unknown);

        Assert.Null(unknown);
        Assert.Equal(expected.ToHashSet(), flags!.ToHashSet());
    }

    [Theory]
    [InlineData("vendor,vendr", "vendr")]
    [InlineData("risky", "risky")]
    [InlineData(" , ", ",")]
    public void Parse_RefusesAnUnknownName_AndSaysWhich(string list, string named)
    {
        Assert.Null(RiskFlags.Parse(list, out var unknown));
        Assert.Equal(named, unknown);
    }

    [Fact]
    public void ParseChanges_AddsAndRemoves_AndAPlainNameAdds()
    {
        var changes = RiskFlags.ParseChanges("+vendor -customer-input peak-season", out var unknown);

        Assert.Null(unknown);
        Assert.Equal(new HashSet<RiskFlag> { RiskFlag.Vendor, RiskFlag.PeakSeason }, changes!.Value.Add.ToHashSet());
        Assert.Equal(new HashSet<RiskFlag> { RiskFlag.CustomerInput }, changes.Value.Remove.ToHashSet());
    }

    [Theory]
    [InlineData("+vendor -vendor", "-vendor")]
    [InlineData("+vendor +nope", "+nope")]
    [InlineData("", "")]
    public void ParseChanges_RefusesAContradictionOrAnUnknownName(string changes, string named)
    {
        Assert.Null(RiskFlags.ParseChanges(changes, out var unknown));
        Assert.Equal(named, unknown);
    }

    [Fact]
    public void EveryHandSetFlag_HasANameThatReadsBack_AndTheAutomaticOnesHaveNone()
    {
        foreach (var name in RiskFlags.Names)
        {
            Assert.Equal(name, RiskFlags.NameOf(RiskFlags.Find(name)!.Value));
        }

        Assert.Equal(9, RiskFlags.Names.Count);
        Assert.Null(RiskFlags.NameOf(RiskFlag.ThinBuffer));
        Assert.Null(RiskFlags.NameOf(RiskFlag.OwnerAway));
    }
}
