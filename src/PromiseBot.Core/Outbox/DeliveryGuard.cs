using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Outbox;

/// <summary>
/// Checked by the dispatcher immediately before sending: an escalation for a promise that was completed, paused,
/// acknowledged or re-dated since it was queued is dropped, not sent.
/// </summary>
/// <param name="Number">The promise the message is about.</param>
/// <param name="Step">The escalation step that queued it (e.g. "reminder", "at-risk", "breach").</param>
/// <param name="DueAt">The due instant the step was computed for; an extension changes it.</param>
public sealed record DeliveryGuard(PromiseNumber Number, string Step, Instant DueAt);
