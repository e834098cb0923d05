namespace PromiseBot.Storage.Postgres;

/// <summary>How we reach PostgreSQL (<c>Storage__Provider=postgres</c>).</summary>
public sealed class PostgresOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Port=5432;Database=promisebot;Username=promisebot;Password=…</c>.</summary>
    public string ConnectionString { get; set; } = "";
}
