using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Conversations;

/// <summary>
/// What an adapter must remember to write into a conversation later (digests, escalation DMs) on platforms where
/// the address alone is not enough. Teams: the Bot Connector <see cref="ServiceUrl"/>, the conversation id and type
/// ("personal", "groupChat", "channel"), the tenant, the bot's id and, for a personal chat, the user's ids.
/// Captured from every inbound activity and from <c>conversationUpdate</c>/<c>installationUpdate</c>; stored in the
/// database so a restart loses nothing.
/// </summary>
/// <param name="Workspace">Teams: <c>teams:{tenantId}</c> (a Slack team id never starts with <c>teams:</c>).</param>
/// <param name="ConversationId">The platform's conversation id (Teams <c>19:...</c> or <c>a:...</c>).</param>
/// <param name="UserId">For a personal conversation: the user's platform id (Teams <c>29:...</c>).</param>
/// <param name="AadObjectId">For a personal conversation: the user's Entra object id.</param>
public sealed record ConversationReference(
    WorkspaceId Workspace,
    string ConversationId,
    string ConversationType,
    string ServiceUrl,
    string TenantId,
    string BotId,
    string? UserId,
    string? AadObjectId,
    Instant UpdatedAt);
