using System.Globalization;

namespace PromiseBot.Core.Risk;

/// <summary>
/// The service-agreement risk matrix. High: depends on a vendor, needs new skills, unclear scope, a full-refund
/// guarantee, under 20% buffer — and, from the history, a deadline shorter than the category's p80 or an owner away
/// before it. Medium: several people, peak season, customer input, complex milestones — and an owner late or broken on
/// more than 30% of the category (of at least 5) or over capacity. Any high → high; two or more medium → medium;
/// otherwise low. Pure: the same inputs give the same assessment.
/// </summary>
public static class RiskMatrix
{
    /// <summary>A buffer under this share of the span is thin.</summary>
    public const int ThinBufferPercent = 20;

    /// <summary>An owner late or broken on more than this share of the category is a risk…</summary>
    public const int TrackRecordPercent = 30;

    /// <summary>…once they closed at least this many there.</summary>
    public const int TrackRecordMinimum = 5;

    public static RiskLevel WeightOf(RiskFlag flag) => flag switch
    {
        RiskFlag.Vendor or RiskFlag.NewSkill or RiskFlag.UnclearScope or RiskFlag.RefundGuarantee
            or RiskFlag.ThinBuffer or RiskFlag.ShorterThanHistory or RiskFlag.OwnerAway => RiskLevel.High,
        RiskFlag.MultiPerson or RiskFlag.PeakSeason or RiskFlag.CustomerInput or RiskFlag.ComplexMilestones
            or RiskFlag.OwnerTrackRecord or RiskFlag.OwnerCapacity => RiskLevel.Medium,
        _ => RiskLevel.Low,
    };

    public static string LevelName(RiskLevel level) => level switch
    {
        RiskLevel.High => "High",
        RiskLevel.Medium => "Medium",
        _ => "Low",
    };

    public static RiskAssessment Assess(RiskInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var indicators = new List<RiskIndicator>();
        foreach (var flag in Enum.GetValues<RiskFlag>().Where(inputs.Manual.Contains))
        {
            indicators.Add(new RiskIndicator(flag, RiskFlags.Reason(flag)));
        }

        if ((inputs.BufferShare ?? BufferPercent(inputs)) is { } buffer && buffer < ThinBufferPercent)
        {
            indicators.Add(new RiskIndicator(RiskFlag.ThinBuffer, buffer.ToString(CultureInfo.InvariantCulture) + "% buffer"));
        }

        var span = inputs.Span ?? (inputs.DueAt - inputs.MadeAt);
        if (inputs.CategoryP80 is { } p80 && span < p80)
        {
            indicators.Add(new RiskIndicator(RiskFlag.ShorterThanHistory, "shorter than the usual " + Length(p80, business: inputs.Span is not null)));
        }

        if (inputs.OwnerClosed >= TrackRecordMinimum && inputs.OwnerLateOrBroken * 100 > TrackRecordPercent * inputs.OwnerClosed)
        {
            var share = inputs.OwnerLateOrBroken * 100 / inputs.OwnerClosed;
            indicators.Add(new RiskIndicator(RiskFlag.OwnerTrackRecord, $"owner late or broken on {share}% of {inputs.OwnerClosed} lately"));
        }

        if (inputs.Capacity is { } capacity && inputs.OwnerDueTogether > capacity)
        {
            indicators.Add(new RiskIndicator(RiskFlag.OwnerCapacity, $"owner has {inputs.OwnerDueTogether} due within 48 hours (capacity {capacity})"));
        }

        if (!string.IsNullOrWhiteSpace(inputs.OwnerAway))
        {
            indicators.Add(new RiskIndicator(RiskFlag.OwnerAway, "owner " + inputs.OwnerAway.Trim()));
        }

        var highs = indicators.Count(i => i.Weight == RiskLevel.High);
        var mediums = indicators.Count(i => i.Weight == RiskLevel.Medium);
        var level = highs > 0 ? RiskLevel.High : mediums >= 2 ? RiskLevel.Medium : RiskLevel.Low;
        return new RiskAssessment(level, [.. indicators.OrderByDescending(i => i.Weight)]);
    }

    /// <summary>A delivery time as people read it: wall time ("10 days"), or business hours ("26 business hours") where the category counts business time.</summary>
    public static string Length(NodaTime.Duration length, bool business)
    {
        if (!business)
        {
            return Sla.BusinessTimeLeft.Wall(length);
        }

        var minutes = (long)Math.Max(0, length.TotalMinutes);
        return minutes < 60
            ? $"{minutes} business {(minutes == 1 ? "minute" : "minutes")}"
            : minutes % 60 == 0
                ? $"{minutes / 60} business {(minutes == 60 ? "hour" : "hours")}"
                : $"{minutes / 60} h {minutes % 60} min of business time";
    }

    /// <summary>(deadline − aim) as a whole percentage of (deadline − made), rounded down; null for an empty span.</summary>
    public static int? BufferPercent(RiskInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var span = (inputs.DueAt - inputs.MadeAt).BclCompatibleTicks;
        if (span <= 0)
        {
            return null;
        }

        var buffer = Math.Max(0, (inputs.DueAt - inputs.AimAt).BclCompatibleTicks);
        return (int)(Math.Min(buffer, span) * 100 / span);
    }
}
