namespace PromiseBot.Teams.Activities;

/// <summary>An accepted file consent's <c>uploadInfo</c>: where to PUT the bytes, and the file's place in the person's OneDrive.</summary>
public sealed record FileUploadInfo(string UploadUrl, string ContentUrl, string Name, string UniqueId, string FileType);
