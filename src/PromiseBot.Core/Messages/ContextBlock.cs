using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>Small, secondary text (hints, paging, "times shown in ...").</summary>
public sealed record ContextBlock(IReadOnlyList<TextRun> Runs) : ReplyBlock
{
    public ContextBlock(params TextRun[] runs) : this((IReadOnlyList<TextRun>)runs)
    {
    }
}
