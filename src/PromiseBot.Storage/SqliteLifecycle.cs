namespace PromiseBot.Storage;

/// <summary><see cref="IDatabaseLifecycle"/> for a SQLite file: <see cref="Migrator"/> on its own connection.</summary>
public sealed class SqliteLifecycle(SqliteDatabase database, TimeProvider time) : IDatabaseLifecycle
{
    public string Name => database.DataSource;

    public string? Folder => database.Folder;

    public IReadOnlyList<int> Migrate() => Migrator.Apply(database, time);
}
