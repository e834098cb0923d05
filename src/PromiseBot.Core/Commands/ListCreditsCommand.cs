using NodaTime;

namespace PromiseBot.Core.Commands;

/// <summary><c>credits [month]</c>: the service credits entered in a month, in the reader's zone.</summary>
public sealed record ListCreditsCommand(YearMonth Month) : GuaranteeCommand;
