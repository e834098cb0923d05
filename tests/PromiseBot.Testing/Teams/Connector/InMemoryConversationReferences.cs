using System.Collections.Concurrent;
using NodaTime;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Promises;

namespace PromiseBot.Testing.Teams.Connector;

/// <summary>
/// A test double of <see cref="IConversationReferenceStore"/> for outbound tests that need no database; it follows
/// the contract's lookup rules (a user's personal chat first, else any reference in the workspace).
/// </summary>
public sealed class InMemoryConversationReferences : IConversationReferenceStore
{
    private readonly ConcurrentDictionary<(string Workspace, string Conversation), ConversationReference> _references = new();
    private readonly ConcurrentDictionary<(string Workspace, string User), bool> _unreachable = new();

    public IReadOnlyCollection<ConversationReference> All => [.. _references.Values];

    public Task UpsertAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        _references[(reference.Workspace.Value, reference.ConversationId)] = reference;
        return Task.CompletedTask;
    }

    public Task<ConversationReference?> FindConversationAsync(WorkspaceId workspace, string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(_references.GetValueOrDefault((workspace.Value, conversationId)));

    public Task<ConversationReference?> FindForUserAsync(WorkspaceId workspace, string userId, CancellationToken cancellationToken)
    {
        var inWorkspace = _references.Values.Where(r => r.Workspace == workspace).OrderByDescending(r => r.UpdatedAt).ToList();
        return Task.FromResult(
            inWorkspace.FirstOrDefault(r => r.ConversationType == "personal" && (r.UserId == userId || r.AadObjectId == userId))
            ?? inWorkspace.FirstOrDefault());
    }

    public Task SetUserReachableAsync(WorkspaceId workspace, string userId, bool reachable, Instant at, CancellationToken cancellationToken)
    {
        if (reachable)
        {
            _unreachable.TryRemove((workspace.Value, userId), out _);
        }
        else
        {
            _unreachable[(workspace.Value, userId)] = true;
        }

        return Task.CompletedTask;
    }

    public Task<bool> IsUserReachableAsync(WorkspaceId workspace, string userId, CancellationToken cancellationToken) =>
        Task.FromResult(!_unreachable.ContainsKey((workspace.Value, userId)));
}
