namespace PromiseBot.Core.Reports;

/// <summary>One point of an on-time trend: a week or a month, its label ("9 Nov", "Nov"), and its on-time rate (null: nothing judged).</summary>
public sealed record TrendPoint(string Label, int? OnTimePercent, int Judged);
