using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromiseBot.Teams.Activities;

public sealed record ConversationAccount
{
    public string? Id { get; init; }
    /// <summary><c>personal</c>, <c>groupChat</c> or <c>channel</c>.</summary>
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public bool? IsGroup { get; init; }
    public string? Name { get; init; }
}
