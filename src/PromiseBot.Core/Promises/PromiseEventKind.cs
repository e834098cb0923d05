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
}
