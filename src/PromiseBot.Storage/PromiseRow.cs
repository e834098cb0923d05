using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Storage;

/// <summary>A <c>promises</c> row as Dapper reads and writes it; shared by the promise store and the schedule store.</summary>
internal class PromiseRow
{
    public long Id { get; init; }
    public string Workspace { get; init; } = "";
    public int Number { get; init; }
    public string Title { get; init; } = "";
    public string? Customer { get; init; }
    public string Owner { get; init; } = "";
    public string? Backup { get; init; }
    public string? Category { get; init; }
    public long DueAt { get; init; }
    public string MadeBy { get; init; } = "";
    public long MadeAt { get; init; }
    public string Channel { get; init; } = "";
    public string? SourceLink { get; init; }
    public int Status { get; init; }
    public int? PauseReason { get; init; }
    public string? StatusNote { get; init; }
    public long? DoneAt { get; init; }
    public int Version { get; init; }
    public long? PausedAt { get; init; }
    public string? SlaCalendar { get; init; }
    public long? SlaStart { get; init; }
    public int? SlaAmount { get; init; }
    public int? SlaUnit { get; init; }
    public string? SlaTarget { get; init; }
    public long SlaPausedMs { get; init; }
    public bool SlaClockStopped { get; init; }
    public long? SlaWarn1At { get; init; }
    public long? SlaWarn2At { get; init; }
    public int? Outcome { get; init; }
    public long? LateMs { get; init; }
    public long? LateFrom { get; init; }
    public long? ClosedAt { get; init; }
    public long? BreachedDue { get; init; }
    public bool Renegotiated { get; init; }
    public long? AimAt { get; init; }
    public bool AimExplicit { get; init; }
    public int BufferPct { get; init; }
    public bool InsideBuffer { get; init; }
    public string RiskFlags { get; init; } = "";

    /// <summary>The aim columns (migration 0017) and the risk flags (0027), read with the others and written by a change.</summary>
    public const string AimColumns = "aim_at AS AimAt, aim_explicit AS AimExplicit, buffer_pct AS BufferPct, inside_buffer AS InsideBuffer, risk_flags AS RiskFlags";

    /// <summary>The <c>SET</c> list of an update that writes <see cref="AimColumns"/>.</summary>
    public const string AimAssignments = "aim_at = @AimAt, aim_explicit = @AimExplicit, buffer_pct = @BufferPct, inside_buffer = @InsideBuffer, risk_flags = @RiskFlags";

    /// <summary>The outcome columns (migration 0015), read with the others and written by a change.</summary>
    public const string OutcomeColumns = "outcome, late_ms AS LateMs, late_from AS LateFrom, closed_at AS ClosedAt, breached_due AS BreachedDue, renegotiated";

    /// <summary>The <c>SET</c> list of an update that writes <see cref="OutcomeColumns"/>.</summary>
    public const string OutcomeAssignments =
        "outcome = @Outcome, late_ms = @LateMs, late_from = @LateFrom, closed_at = @ClosedAt, breached_due = @BreachedDue, renegotiated = @Renegotiated";

    /// <summary>The columns after <c>version</c>, in the order of <see cref="SlaColumns"/>' parameters.</summary>
    public const string SlaColumns =
        "paused_at, sla_calendar, sla_start, sla_amount, sla_unit, sla_target, sla_paused_ms, sla_clock_stopped, sla_warn1_at, sla_warn2_at";

    /// <summary>The <c>SET</c> list of an update that writes the same columns.</summary>
    public const string SlaAssignments =
        "paused_at = @PausedAt, sla_calendar = @SlaCalendar, sla_start = @SlaStart, sla_amount = @SlaAmount, sla_unit = @SlaUnit, " +
        "sla_target = @SlaTarget, sla_paused_ms = @SlaPausedMs, sla_clock_stopped = @SlaClockStopped, sla_warn1_at = @SlaWarn1At, sla_warn2_at = @SlaWarn2At";

    public static readonly string[] SlaParameters =
        ["@PausedAt", "@SlaCalendar", "@SlaStart", "@SlaAmount", "@SlaUnit", "@SlaTarget", "@SlaPausedMs", "@SlaClockStopped", "@SlaWarn1At", "@SlaWarn2At"];

    /// <summary>The values of <see cref="SlaParameters"/>, in order (DBNull for null), for prepared commands.</summary>
    public object[] SlaValues() =>
    [
        (object?)PausedAt ?? DBNull.Value, (object?)SlaCalendar ?? DBNull.Value, (object?)SlaStart ?? DBNull.Value,
        (object?)SlaAmount ?? DBNull.Value, (object?)SlaUnit ?? DBNull.Value, (object?)SlaTarget ?? DBNull.Value,
        SlaPausedMs, SlaClockStopped ? 1 : 0, (object?)SlaWarn1At ?? DBNull.Value, (object?)SlaWarn2At ?? DBNull.Value,
    ];

    public static PromiseRow From(Promise p) => new()
    {
        Workspace = p.Workspace.Value,
        Number = p.Number.Value,
        Title = p.Title,
        Customer = p.Customer,
        Owner = p.Owner.Value,
        Backup = p.Backup?.Value,
        Category = p.Category,
        DueAt = p.DueAt.ToUnixTimeMilliseconds(),
        MadeBy = p.MadeBy.Value,
        MadeAt = p.MadeAt.ToUnixTimeMilliseconds(),
        Channel = p.Channel,
        SourceLink = p.SourceLink,
        Status = (int)p.Status,
        PauseReason = (int?)p.PauseReason,
        StatusNote = p.StatusNote,
        DoneAt = p.DoneAt?.ToUnixTimeMilliseconds(),
        Version = p.Version,
        PausedAt = p.PausedAt?.ToUnixTimeMilliseconds(),
        SlaCalendar = p.Sla?.Calendar,
        SlaStart = p.Sla?.Start.ToUnixTimeMilliseconds(),
        SlaAmount = p.Sla?.Span.Count,
        SlaUnit = p.Sla is { } sla ? (int)sla.Span.Unit : null,
        SlaTarget = p.Sla?.Target,
        SlaPausedMs = (long)(p.Sla?.Paused.TotalMilliseconds ?? 0),
        SlaClockStopped = p.Sla?.ClockStopped ?? false,
        SlaWarn1At = p.Sla?.FirstWarningAt?.ToUnixTimeMilliseconds(),
        SlaWarn2At = p.Sla?.SecondWarningAt?.ToUnixTimeMilliseconds(),
        Outcome = (int?)p.Outcome,
        LateMs = p.Lateness is { } late ? (long)late.TotalMilliseconds : null,
        LateFrom = p.LateFrom?.ToUnixTimeMilliseconds(),
        ClosedAt = p.ClosedAt?.ToUnixTimeMilliseconds(),
        BreachedDue = p.BreachedDue?.ToUnixTimeMilliseconds(),
        Renegotiated = p.Renegotiated,
        AimAt = p.AimAt?.ToUnixTimeMilliseconds(),
        AimExplicit = p.AimExplicit,
        BufferPct = p.Buffer,
        InsideBuffer = p.InsideBuffer,
        RiskFlags = p.Risk.ToText(),
    };

    public Promise ToPromise() => new()
    {
        Workspace = new WorkspaceId(Workspace),
        Number = new PromiseNumber(Number),
        Title = Title,
        Customer = Customer,
        Owner = new UserId(Owner),
        Backup = Backup is null ? null : new UserId(Backup),
        Category = Category,
        DueAt = Instant.FromUnixTimeMilliseconds(DueAt),
        MadeBy = new UserId(MadeBy),
        MadeAt = Instant.FromUnixTimeMilliseconds(MadeAt),
        Channel = Channel,
        SourceLink = SourceLink,
        Status = (PromiseStatus)Status,
        PauseReason = (PauseReason?)PauseReason,
        StatusNote = StatusNote,
        DoneAt = DoneAt is null ? null : Instant.FromUnixTimeMilliseconds(DoneAt.Value),
        Version = Version,
        PausedAt = PausedAt is null ? null : Instant.FromUnixTimeMilliseconds(PausedAt.Value),
        Sla = ToSla(),
        Outcome = (Core.Promises.Outcome?)Outcome,
        Lateness = LateMs is null ? null : Duration.FromMilliseconds(LateMs.Value),
        LateFrom = LateFrom is null ? null : Instant.FromUnixTimeMilliseconds(LateFrom.Value),
        ClosedAt = ClosedAt is null ? null : Instant.FromUnixTimeMilliseconds(ClosedAt.Value),
        BreachedDue = BreachedDue is null ? null : Instant.FromUnixTimeMilliseconds(BreachedDue.Value),
        Renegotiated = Renegotiated,
        AimAt = AimAt is null ? null : Instant.FromUnixTimeMilliseconds(AimAt.Value),
        AimExplicit = AimExplicit,
        Buffer = BufferPct,
        InsideBuffer = InsideBuffer,
        Risk = Core.Risk.RiskFlagSet.FromText(RiskFlags),
    };

    private PromiseSla? ToSla() => SlaCalendar is null || SlaStart is null || SlaAmount is null || SlaUnit is null
        ? null
        : new PromiseSla(SlaCalendar, Instant.FromUnixTimeMilliseconds(SlaStart.Value), new Core.Sla.SlaAmount(SlaAmount.Value, (Core.Sla.SlaUnit)SlaUnit.Value), SlaTarget)
        {
            Paused = Duration.FromMilliseconds(SlaPausedMs),
            ClockStopped = SlaClockStopped,
            FirstWarningAt = SlaWarn1At is null ? null : Instant.FromUnixTimeMilliseconds(SlaWarn1At.Value),
            SecondWarningAt = SlaWarn2At is null ? null : Instant.FromUnixTimeMilliseconds(SlaWarn2At.Value),
        };
}
