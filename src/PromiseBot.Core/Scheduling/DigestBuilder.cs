using NodaTime;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Sla;

namespace PromiseBot.Core.Scheduling;

/// <summary>
/// Builds a channel digest: every open or paused promise made in the channel that is overdue or due within 48 hours,
/// overdue first then by due time. Stays inside Block Kit's limits (50 blocks, 3,000 characters a section) by
/// listing at most <see cref="MaxLines"/> promises, one short line each, and summarising the rest.
/// </summary>
public static class DigestBuilder
{
    public static readonly Duration Window = Duration.FromHours(48);

    /// <summary>Header + summary + lines + overflow + closed + footer stays under 50 blocks.</summary>
    public const int MaxLines = 36;

    /// <summary>How far back the digest reports the channel's closed promises with their outcome (one day: the last digest).</summary>
    public static readonly Duration ClosedLookBack = Duration.FromHours(24);

    /// <summary>At most this many closed promises are listed; the rest are counted.</summary>
    public const int MaxClosedLines = 5;

    /// <summary>The note under the lines for an owner the bot cannot message (Teams 403 MessageWritesBlocked).</summary>
    public const string UnreachableNote = " can't receive messages from PromiseBot — install the app for them";

    /// <summary>Null when there is nothing to say and the channel chose <c>quiet</c>.</summary>
    /// <param name="unreachable">Owners who blocked or never installed the bot (Teams); each gets one note.</param>
    /// <param name="clocks">The business clocks of the promises counted in business time (<see cref="Line"/>).</param>
    /// <param name="riskOf">Each promise's risk: high and medium ones are marked, and among equal due times the higher goes first.</param>
    public static Reply? Build(
        DigestData data, DateTimeZone zone, Instant now, bool quiet, string prefix, Duration atRisk, IReadOnlyCollection<UserId>? unreachable = null,
        SlaClocks? clocks = null, Func<Promise, Risk.RiskAssessment?>? riskOf = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(zone);
        if (data.Total == 0 && data.ClosedItems.Count > 0)
        {
            return new Reply(ReplyVisibility.Channel, ReplyTone.Info, "Nothing due in the next 48 hours.",
                [new TextBlock(new PlainRun("Nothing due in the next 48 hours.")), .. ClosedSection(data.ClosedItems, prefix)]);
        }

        if (data.Total == 0)
        {
            return quiet
                ? null
                : new Reply(ReplyVisibility.Channel, ReplyTone.Info, "Nothing due in the next 48 hours.",
                    [new TextBlock(new PlainRun("Nothing due in the next 48 hours."))]);
        }

        var upcoming = data.Total - data.Overdue;
        // The header names what the digest holds: overdue promises are in it too.
        var counts = data.Overdue == 0 ? $"{upcoming} due in the next 48 hours"
            : upcoming == 0 ? $"{data.Overdue} overdue; nothing else is due in the next 48 hours"
            : $"{data.Overdue} overdue, {upcoming} due in the next 48 hours";
        var blocks = new List<ReplyBlock>
        {
            new HeaderBlock(data.Overdue > 0 ? "Promises overdue or due in the next 48 hours" : "Promises due in the next 48 hours"),
            new TextBlock(new BoldRun(counts)),
        };
        // Overdue first, then by due; among equal due times, the higher risk first (a stable sort keeps the rest).
        var risks = data.Items.Take(MaxLines).ToDictionary(i => i.Promise.Number, i => riskOf?.Invoke(i.Promise));
        foreach (var item in data.Items.Take(MaxLines).OrderBy(i => i.Promise.DueAt).ThenByDescending(i => risks[i.Promise.Number]?.Level ?? Risk.RiskLevel.Low))
        {
            blocks.Add(Risk.RiskMessages.Marked(Line(item, zone, now, atRisk, clocks), risks[item.Promise.Number]));
        }

        // Reminders to these owners fail, so the channel is the only place left to tell someone.
        foreach (var owner in data.Items.Take(MaxLines).Select(i => i.Promise.Owner).Distinct().Where(o => unreachable?.Contains(o) == true))
        {
            blocks.Add(new ContextBlock(new MentionRun(owner), new PlainRun(UnreachableNote)));
        }

        var shown = Math.Min(MaxLines, data.Items.Count);
        if (data.Total > shown)
        {
            blocks.Add(new ContextBlock(
                new PlainRun($"…and {data.Total - shown} more. See them all with "),
                new CodeRun(prefix + " list overdue due")));
        }

        blocks.AddRange(ClosedSection(data.ClosedItems, prefix));

        // The example names a real row (the first), so it can be typed as shown.
        var example = data.Items.Count > 0 ? data.Items[0].Promise.Number.Value : 1;
        blocks.Add(new ContextBlock(new PlainRun($"Times in {zone.Id}. Mark one kept with "), new CodeRun(FormattableString.Invariant($"{prefix} done {example}"))));
        return new Reply(ReplyVisibility.Channel, data.Overdue > 0 ? ReplyTone.Warning : ReplyTone.Info, "Digest: " + counts, blocks);
    }

    /// <summary>
    /// "#12 Send the quote · for Acme · @dana · Fri 27 Nov 17:00 EST (in 5 h) · at risk"; a promise counted in business
    /// time (when <paramref name="clocks"/> has its calendar) adds the business time left or since the breach
    /// ("· 1 h 20 min business time left"), a paused one how long it has been paused ("· paused 2 h 10 min").
    /// </summary>
    public static PromiseLineBlock Line(TrackedPromise item, DateTimeZone zone, Instant now, Duration atRisk, SlaClocks? clocks = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var p = item.Promise;
        var runs = new List<TextRun> { new BoldRun(p.Number.ToString()), new PlainRun(" " + p.Title) };
        if (p.Customer is { } customer)
        {
            runs.Add(new PlainRun(" · for " + customer));
        }

        runs.Add(new PlainRun(" · "));
        runs.Add(new MentionRun(p.Owner));
        runs.Add(new PlainRun(p.Aim < p.DueAt
            ? $" · aim {DueFormatter.FormatAbsolute(p.Aim, zone, now)} · promised {DueFormatter.FormatAbsolute(p.DueAt, zone, now)} ("
            : $" · {DueFormatter.FormatAbsolute(p.DueAt, zone, now)} ("));
        runs.Add(RelativeTimeRun.For(p.DueAt, now));
        runs.Add(new PlainRun(")"));
        if (clocks?.For(p) is { } clock && BusinessTimeLeft.Left(p, clock, now) is { } left)
        {
            runs.Add(new PlainRun(" · " + left));
        }

        var markers = Markers(item, now, atRisk);
        if (markers.Count > 0)
        {
            runs.Add(new PlainRun(" · "));
            runs.Add(new ItalicRun(string.Join(", ", markers)));
        }

        if (p.SourceLink is { } source)
        {
            runs.Add(new PlainRun(" · "));
            runs.Add(new LinkRun(source, "source"));
        }

        var overdue = p.DueAt < now;
        var state = overdue ? PromiseLineState.Overdue : p.Status == PromiseStatus.Paused ? PromiseLineState.Paused : PromiseLineState.DueSoon;
        return new PromiseLineBlock(p.Number, state, runs, p.Version, EscalationPlanner.Current(p, item.Escalation).Unacknowledged);
    }

    /// <summary>"Closed in the last 24 hours": each with its outcome ("#9 Refund Acme · @dana · late by 2 h"), kept first in words.</summary>
    private static IEnumerable<ReplyBlock> ClosedSection(IReadOnlyList<Promise> closed, string prefix)
    {
        if (closed.Count == 0)
        {
            yield break;
        }

        yield return new DividerBlock();
        var kept = closed.Count(p => p.Outcome is Outcome.Kept or Outcome.KeptAfterRenegotiation);
        var more = closed.Count >= MaxClosedLines ? "+" : "";
        yield return new TextBlock(new BoldRun($"Closed in the last 24 hours: {closed.Count}{more}"), new PlainRun($" ({kept} kept)"));
        foreach (var p in closed)
        {
            var runs = new List<TextRun> { new BoldRun(p.Number.ToString()), new PlainRun(" "), new StrikeRun(p.Title) };
            if (p.Customer is { } customer)
            {
                runs.Add(new PlainRun(" · for " + customer));
            }

            runs.Add(new PlainRun(" · "));
            runs.Add(new MentionRun(p.Owner));
            runs.Add(new PlainRun(" · "));
            runs.Add(new ItalicRun(OutcomeMessages.Text(p) ?? "closed"));
            yield return new PromiseLineBlock(
                p.Number, p.Status == PromiseStatus.Done ? PromiseLineState.Done : PromiseLineState.Cancelled, runs, p.Version);
        }

        yield return new ContextBlock(new PlainRun("What each outcome means: "), new CodeRun(prefix + " help outcomes"));
    }

    public static IReadOnlyList<string> Markers(TrackedPromise item, Instant now, Duration atRisk)
    {
        ArgumentNullException.ThrowIfNull(item);
        var p = item.Promise;
        var markers = new List<string>();
        if (p.Status == PromiseStatus.Paused)
        {
            markers.Add(BusinessTimeLeft.Paused(p, now) ?? "paused");
        }
        else if (p.DueAt >= now && p.Aim - now <= atRisk)
        {
            markers.Add("at risk");
        }

        if (EscalationPlanner.Current(p, item.Escalation).Unacknowledged)
        {
            markers.Add("nobody acknowledged");
        }

        return markers;
    }
}
