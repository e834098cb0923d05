namespace PromiseBot.Teams.Connector;

/// <summary>URL rules for the Bot Connector and the token endpoint.</summary>
internal static class ConnectorUrls
{
    /// <summary>
    /// An absolute https URL; plain http only for loopback hosts (tests and local tools), because the bearer token
    /// and the app secret travel on these requests.
    /// </summary>
    public static Uri RequireSecure(string url, string what)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"{what} must be an absolute URL, got '{url}'.", nameof(url));
        }

        if (TeamsUrls.IsAllowedEndpoint(uri))
        {
            return uri;
        }

        throw new ArgumentException($"{what} must use https (plain http is accepted only for loopback addresses), got '{url}'.", nameof(url));
    }

    /// <summary>
    /// The service URL from a conversation reference as a base URI that always ends with '/': serviceUrls come
    /// with a path (<c>https://smba.trafficmanager.net/amer/</c>) and, without the slash, a relative
    /// <c>v3/...</c> would replace its last segment.
    /// </summary>
    public static Uri ServiceBase(string serviceUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
        return RequireSecure(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/", "serviceUrl");
    }

    /// <summary>Whether <see cref="ServiceBase"/> would accept <paramref name="serviceUrl"/>.</summary>
    public static bool IsUsableServiceUrl(string? serviceUrl)
    {
        if (string.IsNullOrEmpty(serviceUrl))
        {
            return false;
        }

        try
        {
            ServiceBase(serviceUrl);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Ids are escaped: Teams conversation ids contain ':', ';' and '@'.</summary>
    public static Uri Activities(Uri serviceBase, string conversationId, string? activityId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var relative = "v3/conversations/" + Uri.EscapeDataString(conversationId) + "/activities";
        if (activityId is not null)
        {
            relative += "/" + Uri.EscapeDataString(activityId);
        }

        return new Uri(serviceBase, relative);
    }

    public static Uri Conversations(Uri serviceBase) => new(serviceBase, "v3/conversations");

    /// <summary>The 429 delay from <c>Retry-After</c> (seconds or a date), or null when absent.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta && delta >= TimeSpan.Zero)
        {
            return delta;
        }

        if (header?.Date is { } date && response.Headers.Date is { } now && date > now)
        {
            return date - now;
        }

        return null;
    }
}
