using Dapper;

namespace PromiseBot.Storage.Postgres;

/// <summary>
/// The Data Protection key ring in the database (table data_protection_keys), on PostgreSQL: every host decrypts the
/// tokens any host stored. The host adapts it to ASP.NET Core's IXmlRepository, whose calls are synchronous and rare
/// (reading at start and when the ring refreshes, writing when a key is made, about every 90 days).
/// </summary>
public sealed class PostgresKeyRing(PostgresDatabase database, IDbWriter writer)
{
    private const string AllSql = "SELECT xml FROM data_protection_keys ORDER BY id";

    private const string StoreSql = "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@FriendlyName, @Xml)";

    public IReadOnlyList<string> GetAll()
    {
        using var connection = database.Open();
        return connection.Query<string>(AllSql).AsList();
    }

    public void Store(string xml, string? friendlyName) =>
        writer.ExecuteAsync(unit => unit.Execute(StoreSql, new { FriendlyName = friendlyName, Xml = xml }), CancellationToken.None)
            .GetAwaiter().GetResult();
}
