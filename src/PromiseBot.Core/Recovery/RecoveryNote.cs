using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Recovery;

/// <summary>
/// After a breach: what we did about it. One current note per promise (a later one replaces it; the history keeps
/// every one as a <see cref="PromiseEventKind.RecoveryNoted"/> event). Every text is plain user text.
/// </summary>
/// <param name="CustomerTold">Was the customer told; null when the note doesn't say.</param>
/// <param name="ApologyGiven">Did we apologise; null when the note doesn't say.</param>
/// <param name="CauseText">The cause in the writer's words (required for <see cref="RecoveryCause.Other"/>).</param>
/// <param name="Fix">What we are doing to put it right.</param>
/// <param name="Prevention">What will keep it from happening again.</param>
public sealed record RecoveryNote(
    WorkspaceId Workspace,
    PromiseNumber Number,
    bool? CustomerTold,
    bool? ApologyGiven,
    RecoveryCause Cause,
    string? CauseText,
    string? Fix,
    string? Prevention,
    UserId WrittenBy,
    Instant WrittenAt);
