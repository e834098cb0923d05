namespace PromiseBot.Core.Reports;

/// <summary>One bar of an outcome chart: a category or an owner, with how its judged promises ended.</summary>
public sealed record OutcomeBar(string Label, int Kept, int Late, int Broken);
