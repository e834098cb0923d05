namespace PromiseBot.Storage.Tests.Postgres;

/// <summary>Which provider a configuration means: named, else read from the connection string's shape, never guessed.</summary>
public sealed class StorageProvidersTests
{
    [Theory]
    [InlineData(null, null, "sqlite")]
    [InlineData(null, "Data Source=promisebot.db", "sqlite")]
    [InlineData(null, "Data Source=:memory:", "sqlite")]
    [InlineData(null, "Host=db;Database=promisebot;Username=pb", "postgres")]
    [InlineData(null, " host = db ; database=promisebot", "postgres")]
    [InlineData(null, "Server=db;Port=5432;Database=promisebot", "postgres")]
    [InlineData("postgres", "Data Source=promisebot.db", "postgres")]
    [InlineData("PostgreSQL", null, "postgres")]
    [InlineData(" sqlite ", "Host=db", "sqlite")]
    [InlineData("", "Host=db", "postgres")]
    public void Choose_NamedOrReadFromTheConnectionString(string? provider, string? connectionString, string expected) =>
        Assert.Equal(expected, StorageProviders.Choose(provider, connectionString).Name);

    [Theory]
    [InlineData("mysql")]
    [InlineData("pg")]
    public void Choose_AnUnknownProvider_IsRefusedNamingTheSettingAndTheChoices(string provider)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => StorageProviders.Choose(provider, "Host=db"));

        Assert.Contains("Storage:Provider", refused.Message, StringComparison.Ordinal);
        Assert.Contains(provider, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Storage__Provider=postgres", refused.Message, StringComparison.Ordinal);
    }
}
