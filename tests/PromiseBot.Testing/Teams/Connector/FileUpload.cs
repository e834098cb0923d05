namespace PromiseBot.Testing.Teams.Connector;

/// <summary>One request the fake upload server received.</summary>
public sealed record FileUpload(string Method, string Path, string ContentRange, string? ContentType, bool HadAuthorization, byte[] Bytes);
