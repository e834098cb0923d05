using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>
/// One promise as a line of rich text, with its state so a renderer can colour it. <paramref name="Version"/> is the
/// promise's version when the line was written; when set and the promise is still open, renderers that can add
/// buttons (Done, Extend, Ack, Reassign) do, and the version lets them notice a promise that changed since.
/// <paramref name="Acknowledgeable"/>: a reminder step has fired and is not acknowledged yet, so an Ack button means
/// something (before any reminder, <c>ack</c> answers "nothing to acknowledge").
/// </summary>
public sealed record PromiseLineBlock(
    PromiseNumber Number, PromiseLineState State, IReadOnlyList<TextRun> Runs, int? Version = null, bool Acknowledgeable = false) : ReplyBlock
{
    /// <summary>True when the line carries the promise's version and the promise can still change.</summary>
    public bool IsActionable => Version is not null && State is not (PromiseLineState.Done or PromiseLineState.Cancelled);
}
