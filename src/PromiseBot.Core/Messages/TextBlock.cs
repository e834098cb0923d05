using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>A paragraph of rich text.</summary>
public sealed record TextBlock(IReadOnlyList<TextRun> Runs) : ReplyBlock
{
    public TextBlock(params TextRun[] runs) : this((IReadOnlyList<TextRun>)runs)
    {
    }
}
