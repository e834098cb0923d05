using PromiseBot.Host.Backups;

namespace PromiseBot.Host.Composition;

/// <summary>The nightly backup (<see cref="BackupJob"/>): its settings, validated at start, and its Quartz trigger (<see cref="BackupSchedule"/>).</summary>
public static class BackupRegistration
{
    public static IServiceCollection AddPromiseBotBackups(this IServiceCollection services)
    {
        services.AddOptions<BackupOptions>()
            .BindConfiguration(BackupOptions.SectionName)
            .Validate(o => o.Keep is >= 1 and <= 365, "PromiseBot:Backup:Keep must be a number of backups from 1 to 365, such as 7.")
            .Validate(o => o.TimeOfDay is not null, "PromiseBot:Backup:Time must be a 24-hour time of day (UTC) such as 03:00.")
            .ValidateOnStart();
        services.AddTransient<BackupJob>();
        services.AddHostedService<BackupSchedule>();
        return services;
    }
}
