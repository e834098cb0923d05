namespace PromiseBot.Host.Operations;

/// <summary><c>PromiseBot:Metrics</c>: <c>GET /metrics</c> (Prometheus text format) is served only when
/// <see cref="Enabled"/> (<c>PromiseBot__Metrics__Enabled=true</c>); otherwise it is not mapped (404) and nothing is counted.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "PromiseBot:Metrics";

    public bool Enabled { get; set; }
}
