namespace PromiseBot.Core.Reports;

/// <summary>A reason that came back in a period: where it was given (pauses, extensions, recovery notes), and how often.</summary>
public sealed record DelayCause(string Source, string Reason, int Count);
