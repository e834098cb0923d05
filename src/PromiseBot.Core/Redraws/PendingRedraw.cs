namespace PromiseBot.Core.Redraws;

/// <summary>
/// A copy of a message as it was when a person clicked a button that opened a form, kept so the message can be
/// redrawn once the form is submitted. <paramref name="Content"/> is the adapter's own serialised message (Slack's
/// blocks JSON); storage keeps it as an opaque string and never reads it.
/// </summary>
public sealed record PendingRedraw(string Content, string? Text);
