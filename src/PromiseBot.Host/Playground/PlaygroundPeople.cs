using PromiseBot.Core.Promises;

namespace PromiseBot.Host.Playground;

/// <summary>The fixed cast of the playground: a small team spread over time zones, one of them the manager.</summary>
public static class PlaygroundPeople
{
    public static readonly IReadOnlyList<PlaygroundPerson> All =
    [
        new("maya", "Maya Chen", "America/New_York", "Support manager", IsManager: true),
        new("sam", "Sam Okafor", "Europe/London", "Account manager", IsManager: false),
        new("priya", "Priya Nair", "Asia/Kolkata", "Support engineer", IsManager: false),
        new("diego", "Diego Alves", "America/Sao_Paulo", "Sales", IsManager: false),
        new("lena", "Lena Fischer", "Europe/Berlin", "Field service", IsManager: false),
    ];

    public static readonly IReadOnlyList<PlaygroundChannel> Channels =
    [
        new("general", "general"),
        new("sales", "sales"),
        new("support", "support"),
    ];

    public static PlaygroundPerson Manager => All.First(p => p.IsManager);

    public static PlaygroundPerson? Find(string? id) =>
        id is null ? null : All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    public static PlaygroundChannel? FindChannel(string? id) =>
        id is null ? null : Channels.FirstOrDefault(c => string.Equals(c.Id, id.TrimStart('#'), StringComparison.OrdinalIgnoreCase));
}
