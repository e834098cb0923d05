using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

public sealed record Field(string Label, IReadOnlyList<TextRun> Value);
