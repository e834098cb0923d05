namespace PromiseBot.Storage;

/// <summary>
/// Where the SQLite and PostgreSQL statements differ. Everything else is one SQL text for both (<c>ON CONFLICT</c>,
/// <c>RETURNING</c>, partial indexes, <c>TRUE</c>/<c>FALSE</c>, Unix-millisecond instants); a statement that needs a
/// fragment from here says why where it uses it.
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new("sqlite", skipLocked: "", inList: "IN {0}", indexedBy: " INDEXED BY {0}");

    public static readonly SqlDialect Postgres = new("postgres", skipLocked: " FOR UPDATE SKIP LOCKED", inList: "= ANY({0})", indexedBy: "");

    private readonly string _inList;
    private readonly string _indexedBy;

    private SqlDialect(string name, string skipLocked, string inList, string indexedBy)
    {
        _indexedBy = indexedBy;
        Name = name;
        SkipLocked = skipLocked;
        _inList = inList;
    }

    /// <summary>The provider's name, as configured (<c>Storage__Provider</c>) and as its migrations folder is named.</summary>
    public string Name { get; }

    /// <summary>
    /// Appended to a claim's SELECT: with several hosts (PostgreSQL) a row another host is claiming is skipped rather
    /// than waited for; SQLite has one writer, which claims alone, so it needs nothing.
    /// </summary>
    public string SkipLocked { get; }

    /// <summary>
    /// "Is one of this list" for a parameter bound to an array: Dapper expands <c>IN @List</c> into one parameter per
    /// item on SQLite, but hands Npgsql the array as one parameter, which PostgreSQL compares with <c>= ANY(...)</c>.
    /// </summary>
    public string InList(string parameter) => string.Format(System.Globalization.CultureInfo.InvariantCulture, _inList, parameter);

    /// <summary>
    /// After a table in FROM: on SQLite, makes the planner use <paramref name="index"/> (its statistics can mislead it
    /// on a partial index); PostgreSQL's planner has no such hint and picks the partial index from its statistics.
    /// </summary>
    public string IndexedBy(string index) => string.Format(System.Globalization.CultureInfo.InvariantCulture, _indexedBy, index);

    public override string ToString() => Name;
}
