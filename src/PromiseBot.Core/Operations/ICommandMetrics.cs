using PromiseBot.Core.Commands;

namespace PromiseBot.Core.Operations;

/// <summary>
/// What the command model tells the operator's counters (the host exports them at <c>/metrics</c>). Plain calls, no
/// metrics package: Core stays free of it. Implementations must be cheap and never throw.
/// </summary>
public interface ICommandMetrics
{
    /// <summary>A command or click was answered: its verb (<see cref="CommandVerbs.Of"/>) and whether it was refused.</summary>
    void Handled(ChatPlatform platform, string verb, bool refused);

    /// <summary>A command or click was turned away by the inbound limits (<see cref="IInboundLimiter"/>).</summary>
    void Limited(ChatPlatform platform, InboundLimitScope scope);
}
