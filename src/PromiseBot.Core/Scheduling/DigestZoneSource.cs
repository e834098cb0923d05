namespace PromiseBot.Core.Scheduling;

/// <summary>Where a channel digest's zone came from, so a change of the workspace default moves the right ones.</summary>
public enum DigestZoneSource
{
    /// <summary>Named in <c>digest on … Europe/London</c>: stays put.</summary>
    Explicit = 0,

    /// <summary>The zone of the person who turned the digest on: stays put.</summary>
    Subscriber = 1,

    /// <summary>The workspace default (or the bot default while the workspace has none): moves with <c>config timezone</c>.</summary>
    Workspace = 2,
}
