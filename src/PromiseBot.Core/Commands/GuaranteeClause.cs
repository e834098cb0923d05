namespace PromiseBot.Core.Commands;

/// <summary>
/// <c>… guarantee premium value $2,400</c> on a new promise: the tier's name and the value as typed (read against the
/// workspace's tiers and currency when the promise is made; null when no value was given, which is refused there).
/// </summary>
public sealed record GuaranteeClause(string Tier, string? Value);
