namespace PromiseBot.Core.Reports;

/// <summary>A category whose on-time rate in the period fell more than <see cref="ReportHistory.DropPoints"/> points below its previous four weeks.</summary>
public sealed record CategoryDrop(string Category, int NowPercent, int BeforePercent);
