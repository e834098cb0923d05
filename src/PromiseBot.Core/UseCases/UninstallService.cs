using PromiseBot.Core.Installations;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;

namespace PromiseBot.Core.UseCases;

/// <summary>
/// The app was removed from a workspace (Slack <c>app_uninstalled</c>, or its bot token revoked): its channel digests
/// and scheduled reports stop (schedule and trigger) and its installation with the tokens is deleted. Its promises and their history
/// are kept, so a re-install finds them again. Reads and changes only that workspace.
/// </summary>
public sealed class UninstallService(
    IScheduleStore schedules, IDigestScheduler digests, IInstallationStore installations,
    Reports.IReportScheduleStore? reports = null, Reports.IReportScheduler? reportScheduler = null)
{
    public async Task<Uninstalled> UninstallAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var stopped = 0;
        foreach (var subscription in await schedules.ListSubscriptionsAsync(workspace, cancellationToken).ConfigureAwait(false))
        {
            await schedules.RemoveSubscriptionAsync(workspace, subscription.Channel, cancellationToken).ConfigureAwait(false);
            await digests.UnscheduleAsync(workspace, subscription.Channel, cancellationToken).ConfigureAwait(false);
            stopped++;
        }

        if (reports is not null && reportScheduler is not null)
        {
            foreach (var schedule in await reports.ListAsync(workspace, cancellationToken).ConfigureAwait(false))
            {
                await reports.RemoveAsync(workspace, schedule.Channel, schedule.Cadence, cancellationToken).ConfigureAwait(false);
                await reportScheduler.UnscheduleAsync(workspace, schedule.Channel, schedule.Cadence, cancellationToken).ConfigureAwait(false);
            }
        }

        // Its tokens are dead at the platform's end: delete them here too.
        var removed = await installations.RemoveAsync(workspace, cancellationToken).ConfigureAwait(false);
        return new Uninstalled(stopped, removed);
    }
}
