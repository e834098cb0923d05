using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>Who sees a reply: only the person who asked, or the whole channel.</summary>
public enum ReplyVisibility
{
    Private,
    Channel,
}

public enum ReplyTone
{
    Info,
    Success,
    Warning,
    Error,
}

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

public abstract record ReplyBlock;

/// <summary>A short title line.</summary>
public sealed record HeaderBlock(string Text) : ReplyBlock;

/// <summary>A paragraph of rich text.</summary>
public sealed record TextBlock(IReadOnlyList<TextRun> Runs) : ReplyBlock
{
    public TextBlock(params TextRun[] runs) : this((IReadOnlyList<TextRun>)runs)
    {
    }
}

/// <summary>Small, secondary text (hints, paging, "times shown in ...").</summary>
public sealed record ContextBlock(IReadOnlyList<TextRun> Runs) : ReplyBlock
{
    public ContextBlock(params TextRun[] runs) : this((IReadOnlyList<TextRun>)runs)
    {
    }
}

/// <summary>Labelled values, e.g. Owner / Due / Customer, shown as a compact grid.</summary>
public sealed record FieldsBlock(IReadOnlyList<Field> Fields) : ReplyBlock;

public sealed record Field(string Label, IReadOnlyList<TextRun> Value);

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

public enum PromiseLineState
{
    Open,
    DueSoon,
    Overdue,
    Paused,
    Done,
    Cancelled,
}

public sealed record DividerBlock : ReplyBlock;

/// <summary>A piece of rich text. Renderers escape <see cref="Text"/> for their markup.</summary>
public abstract record TextRun;

public sealed record PlainRun(string Text) : TextRun;

/// <summary>
/// A time relative to now ("in 5 h", "2 days late") for the instant <paramref name="At"/>. Renderers show
/// <paramref name="Text"/> like a <see cref="PlainRun"/>; a message that waits in the outbox has every such run
/// re-resolved against the moment it is sent (<see cref="RelativeTimes.AtDelivery"/>), so a held reminder never says
/// "in 24 h" when 14 h are left.
/// </summary>
public sealed record RelativeTimeRun(Instant At, string Text) : TextRun
{
    /// <summary>The run for <paramref name="at"/> as seen at <paramref name="now"/>.</summary>
    public static RelativeTimeRun For(Instant at, Instant now) => new(at, Dates.DueFormatter.FormatRelative(at, now));
}

public sealed record BoldRun(string Text) : TextRun;

public sealed record ItalicRun(string Text) : TextRun;

public sealed record CodeRun(string Text) : TextRun;

public sealed record StrikeRun(string Text) : TextRun;

/// <summary>A mention of a user, rendered as the platform's native mention.</summary>
public sealed record MentionRun(UserId User) : TextRun;

/// <summary>A link. Renderers must only emit http(s) URLs as links; anything else becomes plain text.</summary>
public sealed record LinkRun(string Url, string Label) : TextRun;
