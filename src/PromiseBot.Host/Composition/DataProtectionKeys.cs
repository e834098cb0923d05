using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using PromiseBot.Storage;

namespace PromiseBot.Host.Composition;

/// <summary>
/// ASP.NET Core Data Protection for secrets stored in the database (Slack installation tokens). The key ring lives in
/// <c>promisebot-keys</c> beside the SQLite file, so the database and the keys that decrypt it are backed up and moved
/// together; an in-memory database gets an in-memory key ring (its data dies with the process anyway). The folder
/// holds the keys in the clear: it is created readable by the service user only.
/// https://learn.microsoft.com/aspnet/core/security/data-protection/configuration/overview
/// </summary>
public static class DataProtectionKeys
{
    public const string FolderName = "promisebot-keys";

    // Fixed, so the keys still apply when the app is deployed to another path (the default discriminator is the
    // content root).
    public const string ApplicationName = "PromiseBot";

    public static IServiceCollection AddPromiseBotDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        // Resolved from SqliteOptions, which the playground or tests may replace after this registration.
        services.AddOptions<KeyManagementOptions>().Configure<SqliteOptions, ILoggerFactory>((options, sqlite, loggers) =>
            options.XmlRepository = FolderFor(sqlite.ConnectionString) is { } folder
                ? new FileSystemXmlRepository(CreatePrivate(folder), loggers)
                : new InMemoryXmlRepository());
        return services;
    }

    /// <summary>The key folder for a connection string; null for an in-memory database.</summary>
    public static string? FolderFor(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (string.IsNullOrWhiteSpace(source) || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return null;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(source)) ?? Directory.GetCurrentDirectory();
        return Path.Combine(folder, FolderName);
    }

    private static DirectoryInfo CreatePrivate(string folder) =>
        OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(folder)
            : Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

    private sealed class InMemoryXmlRepository : IXmlRepository
    {
        private readonly Lock _gate = new();
        private readonly List<XElement> _elements = [];

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (_gate)
            {
                return [.. _elements.Select(e => new XElement(e))];
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (_gate)
            {
                _elements.Add(new XElement(element));
            }
        }
    }
}
