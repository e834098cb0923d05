using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.UseCases;

/// <summary>
/// What a <see cref="PromiseAction"/> did: the neutral answer for the person who clicked, and the promise as it
/// stands now (null only when it does not exist), so each surface can redraw the row it was clicked on.
/// </summary>
public sealed record ActionOutcome(ActionOutcomeKind Kind, Reply Reply, Promise? Current);
