using System.Reflection;
using Dapper;
using PromiseBot.Storage.Scheduling;

namespace PromiseBot.Storage;

/// <summary>
/// Applies the numbered SQL files embedded under Migrations/ in order, once each, recording them in
/// schema_migrations. Migrations are only ever appended: an applied file is never edited.
/// <para>
/// A migration may have a C# step (<see cref="Steps"/>) for what SQL cannot say: it runs right after the file's SQL,
/// in the same transaction, and is recorded with it, so a version is either fully applied or not at all. Version 10
/// uses one: once the escalation triggers are dropped, every open promise's next escalation moment is recomputed by
/// Core's <c>EscalationPlanner</c>, the only statement of the ladder. Version 16 uses one: every promise's outcome
/// is recomputed from its event log by Core's <c>OutcomeRules</c> (see <c>SqlOutcomeStore</c>).
/// </para>
/// <para>
/// Each provider has its own numbered files: SQLite's under Migrations/, PostgreSQL's under Migrations/postgres/
/// (its 0001 is the schema SQLite reached at its 0020, in PostgreSQL's types; there was never PostgreSQL data to carry
/// over, so it has no C# steps). On PostgreSQL the whole run holds a session advisory lock, so hosts that start
/// together migrate once: the others wait, then find nothing left to apply. Each version runs in one transaction,
/// DDL included, on both providers, so a migration that fails leaves the database as it was.
/// </para>
/// <para>
/// The playground's tables are a second set (Migrations/Playground, ledger playground_schema_migrations), applied
/// only to the playground's own database when it starts (<see cref="ApplyPlayground"/>).
/// </para>
/// </summary>
public static class Migrator
{
    private const string MainPrefix = "PromiseBot.Storage.Migrations.";
    private const string PostgresPrefix = "PromiseBot.Storage.PostgresMigrations.";
    private const string PlaygroundPrefix = "PromiseBot.Storage.PlaygroundMigrations.";

    private const string CreateLedgerSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        );
        """;

    private const string AppliedSql = "SELECT version FROM schema_migrations";

    private const string RecordSql = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)";

    private const string CreatePlaygroundLedgerSql = """
        CREATE TABLE IF NOT EXISTS playground_schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        );
        """;

    private const string PlaygroundAppliedSql = "SELECT version FROM playground_schema_migrations";

    private const string PlaygroundRecordSql =
        "INSERT INTO playground_schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)";

    /// <summary>C# steps, by the version whose SQL they follow; each gets the unit and the time of the upgrade.</summary>
    internal static readonly IReadOnlyDictionary<int, Action<IDbUnit, NodaTime.Instant>> Steps = new Dictionary<int, Action<IDbUnit, NodaTime.Instant>>
    {
        [10] = (unit, _) => EscalationMoments.RecomputeAllAtVersion10(unit),
        [16] = (unit, at) => Outcomes.SqlOutcomeStore.RecomputeAllAtVersion16(unit, at),
    };

    // Any fixed number: every PromiseBot host on the database asks for the same one ("PrmB").
    private const long PostgresMigrationLock = 0x50726D42;

    /// <summary>Sets the database-wide pragmas and applies pending migrations. Returns the versions it applied.</summary>
    public static IReadOnlyList<int> Apply(IDatabase database, TimeProvider time) => Apply(database, time, int.MaxValue);

    /// <summary>
    /// <see cref="Apply(IDatabase, TimeProvider)"/> up to and including <paramref name="upTo"/> (tests build a
    /// database as an older release left it, then upgrade it).
    /// </summary>
    internal static IReadOnlyList<int> Apply(IDatabase database, TimeProvider time, int upTo)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        using var connection = database.Open();
        var postgres = database.Dialect == SqlDialect.Postgres;
        if (postgres)
        {
            connection.Execute("SELECT pg_advisory_lock(@Key)", new { Key = PostgresMigrationLock });
        }
        else
        {
            // WAL lets readers work while the single writer commits; it is a property of the file, so set it once here.
            connection.Execute("PRAGMA journal_mode = WAL;");
        }

        try
        {
            return ApplyPending(connection, postgres ? PostgresPrefix : MainPrefix, postgres ? NoSteps : Steps, time, upTo);
        }
        finally
        {
            if (postgres)
            {
                connection.Execute("SELECT pg_advisory_unlock(@Key)", new { Key = PostgresMigrationLock });
            }
        }
    }

    private static readonly IReadOnlyDictionary<int, Action<IDbUnit, NodaTime.Instant>> NoSteps =
        new Dictionary<int, Action<IDbUnit, NodaTime.Instant>>();

    private static List<int> ApplyPending(
        System.Data.Common.DbConnection connection, string prefix, IReadOnlyDictionary<int, Action<IDbUnit, NodaTime.Instant>> steps, TimeProvider time, int upTo)
    {
        connection.Execute(CreateLedgerSql);
        var applied = connection.Query<int>(AppliedSql).ToHashSet();
        var done = new List<int>();
        foreach (var (version, name, sql) in Load(prefix))
        {
            if (applied.Contains(version) || version > upTo)
            {
                continue;
            }

            using var transaction = connection.BeginTransaction();
            using (var unit = new TransactionUnit(connection, transaction))
            {
                unit.Execute(sql);
                if (steps.TryGetValue(version, out var step))
                {
                    step(unit, NodaTime.Instant.FromDateTimeOffset(time.GetUtcNow()));
                }

                unit.Execute(RecordSql, new { Version = version, Name = name, AppliedAt = time.GetUtcNow().ToString("O") });
            }

            transaction.Commit();
            done.Add(version);
        }

        return done;
    }

    /// <summary>
    /// Applies the playground's pending migrations inside <paramref name="unit"/> (a write of the writer, so it never
    /// races the writer for the lock). Returns the versions it applied.
    /// </summary>
    public static IReadOnlyList<int> ApplyPlayground(IDbUnit unit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(time);
        unit.Execute(CreatePlaygroundLedgerSql);
        var applied = unit.Query<int>(PlaygroundAppliedSql).ToHashSet();
        var done = new List<int>();
        foreach (var (version, name, sql) in Load(PlaygroundPrefix))
        {
            if (applied.Contains(version))
            {
                continue;
            }

            unit.Execute(sql);
            unit.Execute(PlaygroundRecordSql, new { Version = version, Name = name, AppliedAt = time.GetUtcNow().ToString("O") });
            done.Add(version);
        }

        return done;
    }

    internal static IEnumerable<(int Version, string Name, string Sql)> LoadMigrations() => Load(MainPrefix);

    internal static IEnumerable<(int Version, string Name, string Sql)> LoadPostgresMigrations() => Load(PostgresPrefix);

    internal static IEnumerable<(int Version, string Name, string Sql)> LoadPlaygroundMigrations() => Load(PlaygroundPrefix);

    private static IEnumerable<(int Version, string Name, string Sql)> Load(string prefix)
    {
        var assembly = typeof(Migrator).Assembly;
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
