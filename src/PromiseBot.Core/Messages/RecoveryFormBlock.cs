using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;

namespace PromiseBot.Core.Messages;

/// <summary>
/// The recovery-note form drawn inside a message (Teams' cards), with what it held and the problem under each field
/// after a refused submit. Surfaces with their own forms (Slack's modals, the playground) never receive one.
/// </summary>
public sealed record RecoveryFormBlock(PromiseNumber Number, RecoveryFormInput Values, IReadOnlyDictionary<RecoveryFormField, string> Problems) : ReplyBlock;
