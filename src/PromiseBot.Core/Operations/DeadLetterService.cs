using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Operations;

/// <summary>
/// <c>admin outbox</c> and <c>admin retry N</c>: the workspace's dead letters (outbox rows that ended failed) for its
/// manager, and sending one of them again. Everything else about the outbox stays with the dispatcher.
/// </summary>
public sealed class DeadLetterService(IDeadLetterStore store, IScheduleStore settings)
{
    /// <summary>How many failed rows <c>admin outbox</c> lists.</summary>
    public const int ListLimit = 20;

    public static bool Handles(ParsedCommand command) => command is AdminOutboxCommand or AdminRetryCommand;

    public async Task<Reply> HandleAsync(ParsedCommand command, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(view);
        var workspace = view.Command.Workspace;
        var manager = (await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false)).Manager;
        if (manager is not { } m)
        {
            return OperationsMessages.NeedsManager(view);
        }

        if (m != view.Command.User)
        {
            return OperationsMessages.OnlyManager(m);
        }

        switch (command)
        {
            case AdminOutboxCommand:
                var failed = await store.ListFailedAsync(workspace, ListLimit, cancellationToken).ConfigureAwait(false);
                return OperationsMessages.Failed(failed, view);
            case AdminRetryCommand retry:
                var outcome = await store.RequeueAsync(workspace, retry.Id, view.Now, cancellationToken).ConfigureAwait(false);
                return OperationsMessages.Retried(retry.Id, outcome, view);
            default:
                throw new ArgumentException($"Not an admin command: {command.GetType().Name}.", nameof(command));
        }
    }
}
