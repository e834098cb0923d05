using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Sla;

/// <summary>What a recount reads of an open promise counted in business time: no more, so a million are read fast.</summary>
public sealed record CountedPromise(PromiseNumber Number, PromiseStatus Status, PauseReason? PauseReason, Instant DueAt, PromiseSla Sla);
