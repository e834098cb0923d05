using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromiseBot.Teams.Activities;

public sealed record TeamsChannelData
{
    public TenantInfo? Tenant { get; init; }
    public TeamInfo? Team { get; init; }
    public TeamInfo? Channel { get; init; }
    public string? EventType { get; init; }
}
