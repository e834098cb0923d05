namespace PromiseBot.Core.Reports;

/// <summary>
/// How a set of promises ended. <see cref="OpenPastDeadline"/>: still open at the end of the period with its deadline
/// passed (a breach without an outcome yet). The on-time rate counts kept and kept after renegotiation against every
/// judged promise (kept, renegotiated, late, broken); withdrawn promises and open ones are not judged.
/// </summary>
public sealed record FulfilmentTally(
    int Kept = 0,
    int KeptAfterRenegotiation = 0,
    int Late = 0,
    int Broken = 0,
    int Withdrawn = 0,
    int InsideBuffer = 0,
    int OpenPastDeadline = 0)
{
    public int OnTime => Kept + KeptAfterRenegotiation;

    public int Judged => OnTime + Late + Broken;

    public int Total => Judged + Withdrawn + OpenPastDeadline;

    /// <summary>Whole percent on time, rounded half up; null when nothing was judged.</summary>
    public int? OnTimePercent => Judged == 0 ? null : ((200 * OnTime) + Judged) / (2 * Judged);
}
