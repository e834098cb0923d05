using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Outbox;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>What one escalation step does for one promise: the new ladder state and the messages it queues.</summary>
/// <param name="NextEscalationAt">When the scan should look at the promise again; null when the ladder is finished.</param>
/// <param name="Repeat">A breach repeated on a later business day (<see cref="Step"/> is then the breach, already recorded): only the moment moves.</param>
public sealed record EscalationPlan(Promise Promise, EscalationStep Step, IReadOnlyList<OutboundMessage> Messages, Instant? NextEscalationAt, bool Repeat = false);
