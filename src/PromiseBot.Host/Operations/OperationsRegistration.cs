using PromiseBot.Core.Operations;
using PromiseBot.Storage;

namespace PromiseBot.Host.Operations;

/// <summary>The operator's view: dead letters, readiness, the inbound limits and (when on) the metrics.</summary>
public static class OperationsRegistration
{
    public static IServiceCollection AddPromiseBotOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DeadLetterService>();
        services.AddOptions<ReadinessOptions>()
            .BindConfiguration(ReadinessOptions.SectionName)
            .Validate(o => o.OutboxMaxPendingAge > TimeSpan.Zero, "PromiseBot:Readiness:OutboxMaxPendingAge must be a positive duration such as 00:15:00.")
            .ValidateOnStart();

        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.SectionName)
            .Validate(o => !o.Enabled || (o.Person.IsValid && o.Workspace.IsValid),
                "PromiseBot:RateLimits:Person and :Workspace need TokenLimit and TokensPerPeriod of at least 1 and a ReplenishmentPeriod such as 00:00:01.")
            .ValidateOnStart();
        if (configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>()?.Enabled ?? true)
        {
            services.AddSingleton<IInboundLimiter, InboundLimiter>();
        }

        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName);
        if (configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>()?.Enabled ?? false)
        {
            services.AddSingleton<PromiseBotMetrics>();
            services.AddSingleton<ICommandMetrics>(sp => sp.GetRequiredService<PromiseBotMetrics>());

            // The writer the provider registered, measured: every store then writes through the measured one.
            services.DecorateDbWriter((sp, writer) => new MeteredDbWriter(writer, sp.GetRequiredService<PromiseBotMetrics>()));
        }

        return services;
    }
}
