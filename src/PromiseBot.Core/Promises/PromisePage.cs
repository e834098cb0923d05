using NodaTime;

namespace PromiseBot.Core.Promises;

public sealed record PromisePage(IReadOnlyList<Promise> Items, int TotalCount);
