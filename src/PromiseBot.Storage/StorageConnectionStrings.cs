using Microsoft.Data.Sqlite;

namespace PromiseBot.Storage;

/// <summary>Connection strings derived from the configured one (today's provider: SQLite files).</summary>
public static class StorageConnectionStrings
{
    /// <summary>The connection string of the playground's database when none is configured.</summary>
    public const string Default = "Data Source=promisebot.db";

    /// <summary>
    /// A separate database beside the configured one, for <paramref name="purpose"/>: the configured file with
    /// <c>.{purpose}</c> before its extension, in the same folder (<c>promisebot.db</c> → <c>promisebot.playground.db</c>).
    /// Idempotent (a name that already has it is kept); an in-memory, empty or unreadable data source becomes
    /// <c>promisebot.{purpose}.db</c>.
    /// </summary>
    public static string Beside(string connectionString, string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            builder = new SqliteConnectionStringBuilder(Default);
        }

        var suffix = "." + purpose;
        var source = builder.DataSource;
        if (string.IsNullOrWhiteSpace(source) || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            builder.DataSource = "promisebot" + suffix + ".db";
            builder.Remove("Mode");
            return builder.ToString();
        }

        var name = Path.GetFileNameWithoutExtension(source);
        if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return builder.ToString();
        }

        var extension = Path.GetExtension(source);
        var file = name + suffix + (extension.Length == 0 ? ".db" : extension);
        var folder = Path.GetDirectoryName(source);
        builder.DataSource = string.IsNullOrEmpty(folder) ? file : Path.Combine(folder, file);
        return builder.ToString();
    }
}
