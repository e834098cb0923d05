namespace PromiseBot.Core.Outbox;

/// <summary>Where one file's delivery stands. Only <see cref="Completing"/> marks a call that must not be repeated.</summary>
public enum FileStep
{
    /// <summary>The platform gave an id and somewhere to put the bytes; nothing is shared yet. A retry starts the file
    /// again with a new id: this one is abandoned, never completed.</summary>
    Uploading,

    /// <summary>The call that shares the file was started (it can be made once only): a retry asks the platform whether
    /// it took instead of making it again.</summary>
    Completing,

    /// <summary>Shared where it was going.</summary>
    Completed,
}
