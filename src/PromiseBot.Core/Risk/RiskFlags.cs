namespace PromiseBot.Core.Risk;

/// <summary>
/// The hand-set flags by the names people type (<c>vendor</c>, <c>new-skill</c>, …) and the words shown for each.
/// Reading a list refuses an unknown name and names the known ones; nothing is guessed.
/// </summary>
public static class RiskFlags
{
    private static readonly (RiskFlag Flag, string Name, string Reason)[] Manual =
    [
        (RiskFlag.Vendor, "vendor", "depends on a vendor"),
        (RiskFlag.NewSkill, "new-skill", "needs new skills"),
        (RiskFlag.UnclearScope, "unclear-scope", "unclear scope"),
        (RiskFlag.RefundGuarantee, "refund-guarantee", "full refund if late"),
        (RiskFlag.MultiPerson, "multi-person", "needs several people"),
        (RiskFlag.PeakSeason, "peak-season", "peak season"),
        (RiskFlag.CustomerInput, "customer-input", "depends on customer input"),
        (RiskFlag.ComplexMilestones, "complex-milestones", "complex milestones"),
        (RiskFlag.Proven, "proven", "a proven pattern"),
    ];

    /// <summary>The names that can be typed, in the matrix's order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Manual.Select(m => m.Name)];

    /// <summary>The typed name of a hand-set flag; null for an automatic one.</summary>
    public static string? NameOf(RiskFlag flag) => Manual.FirstOrDefault(m => m.Flag == flag).Name;

    /// <summary>The words shown for a hand-set flag (an automatic one carries its own, with its figures).</summary>
    public static string Reason(RiskFlag flag) => Manual.FirstOrDefault(m => m.Flag == flag).Reason ?? flag.ToString();

    /// <summary>The flag typed as <paramref name="name"/> (any case; <c>new_skill</c> and <c>newskill</c> too), or null.</summary>
    public static RiskFlag? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = Normalize(name);
        foreach (var (flag, known, _) in Manual)
        {
            if (Normalize(known) == key)
            {
                return flag;
            }
        }

        return null;
    }

    /// <summary>
    /// A comma- or space-separated list (<c>vendor,customer-input</c>). Null, with the first unknown name in
    /// <paramref name="unknown"/>, when any name is not a flag; an empty list is refused the same way.
    /// </summary>
    public static IReadOnlySet<RiskFlag>? Parse(string list, out string? unknown)
    {
        ArgumentNullException.ThrowIfNull(list);
        var flags = new HashSet<RiskFlag>();
        foreach (var name in list.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Find(name) is not { } flag)
            {
                unknown = name;
                return null;
            }

            flags.Add(flag);
        }

        unknown = flags.Count == 0 ? list.Trim() : null;
        return flags.Count == 0 ? null : flags;
    }

    /// <summary>
    /// Changes to a promise's flags (<c>+vendor -customer-input</c>; a name without a sign adds it). Null, with the first
    /// unknown name, when any is not a flag or a name is both added and removed.
    /// </summary>
    public static (IReadOnlySet<RiskFlag> Add, IReadOnlySet<RiskFlag> Remove)? ParseChanges(string changes, out string? unknown)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var add = new HashSet<RiskFlag>();
        var remove = new HashSet<RiskFlag>();
        foreach (var word in changes.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var removing = word[0] is '-' or '−';
            var name = word[0] is '+' or '-' or '−' ? word[1..] : word;
            if (Find(name) is not { } flag || (removing ? add : remove).Contains(flag))
            {
                unknown = word;
                return null;
            }

            (removing ? remove : add).Add(flag);
        }

        unknown = add.Count + remove.Count == 0 ? changes.Trim() : null;
        return add.Count + remove.Count == 0 ? null : (add, remove);
    }

    private static string Normalize(string name) =>
        new([.. name.Trim().ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
}
