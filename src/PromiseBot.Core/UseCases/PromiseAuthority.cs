using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.UseCases;

/// <summary>
/// Who may change someone else's promise. Anyone may mark it done, extend it, pause it and so on (and the owner hears
/// about it); once the workspace has a manager, cancelling or reassigning another person's promise is kept to the
/// people responsible for it: its maker, its backup and the manager.
/// </summary>
public static class PromiseAuthority
{
    /// <summary>The verbs that need that authority.</summary>
    public static bool IsGuarded(ParsedCommand command) => command is CancelPromiseCommand or BrokenPromiseCommand or AssignPromiseCommand;

    /// <summary>
    /// Null when <paramref name="actor"/> may apply <paramref name="command"/> to <paramref name="promise"/>; otherwise
    /// the people who may (maker, backup, manager, without repeats), for the refusal to name.
    /// </summary>
    public static IReadOnlyList<(string Role, UserId Person)>? WhoMay(Promise promise, ParsedCommand command, UserId actor, UserId? manager)
    {
        ArgumentNullException.ThrowIfNull(promise);
        if (!IsGuarded(command) || manager is null || actor == promise.Owner)
        {
            return null;
        }

        var allowed = new List<(string Role, UserId Person)> { ("its maker", promise.MadeBy) };
        if (promise.Backup is { } backup)
        {
            allowed.Add(("its backup", backup));
        }

        allowed.Add(("the manager", manager.Value));
        var distinct = allowed.DistinctBy(a => a.Person).ToList();
        return distinct.Any(a => a.Person == actor) ? null : distinct;
    }

    /// <summary>True when the change is made by someone other than the promise's owner (before the change).</summary>
    public static bool IsBehindOwnersBack(Promise before, UserId actor)
    {
        ArgumentNullException.ThrowIfNull(before);
        return actor != before.Owner;
    }
}
