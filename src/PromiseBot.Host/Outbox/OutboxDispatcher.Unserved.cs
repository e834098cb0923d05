using NodaTime;
using PromiseBot.Core.Commands;

namespace PromiseBot.Host.Outbox;

/// <summary>Rows for a platform with no messenger in this host: reported, never left pending in silence.</summary>
public sealed partial class OutboxDispatcher
{
    /// <summary>Claims every due row of an <see cref="OutboxMessengers.Unserved"/> platform and marks it failed, one
    /// log line per row. Returns how many it failed.</summary>
    private async Task<int> FailUnservedAsync(CancellationToken cancellationToken)
    {
        if (messengers.Unserved.Count == 0)
        {
            return 0;
        }

        var failed = 0;
        while (true)
        {
            var now = Now();
            var rows = await outbox.ClaimDueAsync(now, now + Duration.FromTimeSpan(settings.ClaimLease), settings.BatchSize,
                messengers.Unserved, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var to = row.Message.To;
                var reason = NoMessengerReason(to.Platform);
                await outbox.MarkFailedAsync(row, reason, cancellationToken).ConfigureAwait(false);
                LogUnserved(logger, row.Id, to.Workspace.Value, to.Platform.ToString(), to.Address, reason);
            }

            failed += rows.Count;
            if (rows.Count < settings.BatchSize)
            {
                return failed;
            }
        }
    }

    internal static string NoMessengerReason(ChatPlatform platform) => platform switch
    {
        ChatPlatform.Teams => "no_messenger: Teams is not configured in this host (set Teams__AppId, or the local mode)",
        ChatPlatform.Slack => "no_messenger: Slack is not configured in this host",
        _ => $"no_messenger: {platform} is not on in this host",
    };

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error,
        Message = "Outbox row {RowId} in {Workspace} failed: nothing in this host sends {Platform} messages (to {Address}): {Reason}")]
    private static partial void LogUnserved(ILogger logger, long rowId, string workspace, string platform, string address, string reason);
}
