namespace PromiseBot.Core.Approvals;

/// <summary>
/// How far an owner may move a deadline alone (<c>authority extend 2 business days</c>): <paramref name="Amount"/>
/// business days on the workspace's default calendar, or calendar days when <paramref name="BusinessDays"/> is false.
/// </summary>
public sealed record ExtensionLimit(int Amount, bool BusinessDays)
{
    /// <summary>The largest limit accepted: beyond a quarter a limit no longer limits anything.</summary>
    public const int MaxDays = 90;

    public string Describe() => Unit(Amount, BusinessDays);

    /// <summary>"1 business day", "4 days".</summary>
    public static string Unit(int amount, bool businessDays) =>
        (amount == 1 ? "1 " : amount.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ")
        + (businessDays ? "business " : "") + (amount == 1 ? "day" : "days");
}
