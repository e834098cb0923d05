namespace PromiseBot.Storage;

/// <summary>How we open the SQLite database.</summary>
public sealed class SqliteOptions
{
    /// <summary>ADO.NET connection string, e.g. <c>Data Source=promisebot.db</c>.</summary>
    public string ConnectionString { get; set; } = "Data Source=promisebot.db";

    /// <summary>
    /// How many queued writes one transaction may group. Group commit lets every request wait for its own durable
    /// commit while the disk flush is shared between concurrent requests.
    /// </summary>
    public int MaxBatch { get; set; } = 128;
}
