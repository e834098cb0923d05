namespace PromiseBot.Teams.Activities;

/// <summary>
/// The new-promise card's inputs as submitted (strings as Teams sends them: <c>yyyy-MM-dd</c>, <c>HH:mm</c>, people
/// as the picker's values, the aim as typed). Checked by Core's form rules; drawn again with the problems when any.
/// </summary>
public sealed record TeamsFormValues(
    string? Title, string? DueDate, string? DueTime, string? Customer, string? Owner, string? Backup, string? Category, string? Aim = null, string? Risk = null);
