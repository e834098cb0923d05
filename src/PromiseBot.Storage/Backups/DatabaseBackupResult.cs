namespace PromiseBot.Storage.Backups;

/// <summary>What a backup wrote (<see cref="File"/>, its size) and which older backups it deleted.</summary>
public sealed record DatabaseBackupResult(string File, long Bytes, IReadOnlyList<string> Removed);
