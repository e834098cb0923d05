using System.Collections.Concurrent;
using NodaTime;
using PromiseBot.Core.Files;
using PromiseBot.Core.Promises;

namespace PromiseBot.Testing.Teams.Connector;

/// <summary>An <see cref="IHeldFileStore"/> in memory, for messenger tests without a database (the SQL store has its own contract tests).</summary>
public sealed class InMemoryHeldFiles : IHeldFileStore
{
    private readonly ConcurrentDictionary<(string Workspace, string Id), (HeldFile File, Instant ExpiresAt)> _files = new();

    public int Count => _files.Count;

    public Task<string> AddAsync(WorkspaceId workspace, HeldFile file, Instant createdAt, Instant expiresAt, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        _files[(workspace.Value, id)] = (file, expiresAt);
        return Task.FromResult(id);
    }

    public Task<HeldFile?> GetAsync(WorkspaceId workspace, string id, Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(_files.TryGetValue((workspace.Value, id), out var held) && held.ExpiresAt > now ? held.File : null);

    public Task<bool> ForgetAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken) =>
        Task.FromResult(_files.TryRemove((workspace.Value, id), out _));

    public Task<int> PruneAsync(Instant now, CancellationToken cancellationToken)
    {
        var expired = _files.Where(f => f.Value.ExpiresAt <= now).Select(f => f.Key).ToList();
        return Task.FromResult(expired.Count(k => _files.TryRemove(k, out _)));
    }
}
