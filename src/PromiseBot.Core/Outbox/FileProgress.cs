namespace PromiseBot.Core.Outbox;

/// <summary>One file of a <see cref="DeliveryProgress"/>: the platform's id for this attempt at it, and its step.</summary>
public sealed record FileProgress(string FileId, FileStep Step);
