using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromiseBot.Teams.Activities;

public sealed record TenantInfo
{
    public string? Id { get; init; }
}
