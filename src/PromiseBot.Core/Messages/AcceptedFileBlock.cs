namespace PromiseBot.Core.Messages;

/// <summary>
/// A held file (<see cref="Files.IHeldFileStore"/>) the recipient agreed to receive, and where the platform said to
/// put it: Teams' file consent gives an upload URL for the bytes and the file's place in the person's OneDrive
/// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4). The messenger uploads the bytes,
/// then posts a card pointing at the file.
/// </summary>
public sealed record AcceptedFileBlock(string HeldFileId, string FileName, string UploadUrl, string ContentUrl, string UniqueId, string FileType) : ReplyBlock;
