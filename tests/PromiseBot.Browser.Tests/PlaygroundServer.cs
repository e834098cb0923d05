using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Host.Playground;

namespace PromiseBot.Browser.Tests;

/// <summary>
/// The real host on Kestrel, 127.0.0.1 and a free port, on a temp-folder database, with the playground on. Its clock's
/// baseline is pinned to Monday 23 Nov 2026, 10:00 in New York, so "tomorrow" and the reminder 24 hours before it do
/// not depend on when the test runs (no quiet hours in the way).
/// </summary>
public sealed class PlaygroundServer : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    private readonly string _connectionString;

    public PlaygroundServer(string connectionString)
    {
        _connectionString = connectionString;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public FakeTimeProvider Baseline { get; } = new(Start);

    /// <summary>Starts Kestrel and returns the page's address, e.g. http://127.0.0.1:43127/.</summary>
    public Uri Listen()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:PromiseBot", _connectionString);
        builder.UseSetting("PromiseBot:Playground", "true");
        builder.UseSetting("PromiseBot:DefaultTimeZone", "America/New_York");
        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new PlaygroundClock(Baseline));
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<PlaygroundClock>());
        });
    }
}
