using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Sla;

/// <summary>A promise counted again: its new due and basis (warnings toward the aim), and its aim moved by <see cref="AimRule"/>.</summary>
public sealed record RecountedDue(Instant Due, PromiseSla Sla, Instant Aim, bool AimExplicit);
