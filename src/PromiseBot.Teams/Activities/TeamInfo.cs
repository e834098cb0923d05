using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromiseBot.Teams.Activities;

public sealed record TeamInfo
{
    public string? Id { get; init; }
    public string? Name { get; init; }
}
