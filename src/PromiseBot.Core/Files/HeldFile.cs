namespace PromiseBot.Core.Files;

/// <summary>A file kept for a while so a platform that cannot take it with the message can fetch or receive it later.</summary>
public sealed record HeldFile(string FileName, string MediaType, byte[] Content);
