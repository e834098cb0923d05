using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;

namespace PromiseBot.Core.Tests.Recovery;

/// <summary>An in-memory <see cref="IRecoveryNoteStore"/> for one promise store's numbers.</summary>
internal sealed class FakeRecoveryNotes(Func<WorkspaceId, PromiseNumber, bool> exists) : IRecoveryNoteStore
{
    public Dictionary<(WorkspaceId, PromiseNumber), RecoveryNote> Notes { get; } = [];

    public List<PromiseEvent> Events { get; } = [];

    public Task<RecoveryNote?> GetAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken) =>
        Task.FromResult(Notes.GetValueOrDefault((workspace, number)));

    private readonly HashSet<string> _deliveries = [];

    public Task<RecoverySaveOutcome> SaveAsync(RecoveryNote note, PromiseEvent change, string? deliveryKey, CancellationToken cancellationToken)
    {
        if (!exists(note.Workspace, note.Number))
        {
            return Task.FromResult(RecoverySaveOutcome.NotFound);
        }

        if (deliveryKey is not null && !_deliveries.Add(deliveryKey))
        {
            return Task.FromResult(RecoverySaveOutcome.Duplicate);
        }

        Notes[(note.Workspace, note.Number)] = note;
        Events.Add(change);
        return Task.FromResult(RecoverySaveOutcome.Saved);
    }
}
