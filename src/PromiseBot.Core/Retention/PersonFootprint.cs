namespace PromiseBot.Core.Retention;

/// <summary>What <c>forget @person</c> would change: promises the person owns, backs up or made, and their history events.</summary>
public sealed record PersonFootprint(int Promises, int Events);
