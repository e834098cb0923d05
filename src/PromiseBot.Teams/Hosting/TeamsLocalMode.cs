using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace PromiseBot.Teams.Hosting;

/// <summary>
/// Whether <c>POST /api/messages</c> may accept unsigned activities (the Microsoft 365 Agents Playground sends no
/// token). Only when every one of these holds: <c>Teams__AllowUnauthenticatedLocal=true</c>, no
/// <c>Teams__AppId</c>, the Development environment, and a listener on loopback only (every configured URL is
/// localhost, 127.0.0.0/8 or [::1]). Anything else is off, and an opt-in that cannot be honoured is refused with the
/// reason (<see cref="RefusedBecause"/>), so unsigned requests get 401.
/// </summary>
public sealed record TeamsLocalMode(bool Enabled, string? RefusedBecause)
{
    public const string OptInKey = "Teams:AllowUnauthenticatedLocal";

    public static TeamsLocalMode Off { get; } = new(false, null);

    public bool Requested => Enabled || RefusedBecause is not null;

    public static TeamsLocalMode From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var optIn = configuration[OptInKey];
        if (string.IsNullOrWhiteSpace(optIn) || (bool.TryParse(optIn, out var on) && !on))
        {
            return Off;
        }

        if (!on)
        {
            return new TeamsLocalMode(false, $"Teams__AllowUnauthenticatedLocal is '{optIn}'; write true or false");
        }

        if (!string.IsNullOrWhiteSpace(configuration["Teams:AppId"]))
        {
            return new TeamsLocalMode(false, "Teams__AppId is set, so every request must carry a Bot Framework token");
        }

        if (!environment.IsDevelopment())
        {
            return new TeamsLocalMode(false, $"the environment is {environment.EnvironmentName}, not Development");
        }

        if (ListenAddresses.FirstNotLoopback(ListenAddresses.Configured(configuration)) is { } url)
        {
            return new TeamsLocalMode(false, $"the host listens on {url}, which is not loopback (use http://localhost:5080 or 127.0.0.1)");
        }

        return new TeamsLocalMode(true, null);
    }
}
