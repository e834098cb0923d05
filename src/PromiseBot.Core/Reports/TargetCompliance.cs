namespace PromiseBot.Core.Reports;

/// <summary>How the promises counted in business time against one category's service-level target ended: on time of judged.</summary>
public sealed record TargetCompliance(string Category, int OnTime, int Judged)
{
    public int Percent => Judged == 0 ? 0 : ((200 * OnTime) + Judged) / (2 * Judged);
}
