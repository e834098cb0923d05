using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>The rungs of the escalation ladder, in order. Stored as their numbers.</summary>
public enum EscalationStep
{
    None = 0,
    /// <summary>Owner DM, <see cref="WorkspaceSettings.Reminder"/> before due.</summary>
    Reminder = 1,
    /// <summary>Owner and backup DM, <see cref="WorkspaceSettings.AtRisk"/> before due, still open.</summary>
    AtRisk = 2,
    /// <summary>Due passed, still open: owner, backup and manager DMs plus one line in the promise's channel.</summary>
    Breach = 3,
}
