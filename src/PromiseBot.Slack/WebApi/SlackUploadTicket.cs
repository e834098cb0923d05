namespace PromiseBot.Slack.WebApi;

/// <summary>What <c>files.getUploadURLExternal</c> hands out: where to POST the bytes, and the file's id
/// (<c>F…</c>) for <c>files.completeUploadExternal</c>.</summary>
public sealed record SlackUploadTicket(Uri UploadUrl, string FileId);
