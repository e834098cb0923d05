namespace PromiseBot.Host.Composition;

/// <summary>Digests, escalations and the Quartz scheduler that drives them.</summary>
public static class SchedulingRegistration
{
    public static IServiceCollection AddPromiseBotScheduling(this IServiceCollection services)
    {
        return services;
    }
}
