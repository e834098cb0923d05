using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromiseBot.Teams.Activities;

public sealed record ChannelAccount
{
    /// <summary>Users <c>29:...</c>, bots <c>28:{appId}</c>.</summary>
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }
}
