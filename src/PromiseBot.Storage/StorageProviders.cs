namespace PromiseBot.Storage;

/// <summary>Which provider the configuration asks for: <c>Storage__Provider</c>, else the connection string's shape.</summary>
public static class StorageProviders
{
    /// <summary>The configuration key naming the provider (<c>Storage__Provider</c> in the environment).</summary>
    public const string ConfigurationKey = "Storage:Provider";

    /// <summary>
    /// <c>sqlite</c> or <c>postgres</c> (also <c>postgresql</c>) when <paramref name="provider"/> names one; unset,
    /// PostgreSQL when the connection string is clearly Npgsql's (it has a <c>Host=</c> or <c>Server=</c> key, which a
    /// SQLite connection string never has), else SQLite, the embedded default. Anything else is refused at start with
    /// what we read, never guessed.
    /// </summary>
    public static SqlDialect Choose(string? provider, string? connectionString)
    {
        if (!string.IsNullOrWhiteSpace(provider))
        {
            return provider.Trim().ToUpperInvariant() switch
            {
                "SQLITE" => SqlDialect.Sqlite,
                "POSTGRES" or "POSTGRESQL" => SqlDialect.Postgres,
                _ => throw new InvalidOperationException(
                    $"Storage:Provider is \"{provider}\": it must be sqlite (the default) or postgres, e.g. Storage__Provider=postgres."),
            };
        }

        return LooksLikePostgres(connectionString) ? SqlDialect.Postgres : SqlDialect.Sqlite;
    }

    private static bool LooksLikePostgres(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = part.Split('=', 2)[0].Trim();
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
