using NodaTime;

namespace PromiseBot.Core.Promises;

/// <summary>Filters combine with AND. <see cref="Now"/> anchors "overdue" and "due soon".</summary>
public sealed record PromiseQuery
{
    public required Instant Now { get; init; }
    /// <summary>Only promises made in this channel.</summary>
    public string? Channel { get; init; }
    /// <summary>Only promises this user owns or backs up.</summary>
    public UserId? OwnerOrBackup { get; init; }
    /// <summary>Only promises this user owns.</summary>
    public UserId? Owner { get; init; }
    public string? Category { get; init; }
    public bool OverdueOnly { get; init; }
    /// <summary>Only promises due between now and now + this window.</summary>
    public Duration? DueWithin { get; init; }
    /// <summary>False: open and paused only. True: every state.</summary>
    public bool IncludeClosed { get; init; }
    /// <summary>Only closed promises with this outcome; <see cref="Promises.Outcome.Kept"/> also takes kept after renegotiation.</summary>
    public Outcome? Outcome { get; init; }
    /// <summary>Only promises closed at or after this moment (and still closed), most recently closed first.</summary>
    public Instant? ClosedSince { get; init; }
    /// <summary>True: newest first (list all). False: soonest due first.</summary>
    public bool NewestFirst { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 20;
}
