using PromiseBot.Core.Messages;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// Who may change a workspace's settings (<c>config</c>) and calendars: anyone until a manager is set, from then on
/// only the manager. Showing them is for everyone.
/// </summary>
public static class SettingsAuthority
{
    /// <summary>True when <paramref name="settings"/> let the person change them.</summary>
    public static bool MayChange(WorkspaceSettings settings, Promises.UserId user)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Manager is not { } manager || manager == user;
    }

    /// <summary>
    /// Null when the asker may change them; otherwise the refusal naming the manager, e.g. "Only the workspace's
    /// manager, @maya, can change calendars." with how to see them (<paramref name="showCommand"/>).
    /// </summary>
    public static Reply? RefuseUnlessManager(WorkspaceSettings settings, ReplyContext view, string what, string theseWhat, string showCommand)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(view);
        if (MayChange(settings, view.Command.User))
        {
            return null;
        }

        return Reply.Private(
            ReplyTone.Warning,
            $"Only the workspace's manager can change {what}.",
            new TextBlock(new PlainRun("Only the workspace's manager, "), new MentionRun(settings.Manager.GetValueOrDefault()), new PlainRun($", can change {theseWhat}.")),
            new ContextBlock(new PlainRun("See them with "), new CodeRun(view.Cmd(showCommand))));
    }
}
