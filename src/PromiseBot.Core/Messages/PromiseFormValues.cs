namespace PromiseBot.Core.Messages;

/// <summary>
/// What a new-promise form holds, as its inputs hold it: the due date as <c>yyyy-MM-dd</c> and the time as
/// <c>HH:mm</c> (the form's local wall time), people as platform user ids, the aim as typed (empty: the default), the ticked risk flags by name, comma-separated.
/// Every value is plain text.
/// </summary>
public sealed record PromiseFormValues(
    string? Title, string? DueDate, string? DueTime, string? Customer, string? Owner, string? Backup, string? Category, string? Aim = null, string? Risk = null);
