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

public sealed record ChannelAccount
{
    /// <summary>Users <c>29:...</c>, bots <c>28:{appId}</c>.</summary>
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }
}

public sealed record ConversationAccount
{
    public string? Id { get; init; }
    /// <summary><c>personal</c>, <c>groupChat</c> or <c>channel</c>.</summary>
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public bool? IsGroup { get; init; }
    public string? Name { get; init; }
}

public sealed record TeamsChannelData
{
    public TenantInfo? Tenant { get; init; }
    public TeamInfo? Team { get; init; }
    public TeamInfo? Channel { get; init; }
    public string? EventType { get; init; }
}

public sealed record TenantInfo
{
    public string? Id { get; init; }
}

public sealed record TeamInfo
{
    public string? Id { get; init; }
    public string? Name { get; init; }
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string AdaptiveCardAction = "adaptiveCard/action";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class ActivityJsonContext : JsonSerializerContext;

public static class ActivityJson
{
    /// <summary>
    /// Parses a request body. Returns null with a short reason (answer 400) for anything that is not a JSON object
    /// of the activity shape; never throws for bad input.
    /// </summary>
    public static Activity? TryParse(ReadOnlySpan<byte> body, out string? error)
    {
        try
        {
            var activity = JsonSerializer.Deserialize(body, ActivityJsonContext.Default.Activity);
            error = activity is null ? "The body is not an activity." : null;
            return activity;
        }
        catch (JsonException)
        {
            error = "The body is not a well-formed activity JSON object.";
            return null;
        }
    }
}
