namespace PromiseBot.Core.Operations;

/// <summary>The newest failed rows of a workspace (at most the limit asked for) and how many there are in all.</summary>
public sealed record FailedDeliveries(IReadOnlyList<FailedDelivery> Items, int Total);
