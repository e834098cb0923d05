using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Redraws;

/// <summary>
/// Copies of clicked messages whose form is open (Slack's "Extend…" modal: a <c>view_submission</c> does not carry
/// the message it was opened from, https://api.slack.com/reference/interaction-payloads/views#view_submission), in the
/// database, so the host that receives the submission can redraw a message another host saw clicked. Each copy is
/// taken at most once, by its workspace, before it expires.
/// </summary>
public interface IPendingRedrawStore
{
    /// <summary>The largest <see cref="PendingRedraw.Content"/> plus <see cref="PendingRedraw.Text"/> kept, in characters (a Slack message's blocks stay far below it).</summary>
    public const int MaxChars = 64 * 1024;

    /// <summary>
    /// Keeps <paramref name="redraw"/> until <paramref name="expiresAt"/> and returns its id: random, 128 bits, in hex,
    /// so it can travel in a form's metadata without letting anyone guess another. Null when the copy is larger than
    /// <see cref="MaxChars"/> (nothing is stored; the message is then not redrawn). Completes after the commit.
    /// </summary>
    Task<string?> AddAsync(WorkspaceId workspace, PendingRedraw redraw, Instant createdAt, Instant expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Returns and forgets the copy with this id in this workspace, in one statement, so two submissions never both
    /// get it. Null when there is none, it expired by <paramref name="now"/>, it was taken already, or it belongs to
    /// another workspace (whose copy is left alone).
    /// </summary>
    Task<PendingRedraw?> TakeAsync(WorkspaceId workspace, string id, Instant now, CancellationToken cancellationToken);

    /// <summary>Forgets the copies that expired by <paramref name="now"/> (forms never submitted). Returns how many.</summary>
    Task<int> PruneAsync(Instant now, CancellationToken cancellationToken);
}
