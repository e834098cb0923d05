using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using NodaTime;

namespace PromiseBot.Storage.Backups;

/// <summary>
/// <see cref="IDatabaseBackup"/> for either provider: on a SQLite file, <c>VACUUM INTO</c> on a connection of its own
/// (a read transaction: writers carry on in WAL mode, and the copy is the database as one commit left it, compacted);
/// on PostgreSQL nothing (<see cref="IsSupported"/> is false: use <c>pg_dump</c>).
/// </summary>
public sealed partial class SqlDatabaseBackup(IDatabase database) : IDatabaseBackup
{
    // VACUUM INTO takes any expression, a bound parameter included; it refuses a file that exists.
    private const string VacuumIntoSql = "VACUUM INTO @Path";

    private const string Stamp = "yyyyMMdd'T'HHmmss'Z'";

    public bool IsSupported => database.Dialect == SqlDialect.Sqlite && database.Folder is not null;

    public string? DefaultFolder => IsSupported ? database.Folder : null;

    public async Task<DatabaseBackupResult> BackUpAsync(string folder, Instant at, int keep, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        if (!IsSupported)
        {
            throw new InvalidOperationException("Only a SQLite database file is backed up by PromiseBot; back up PostgreSQL with pg_dump.");
        }

        var prefix = Prefix();
        Directory.CreateDirectory(folder);
        var file = Path.Combine(Path.GetFullPath(folder), prefix + at.ToDateTimeOffset().ToString(Stamp, CultureInfo.InvariantCulture) + ".db");
        var partial = file + ".partial";
        foreach (var stale in Directory.GetFiles(folder, prefix + "*.db.partial"))
        {
            File.Delete(stale); // a backup cut short by a crash
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(VacuumIntoSql, new { Path = partial }, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        }

        File.Move(partial, file, overwrite: true);
        var backups = Directory.GetFiles(folder, prefix + "*.db")
            .Where(f => BackupName().IsMatch(Path.GetFileName(f)[prefix.Length..]))
            .OrderByDescending(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
        var removed = new List<string>();
        foreach (var old in backups.Skip(keep))
        {
            File.Delete(old);
            removed.Add(old);
        }

        return new DatabaseBackupResult(file, new FileInfo(file).Length, removed);
    }

    /// <summary><c>promisebot-backup-</c> for <c>promisebot.db</c>: backups are named after their database.</summary>
    private string Prefix() => Path.GetFileNameWithoutExtension(database.Name) + "-backup-";

    [GeneratedRegex(@"^\d{8}T\d{6}Z\.db$", RegexOptions.CultureInvariant)]
    private static partial Regex BackupName();
}
