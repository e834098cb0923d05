namespace PromiseBot.Host.Playground;

/// <summary>The playground's new-promise form as the page sent it: the due date as typed, people by handle.</summary>
public sealed record PlaygroundForm(string? Title, string? Due, string? Customer, string? Category, string? Owner, string? Backup, string? Aim = null, string? Risk = null);
