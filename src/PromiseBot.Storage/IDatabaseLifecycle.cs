namespace PromiseBot.Storage;

/// <summary>The database as the host starts it: where it is, and bringing its schema up to date.</summary>
public interface IDatabaseLifecycle
{
    /// <summary>What to call the database in logs (SQLite: the file).</summary>
    string Name { get; }

    /// <summary>
    /// The folder for files that belong with the database and are backed up with it (the Data Protection key ring
    /// that decrypts stored tokens), or null when the database has no folder (in memory).
    /// </summary>
    string? Folder { get; }

    /// <summary>
    /// Applies pending migrations and their C# steps, before anything else touches the database. Returns the
    /// versions it applied (none when the database was up to date).
    /// </summary>
    IReadOnlyList<int> Migrate();

    /// <summary>Asks the database a trivial question (<c>SELECT 1</c>); throws when it does not answer.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
