namespace PromiseBot.Host.Composition;

/// <summary>The outbox: storage, the dispatcher hosted service and the platform messengers.</summary>
public static class OutboxRegistration
{
    public static IServiceCollection AddPromiseBotOutbox(this IServiceCollection services)
    {
        return services;
    }
}
