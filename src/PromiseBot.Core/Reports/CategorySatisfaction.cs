namespace PromiseBot.Core.Reports;

/// <summary>A category's customer feedback against its on-time rate: the average score in tenths (42 = 4.2 of 5) over <see cref="Scores"/> scores.</summary>
public sealed record CategorySatisfaction(string Category, int? OnTimePercent, int AverageTenths, int Scores);
