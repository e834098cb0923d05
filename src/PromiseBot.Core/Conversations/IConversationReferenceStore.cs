using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Conversations;

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
