using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Retention;

/// <summary>
/// Retention, export and erasure (issue 18): the daily retention run (<see cref="PurgeAsync"/>), and the manager's
/// <c>export all</c>, <c>forget @person</c> and <c>delete workspace data</c>. Only a set manager may run the three
/// commands: they hand out or remove everyone's records.
/// </summary>
public sealed class DataLifecycleService(IDataLifecycleStore store, IScheduleStore settings)
{
    /// <summary>Promises archived and deleted per transaction by the retention run.</summary>
    public const int BatchSize = 200;

    public static bool Handles(ParsedCommand command) => command is ExportAllCommand or ForgetPersonCommand or DeleteWorkspaceDataCommand;

    public async Task<Reply> HandleAsync(ParsedCommand parsed, ReplyContext view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(view);
        var workspace = view.Command.Workspace;
        var current = await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (DataLifecycleMessages.RefuseUnlessManager(current, parsed, view) is { } refused)
        {
            return refused;
        }

        switch (parsed)
        {
            case ExportAllCommand:
            {
                var tables = await store.ReadWorkspaceAsync(workspace, cancellationToken).ConfigureAwait(false);
                var archives = await store.ListArchivesAsync(workspace, cancellationToken).ConfigureAwait(false);
                var zip = WorkspaceArchive.Build(workspace, view.Now, tables, archives);
                return DataLifecycleMessages.Exported(workspace, view.Now, tables, archives, zip);
            }

            case ForgetPersonCommand { Person: var person } when Pseudonym.IsPseudonym(person):
                return DataLifecycleMessages.AlreadyForgotten(view);
            case ForgetPersonCommand { Confirmed: false } forget:
            {
                var footprint = await store.FootprintAsync(workspace, forget.Person, cancellationToken).ConfigureAwait(false);
                return DataLifecycleMessages.ForgetPreview(forget, Pseudonym.For(workspace, forget.Person), footprint, view);
            }

            case ForgetPersonCommand forget:
            {
                var pseudonym = Pseudonym.For(workspace, forget.Person);
                var changed = await store.PseudonymiseAsync(workspace, forget.Person, forget.Name, pseudonym, cancellationToken).ConfigureAwait(false);
                return DataLifecycleMessages.Forgotten(pseudonym, changed);
            }

            case DeleteWorkspaceDataCommand { Confirmation: null }:
                return DataLifecycleMessages.DeletePreview(workspace, current.RetentionYears, view);
            case DeleteWorkspaceDataCommand delete when !string.Equals(delete.Confirmation, workspace.Value, StringComparison.OrdinalIgnoreCase):
                return DataLifecycleMessages.DeleteMismatch(workspace, view);
            case DeleteWorkspaceDataCommand:
            {
                var deleted = await store.DeleteWorkspaceAsync(workspace, cancellationToken).ConfigureAwait(false);
                return DataLifecycleMessages.Deleted(deleted);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(parsed), parsed.GetType().Name, "Not a retention, export or erasure command.");
        }
    }

    /// <summary>
    /// The daily retention run: in every workspace, the promises closed longer ago than its retention are archived
    /// and deleted, a batch of <see cref="BatchSize"/> per transaction. Running it twice, or on two hosts, deletes
    /// nothing twice: a batch takes only what is still there. Returns how many promises it deleted.
    /// </summary>
    public async Task<int> PurgeAsync(Instant now, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var workspace in await store.ListWorkspacesAsync(cancellationToken).ConfigureAwait(false))
        {
            var years = (await settings.GetSettingsAsync(workspace, cancellationToken).ConfigureAwait(false)).RetentionYears;
            var closedBefore = RetentionRule.ClosedBefore(now, Math.Clamp(years, RetentionRule.MinYears, RetentionRule.MaxYears));
            int deleted;
            do
            {
                deleted = await store.ArchiveClosedAsync(workspace, closedBefore, BatchSize, now, cancellationToken).ConfigureAwait(false);
                total += deleted;
            }
            while (deleted == BatchSize);
        }

        return total;
    }
}
