using Microsoft.Extensions.Configuration;

namespace PromiseBot.Teams.Hosting;

/// <summary>
/// Where the host listens, read the way Kestrel reads it: <c>urls</c> (<c>ASPNETCORE_URLS</c>, <c>--urls</c>, launch
/// settings), <c>http_ports</c> / <c>https_ports</c> (<c>ASPNETCORE_HTTP_PORTS</c>: every interface) and
/// <c>Kestrel:Endpoints:*:Url</c>; nothing configured means Kestrel's default, <c>http://localhost:5000</c>.
/// </summary>
public static class ListenAddresses
{
    /// <summary>Every configured listen URL (empty: Kestrel's loopback default).</summary>
    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = new List<string>();
        foreach (var url in (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            urls.Add(url);
        }

        foreach (var (key, scheme) in (ReadOnlySpan<(string, string)>)[("http_ports", "http"), ("https_ports", "https")])
        {
            foreach (var port in (configuration[key] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // Kestrel binds these on every interface.
                urls.Add($"{scheme}://*:{port}");
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                urls.Add(url);
            }
        }

        return urls;
    }

    /// <summary>The first of <paramref name="urls"/> that is not on loopback, or null when all are.</summary>
    public static string? FirstNotLoopback(IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return urls.FirstOrDefault(url => !TeamsUrls.IsLoopbackUrl(url));
    }
}
