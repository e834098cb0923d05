using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;

namespace PromiseBot.Core.Commands;

/// <summary><c>recover 12 cause vendor; fix sent a loaner; prevent keep two spares</c>: the recovery note of a breached promise.</summary>
public sealed record RecoverCommand(PromiseNumber Number, RecoveryDraft Draft) : ParsedCommand;
