namespace PromiseBot.Core.Risk;

/// <summary>
/// The hand-set risk flags of one promise, as a value (two sets with the same flags are equal). Stored by the names
/// people type (<see cref="RiskFlags"/>), comma-separated in the matrix's order: add names, never rename them.
/// </summary>
public readonly record struct RiskFlagSet(int Bits)
{
    public static RiskFlagSet None => default;

    public bool IsEmpty => Bits == 0;

    public static RiskFlagSet Of(IEnumerable<RiskFlag> flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var bits = 0;
        foreach (var flag in flags)
        {
            if (RiskFlags.NameOf(flag) is not null)
            {
                bits |= 1 << (int)flag;
            }
        }

        return new RiskFlagSet(bits);
    }

    public bool Contains(RiskFlag flag) => (Bits & (1 << (int)flag)) != 0;

    /// <summary>This set with <paramref name="add"/> added and <paramref name="remove"/> taken away.</summary>
    public RiskFlagSet Change(RiskFlagSet add, RiskFlagSet remove) => new((Bits | add.Bits) & ~remove.Bits);

    /// <summary>The flags, in the matrix's order.</summary>
    public IReadOnlySet<RiskFlag> ToSet()
    {
        var bits = Bits;
        return Enum.GetValues<RiskFlag>().Where(f => (bits & (1 << (int)f)) != 0).ToHashSet();
    }

    /// <summary>"vendor,customer-input", or "" for none: the stored form and the history's.</summary>
    public string ToText()
    {
        var bits = Bits;
        return string.Join(',', Enum.GetValues<RiskFlag>().Where(f => (bits & (1 << (int)f)) != 0).Select(f => RiskFlags.NameOf(f)));
    }

    /// <summary>"depends on a vendor, depends on customer input", or "none".</summary>
    public string Describe()
    {
        var bits = Bits;
        var reasons = Enum.GetValues<RiskFlag>().Where(f => (bits & (1 << (int)f)) != 0).Select(RiskFlags.Reason).ToList();
        return reasons.Count == 0 ? "none" : string.Join(", ", reasons);
    }

    /// <summary>Reads <see cref="ToText"/>'s form back; a name this version does not know is left out.</summary>
    public static RiskFlagSet FromText(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? None
            : Of(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(RiskFlags.Find).OfType<RiskFlag>());
}
