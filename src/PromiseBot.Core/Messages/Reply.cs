using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>
/// A platform-neutral message. Adapters render it (Block Kit, Adaptive Cards, HTML). Every string in it is plain
/// text: renderers escape it for their markup, so user text can never become a mention or a link.
/// </summary>
/// <param name="Summary">A one-line plain-text version, used as notification / fallback text.</param>
public sealed record Reply(ReplyVisibility Visibility, ReplyTone Tone, string Summary, IReadOnlyList<ReplyBlock> Blocks)
{
    public static Reply Private(ReplyTone tone, string summary, params ReplyBlock[] blocks) =>
        new(ReplyVisibility.Private, tone, summary, blocks);
}
