using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>Labelled values, e.g. Owner / Due / Customer, shown as a compact grid.</summary>
public sealed record FieldsBlock(IReadOnlyList<Field> Fields) : ReplyBlock;
