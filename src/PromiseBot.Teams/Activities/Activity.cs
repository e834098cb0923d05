using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromiseBot.Teams.Activities;

/// <summary>
/// The Bot Framework activity fields PromiseBot reads (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#activity-object).
/// camelCase JSON; unknown members are ignored. <see cref="Entities"/> and <see cref="Value"/> stay raw JSON because
/// their shape depends on their type.
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    /// <summary>For <c>invoke</c>: <c>adaptiveCard/action</c> and friends.</summary>
    public string? Name { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Locale { get; init; }
    /// <summary>The sender's IANA time zone, on user messages.</summary>
    public string? LocalTimezone { get; init; }
    public string? ReplyToId { get; init; }
    /// <summary><c>installationUpdate</c>: <c>add</c>, <c>add-upgrade</c>, <c>remove</c>, <c>remove-upgrade</c>.</summary>
    public string? Action { get; init; }
    public IReadOnlyList<JsonElement>? Entities { get; init; }
    public JsonElement? Value { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
}
