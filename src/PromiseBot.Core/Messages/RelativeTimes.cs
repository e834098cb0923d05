using NodaTime;

namespace PromiseBot.Core.Messages;

/// <summary>
/// Re-resolves the relative times of a stored message against the moment it is delivered. The outbox dispatcher
/// applies it right before sending, so a reminder held by quiet hours or a digest delayed by a retry says how much
/// time is left when it arrives, not when it was queued.
/// </summary>
public static class RelativeTimes
{
    /// <summary>The reply with every <see cref="RelativeTimeRun"/> resolved at <paramref name="now"/>; the same instance when it has none.</summary>
    public static Reply AtDelivery(Reply reply, Instant now)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (!reply.Blocks.Any(HasRelativeTime))
        {
            return reply;
        }

        return reply with { Blocks = reply.Blocks.Select(b => Resolve(b, now)).ToArray() };
    }

    private static bool HasRelativeTime(ReplyBlock block) => block switch
    {
        TextBlock text => text.Runs.Any(r => r is RelativeTimeRun),
        ContextBlock context => context.Runs.Any(r => r is RelativeTimeRun),
        FieldsBlock fields => fields.Fields.Any(f => f.Value.Any(r => r is RelativeTimeRun)),
        PromiseLineBlock line => line.Runs.Any(r => r is RelativeTimeRun),
        _ => false,
    };

    private static ReplyBlock Resolve(ReplyBlock block, Instant now) => block switch
    {
        TextBlock text => new TextBlock(Resolve(text.Runs, now)),
        ContextBlock context => new ContextBlock(Resolve(context.Runs, now)),
        FieldsBlock fields => new FieldsBlock(fields.Fields.Select(f => f with { Value = Resolve(f.Value, now) }).ToArray()),
        PromiseLineBlock line => line with { Runs = Resolve(line.Runs, now) },
        _ => block,
    };

    private static TextRun[] Resolve(IReadOnlyList<TextRun> runs, Instant now) =>
        runs.Select(r => r is RelativeTimeRun relative ? RelativeTimeRun.For(relative.At, now) : r).ToArray();
}
