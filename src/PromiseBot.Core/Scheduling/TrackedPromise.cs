using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>A promise as the digest and escalation scan see it: the promise plus its ladder state.</summary>
public sealed record TrackedPromise(Promise Promise, EscalationState Escalation);
