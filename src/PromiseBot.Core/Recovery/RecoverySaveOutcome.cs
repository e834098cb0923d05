namespace PromiseBot.Core.Recovery;

/// <summary>What <see cref="IRecoveryNoteStore.SaveAsync"/> did.</summary>
public enum RecoverySaveOutcome
{
    Saved,
    /// <summary>The workspace has no such promise; nothing stored.</summary>
    NotFound,
    /// <summary>The delivery was handled before (a platform's retry); nothing stored again.</summary>
    Duplicate,
}
