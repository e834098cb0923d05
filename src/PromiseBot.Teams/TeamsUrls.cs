using System.Net;

namespace PromiseBot.Teams;

/// <summary>
/// The one rule for every URL the Teams adapter talks to or listens on: https, or plain http only to this machine's
/// loopback (tests, the Agents Playground, local fakes), because bearer tokens, the app secret and unsigned activities'
/// answers travel on them. Used for the OpenID metadata and its <c>jwks_uri</c>, the token endpoint, service URLs,
/// the local mode's listen addresses, <c>Host</c> header and <c>serviceUrl</c>.
/// </summary>
public static class TeamsUrls
{
    /// <summary>An absolute https URL, or http to a loopback host.</summary>
    public static bool IsAllowedEndpoint(Uri? uri) =>
        uri is { IsAbsoluteUri: true }
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    /// <inheritdoc cref="IsAllowedEndpoint(Uri?)"/>
    public static bool IsAllowedEndpoint(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && IsAllowedEndpoint(uri);

    /// <summary>
    /// An http or https URL whose host is loopback (<see cref="IsLoopbackHost"/>). <c>*</c>, <c>+</c>,
    /// <c>0.0.0.0</c>, <c>[::]</c>, any other host name (Kestrel binds those on every interface) and anything
    /// unreadable are not.
    /// </summary>
    public static bool IsLoopbackUrl(string? url) =>
        !string.IsNullOrWhiteSpace(url)
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && IsLoopback(uri);

    /// <summary>Whether the URI's host is loopback (<see cref="IsLoopbackHost"/>).</summary>
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri && IsLoopbackHost(uri.Host);
    }

    /// <summary>
    /// A host name or address (a <c>Host</c> header without its port) that names this machine's loopback:
    /// <c>localhost</c>, 127.0.0.0/8 and <c>[::1]</c> (with or without brackets), nothing else.
    /// </summary>
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
