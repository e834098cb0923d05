using System.IO.Compression;
using Dapper;
using Microsoft.Data.Sqlite;

namespace PromiseBot.Host.Tests.Retention;

/// <summary>Reads a SQLite file the way an auditor would: every table with a workspace column, every value as text.</summary>
public static class DatabaseScan
{
    /// <summary>Every table of the app's schema that has a <c>workspace</c> column.</summary>
    public static List<string> WorkspaceTables(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'qrtz_%' ORDER BY name").AsList();
        // Table names come from the schema itself (identifiers cannot be parameters); values always are.
        return [.. tables.Where(t => connection.Query<string>("SELECT name FROM pragma_table_info(@Table)", new { Table = t }).Contains("workspace"))];
    }

    /// <summary>How many rows each workspace table holds for <paramref name="workspace"/>.</summary>
    public static Dictionary<string, long> Counts(string connectionString, string workspace)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        return WorkspaceTables(connectionString).ToDictionary(t => t, t => connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {t} WHERE workspace = @W", new { W = workspace }));
    }

    /// <summary>"table.column: value" for every value of the workspace's rows that contains <paramref name="part"/>
    /// (blobs read as UTF-8, gzip ones unpacked first).</summary>
    public static List<string> Find(string connectionString, string workspace, string part)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var found = new List<string>();
        foreach (var table in WorkspaceTables(connectionString))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} WHERE workspace = $w";
            command.Parameters.AddWithValue("$w", workspace);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var text = reader.IsDBNull(i) ? "" : reader.GetValue(i) switch
                    {
                        byte[] bytes => Text(bytes),
                        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    };
                    if (text.Contains(part, StringComparison.Ordinal))
                    {
                        found.Add($"{table}.{reader.GetName(i)}: {text}");
                    }
                }
            }
        }

        return found;
    }

    public static string Text(byte[] bytes)
    {
        if (bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            bytes = output.ToArray();
        }

        return System.Text.Encoding.UTF8.GetString(bytes);
    }
}
