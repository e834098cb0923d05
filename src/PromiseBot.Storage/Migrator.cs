using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace PromiseBot.Storage;

/// <summary>
/// Applies the numbered SQL files embedded under Migrations/ in order, once each, recording them in
/// schema_migrations. Migrations are only ever appended: an applied file is never edited.
/// </summary>
public static class Migrator
{
    private const string CreateLedgerSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        );
        """;

    private const string AppliedSql = "SELECT version FROM schema_migrations";

    private const string RecordSql = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)";

    /// <summary>Sets the database-wide pragmas and applies pending migrations. Returns the versions it applied.</summary>
    public static IReadOnlyList<int> Apply(SqliteDatabase database, TimeProvider time)
    {
        using var connection = database.Open();
        // WAL lets readers work while the single writer commits; it is a property of the file, so set it once here.
        connection.Execute("PRAGMA journal_mode = WAL;");
        connection.Execute(CreateLedgerSql);
        var applied = connection.Query<int>(AppliedSql).ToHashSet();
        var done = new List<int>();
        foreach (var (version, name, sql) in LoadMigrations())
        {
            if (applied.Contains(version))
            {
                continue;
            }

            using var transaction = connection.BeginTransaction();
            connection.Execute(sql, transaction: transaction);
            connection.Execute(RecordSql, new { Version = version, Name = name, AppliedAt = time.GetUtcNow().ToString("O") }, transaction);
            transaction.Commit();
            done.Add(version);
        }

        return done;
    }

    internal static IEnumerable<(int Version, string Name, string Sql)> LoadMigrations()
    {
        var assembly = typeof(Migrator).Assembly;
        const string prefix = "PromiseBot.Storage.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..];
                var version = int.Parse(name.AsSpan(0, name.IndexOf('_')), System.Globalization.CultureInfo.InvariantCulture);
                return (version, name, Read(assembly, n));
            })
            .OrderBy(m => m.version);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
