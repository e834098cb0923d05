using System.Net;

namespace PromiseBot.Host.Teams;

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
        return urls.FirstOrDefault(url => !IsLoopbackUrl(url));
    }

    /// <summary>
    /// True for <c>localhost</c>, 127.0.0.0/8 and <c>[::1]</c> only. <c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>,
    /// any other host name (Kestrel binds those on every interface) and anything unreadable are not loopback.
    /// </summary>
    public static bool IsLoopbackUrl(string url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        return IsLoopbackHost(uri.Host);
    }

    /// <summary>A host name or address (a <c>Host</c> header without its port) that names this machine's loopback.</summary>
    public static bool IsLoopbackHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
    }
}
