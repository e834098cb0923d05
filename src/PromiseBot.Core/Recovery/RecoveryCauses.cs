namespace PromiseBot.Core.Recovery;

/// <summary>How causes are typed and read back: <c>underestimated</c>, <c>customer</c>, <c>vendor</c>, <c>capacity</c>, <c>scope</c>, <c>other</c>.</summary>
public static class RecoveryCauses
{
    /// <summary>The words people type, as the refusal lists them.</summary>
    public const string Allowed = "underestimated, waiting on customer, vendor, capacity, unclear scope, other";

    private static readonly (string Word, RecoveryCause Cause)[] Words =
    [
        ("waiting on the customer", RecoveryCause.WaitingOnCustomer),
        ("waiting for the customer", RecoveryCause.WaitingOnCustomer),
        ("waiting on customer", RecoveryCause.WaitingOnCustomer),
        ("waiting for customer", RecoveryCause.WaitingOnCustomer),
        ("waiting-on-customer", RecoveryCause.WaitingOnCustomer),
        ("customer", RecoveryCause.WaitingOnCustomer),
        ("unclear scope", RecoveryCause.UnclearScope),
        ("unclear-scope", RecoveryCause.UnclearScope),
        ("scope", RecoveryCause.UnclearScope),
        ("underestimated", RecoveryCause.Underestimated),
        ("underestimate", RecoveryCause.Underestimated),
        ("vendor", RecoveryCause.Vendor),
        ("supplier", RecoveryCause.Vendor),
        ("capacity", RecoveryCause.Capacity),
        ("other", RecoveryCause.Other),
    ];

    /// <summary>
    /// Reads a cause at the start of <paramref name="text"/> (case-insensitive, a whole word or phrase): the cause and
    /// what follows it (the free text, without a leading <c>:</c>, <c>-</c> or <c>—</c>), or false.
    /// </summary>
    public static bool TryRead(string text, out RecoveryCause cause, out string? rest)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        foreach (var (word, value) in Words)
        {
            if (trimmed.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                && (trimmed.Length == word.Length || !char.IsLetterOrDigit(trimmed[word.Length])))
            {
                cause = value;
                var after = trimmed[word.Length..].TrimStart();
                after = after.TrimStart(':', '-', '—', '–', ',').Trim();
                rest = after.Length == 0 ? null : after;
                return true;
            }
        }

        cause = default;
        rest = null;
        return false;
    }

    /// <summary>The cause as a person reads it: "underestimated", "waiting on the customer", "a vendor", …</summary>
    public static string Text(RecoveryCause cause) => cause switch
    {
        RecoveryCause.Underestimated => "underestimated",
        RecoveryCause.WaitingOnCustomer => "waiting on the customer",
        RecoveryCause.Vendor => "vendor",
        RecoveryCause.Capacity => "capacity",
        RecoveryCause.UnclearScope => "unclear scope",
        _ => "other",
    };

    /// <summary>The value a form sends for the cause (its enum name), read back; false for anything else.</summary>
    public static bool TryParseName(string? name, out RecoveryCause cause) =>
        Enum.TryParse(name?.Trim(), ignoreCase: true, out cause) && Enum.IsDefined(cause) && !int.TryParse(name, out _);
}
