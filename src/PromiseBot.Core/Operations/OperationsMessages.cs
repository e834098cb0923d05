using System.Globalization;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using static PromiseBot.Core.Messages.Runs;

namespace PromiseBot.Core.Operations;

/// <summary>The words of the operator's commands (<c>admin outbox</c>, <c>admin retry N</c>) and of the inbound limits.</summary>
public static class OperationsMessages
{
    /// <summary>The longest error shown per row; the whole one stays on the row.</summary>
    public const int ErrorExcerpt = 200;

    public const string SlowDownText = "You're sending commands faster than I can take them; wait a few seconds and try again. Nothing was changed.";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Over the inbound limit: a friendly answer where the person asked (never an HTTP error).</summary>
    public static Reply SlowDown(InboundLimitScope scope) => Reply.Private(
        ReplyTone.Warning,
        SlowDownText,
        new TextBlock(T(SlowDownText)),
        new ContextBlock(T(scope == InboundLimitScope.Workspace
            ? "This workspace as a whole is over its limit for the moment."
            : "You are over your own limit for the moment.")));

    public static Reply Help(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ReplyBlock Line(string usage, string what) => new TextBlock(C(view.Cmd(usage)), T("  " + what));
        return Reply.Private(
            ReplyTone.Info,
            "Failed deliveries",
            new HeaderBlock("Failed deliveries"),
            new TextBlock(T("Messages the bot could not deliver (a channel it was removed from, a permission it lacks, a platform that kept failing) stop being retried and wait here.")),
            Line("admin outbox", $"the workspace's failed deliveries, newest first (the first {Id(DeadLetterService.ListLimit)}): number, when, where to, the error"),
            Line("admin retry 42", "sends delivery 42 again (after fixing the cause: invite the bot back, grant the permission)"),
            new ContextBlock(T("Only the workspace's manager may use them (set one with "), C(view.Cmd("config manager @someone")), T(").")));
    }

    public static Reply NeedsManager(ReplyContext view) => Reply.Private(
        ReplyTone.Warning,
        "Only the workspace's manager sees failed deliveries, and there is none yet.",
        new TextBlock(T("Only the workspace's manager sees failed deliveries, and there is none yet. Set one first: "), C(view.Cmd("config manager @someone")), T(".")));

    public static Reply OnlyManager(UserId manager) => Reply.Private(
        ReplyTone.Warning,
        "Only the workspace's manager sees failed deliveries.",
        new TextBlock(T("Only the workspace's manager, "), new MentionRun(manager), T(", sees failed deliveries and sends them again.")));

    public static Reply Failed(FailedDeliveries failed, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(view);
        if (failed.Items.Count == 0)
        {
            return Reply.Private(ReplyTone.Info, "No failed deliveries.", new TextBlock(T("No failed deliveries in this workspace: every message was sent, is on its way, or was no longer wanted.")));
        }

        var blocks = new List<ReplyBlock>
        {
            new TextBlock(B(failed.Total == 1 ? "1 failed delivery" : $"{failed.Total.ToString("N0", CultureInfo.InvariantCulture)} failed deliveries")),
        };
        foreach (var row in failed.Items)
        {
            TextRun[] runs =
            [
                B(Id(row.Id)),
                T($"  ·  {DueFormatter.FormatAbsolute(row.LastTriedAt, view.Zone, view.Now)}  ·  to "),
                .. Target(row.To),
                T($"  ·  {row.Attempts} attempt{(row.Attempts == 1 ? "" : "s")}  ·  "),
                C(Excerpt(row.Error ?? "no error recorded")),
            ];
            blocks.Add(new TextBlock(runs));
        }

        var context = new List<TextRun>();
        if (failed.Total > failed.Items.Count)
        {
            context.Add(T($"The newest {Id(failed.Items.Count)} are shown. "));
        }

        context.AddRange([T("Send one again with "), C(view.Cmd($"admin retry {Id(failed.Items[0].Id)}")), T(" once its cause is fixed.")]);
        blocks.Add(new ContextBlock([.. context]));
        return Reply.Private(ReplyTone.Info, $"{failed.Total} failed deliveries", [.. blocks]);
    }

    public static Reply Retried(long id, RequeueOutcome outcome, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(view);
        return outcome.Result switch
        {
            RequeueResult.Requeued => Reply.Private(
                ReplyTone.Success,
                $"Delivery {Id(id)} is queued again.",
                new TextBlock(T($"Delivery {Id(id)} is queued again and goes out in a moment.")),
                new ContextBlock(T("If it fails again it comes back to "), C(view.Cmd("admin outbox")), T(" with the new error."))),
            RequeueResult.NotFound => Reply.Private(
                ReplyTone.Warning,
                $"There is no delivery {Id(id)} in this workspace.",
                new TextBlock(T($"There is no delivery {Id(id)} in this workspace.")),
                new ContextBlock(T("The failed ones, with their numbers: "), C(view.Cmd("admin outbox")))),
            _ => Reply.Private(
                ReplyTone.Warning,
                $"Delivery {Id(id)} did not fail; nothing to retry.",
                new TextBlock(T($"Delivery {Id(id)} did not fail (it is {outcome.Status ?? "not failed"}), so there is nothing to retry.")),
                new ContextBlock(T("The failed ones, with their numbers: "), C(view.Cmd("admin outbox")))),
        };
    }

    private static TextRun[] Target(Destination to) => to.Kind == DestinationKind.User
        ? [T($"{to.Platform} DM to "), new MentionRun(new UserId(to.Address))]
        : [T($"{to.Platform} channel "), C(to.Address)];

    private static string Excerpt(string error) => error.Length <= ErrorExcerpt ? error : error[..(ErrorExcerpt - 1)] + "…";
}
