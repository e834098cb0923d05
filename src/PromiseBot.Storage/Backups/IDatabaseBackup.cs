using NodaTime;

namespace PromiseBot.Storage.Backups;

/// <summary>
/// Online backups of the embedded database: a consistent copy of the SQLite file taken while the host keeps working
/// (<c>VACUUM INTO</c>), written into a folder where only the newest few are kept. PostgreSQL is backed up with its
/// own tools (<c>pg_dump</c>), so there <see cref="IsSupported"/> is false.
/// </summary>
public interface IDatabaseBackup
{
    /// <summary>True on a SQLite file; false on PostgreSQL or an in-memory database.</summary>
    bool IsSupported { get; }

    /// <summary>The folder of the database file, where backups go unless another folder is configured (null: none).</summary>
    string? DefaultFolder { get; }

    /// <summary>
    /// Copies the database into <paramref name="folder"/> as <c>{name}-backup-{yyyyMMddTHHmmssZ}.db</c> (the moment
    /// <paramref name="at"/>, UTC), then deletes all but the newest <paramref name="keep"/> backups of this database there.
    /// The copy is written under a temporary name and renamed when complete, so a crash never leaves a half backup
    /// that looks whole.
    /// </summary>
    Task<DatabaseBackupResult> BackUpAsync(string folder, Instant at, int keep, CancellationToken cancellationToken);
}
