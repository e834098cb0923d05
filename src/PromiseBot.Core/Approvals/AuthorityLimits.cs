namespace PromiseBot.Core.Approvals;

/// <summary>A workspace's authority limits; a null limit is not set (no approval needed for that kind).</summary>
public sealed record AuthorityLimits(ExtensionLimit? Extend, CreditLimit? Credit)
{
    public static readonly AuthorityLimits None = new(null, null);
}
