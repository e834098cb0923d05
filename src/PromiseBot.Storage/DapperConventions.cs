namespace PromiseBot.Storage;

/// <summary>How Dapper maps rows on every provider, set once before the first query of either database.</summary>
internal static class DapperConventions
{
    /// <summary>
    /// Columns are snake_case (due_at); row classes are PascalCase (DueAt). Flags are bound as 0/1 integers, never as
    /// <c>bool</c>: SQLite takes either, but PostgreSQL's bigint flag columns refuse a boolean.
    /// </summary>
    public static void Apply() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
}
