namespace PromiseBot.Core.Guarantees;

/// <summary>The value guaranteed on promises closed in a period, in one currency, and how many promises carried it.</summary>
public sealed record GuaranteedValue(Money Total, int Promises);
