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

/// <summary>
/// Durable conversation references, scoped to a workspace (every query filters on it). Upserts are idempotent.
/// </summary>
public interface IConversationReferenceStore
{
    Task UpsertAsync(ConversationReference reference, CancellationToken cancellationToken);

    /// <summary>The conversation with this id in this workspace, or null.</summary>
    Task<ConversationReference?> FindConversationAsync(WorkspaceId workspace, string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Any reference that names <paramref name="userId"/> (their personal chat) or, failing that, any reference in the
    /// workspace (to learn the service URL and bot id needed to create a 1:1 conversation). Null when the workspace
    /// has never talked to the bot.
    /// </summary>
    Task<ConversationReference?> FindForUserAsync(WorkspaceId workspace, string userId, CancellationToken cancellationToken);

    /// <summary>Marks a user as unable to receive messages from the bot (Teams 403 MessageWritesBlocked), or clears it.</summary>
    Task SetUserReachableAsync(WorkspaceId workspace, string userId, bool reachable, Instant at, CancellationToken cancellationToken);

    Task<bool> IsUserReachableAsync(WorkspaceId workspace, string userId, CancellationToken cancellationToken);
}
