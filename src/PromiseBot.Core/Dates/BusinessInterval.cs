using NodaTime;

namespace PromiseBot.Core.Dates;

/// <summary>One stretch of open hours on a day, half-open: [<paramref name="Open"/>, <paramref name="Close"/>).</summary>
public readonly record struct BusinessInterval(LocalTime Open, LocalTime Close);
