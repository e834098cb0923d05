using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Sla;

/// <summary>A finished pause of a promise, read from its history: paused at <paramref name="From"/> for <paramref name="Reason"/>, resumed at <paramref name="To"/>.</summary>
public sealed record PauseSpan(Instant From, Instant To, PauseReason Reason);
