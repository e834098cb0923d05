using PromiseBot.Core.Promises;
using PromiseBot.Core.Risk;

namespace PromiseBot.Core.Commands;

/// <summary><c>risk 12 +vendor -customer-input</c>: changes a promise's hand-set risk flags. Without changes (<c>risk 12</c>) it shows the risk.</summary>
public sealed record SetRiskCommand(PromiseNumber Number, RiskFlagSet Add, RiskFlagSet Remove) : ParsedCommand
{
    public bool ShowsOnly => Add.IsEmpty && Remove.IsEmpty;
}
