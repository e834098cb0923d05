using NodaTime;

namespace PromiseBot.Core.Promises;

public enum PromiseEventKind
{
    Created,
    Completed,
    Extended,
    Paused,
    Resumed,
    Assigned,
    BackupSet,
    Cancelled,
    /// <summary>The due counted again after its calendar or target changed (old and new due; the note says what changed).</summary>
    Recounted,
}
