using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using PromiseBot.Storage;
using PromiseBot.Storage.Postgres;

namespace PromiseBot.Host.Composition;

/// <summary>
/// ASP.NET Core Data Protection for secrets stored in the database (Slack installation tokens). The key ring lives in
/// <c>promisebot-keys</c> in the database's folder (<see cref="IDatabaseLifecycle.Folder"/>), so the database and the
/// keys that decrypt it are backed up and moved together; an in-memory database gets an in-memory key ring (its data
/// dies with the process anyway). The folder holds the keys in the clear: it is created readable by the service user
/// only. On PostgreSQL, where several hosts share the database and none has its folder, the ring is a table of that
/// database (<see cref="PostgresKeyRing"/>), so a token stored by one host is readable by every other.
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
        // Resolved from the database, whose connection string the playground or tests may set after this registration.
        services.AddOptions<KeyManagementOptions>().Configure<IDatabaseLifecycle, ILoggerFactory, IServiceProvider>((options, database, loggers, sp) =>
            options.XmlRepository = sp.GetService<PostgresKeyRing>() is { } ring
                ? new DatabaseXmlRepository(ring)
                : database.Folder is { } folder
                    ? new FileSystemXmlRepository(CreatePrivate(Path.Combine(folder, FolderName)), loggers)
                    : new InMemoryXmlRepository());
        return services;
    }

    private static DirectoryInfo CreatePrivate(string folder) =>
        OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(folder)
            : Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

    private sealed class DatabaseXmlRepository(PostgresKeyRing ring) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => [.. ring.GetAll().Select(XElement.Parse)];

        public void StoreElement(XElement element, string friendlyName) =>
            ring.Store(element.ToString(SaveOptions.DisableFormatting), friendlyName);
    }

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
