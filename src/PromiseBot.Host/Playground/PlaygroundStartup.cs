namespace PromiseBot.Host.Playground;

/// <summary>Prepares the playground database (feed tables, stored clock offset, manager, #general digest) before requests.</summary>
public sealed class PlaygroundStartup(PlaygroundMode mode, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        mode.Enabled ? services.GetRequiredService<PlaygroundService>().SeedAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
