using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>
/// A "Write recovery note" button for one promise. Each surface opens its own form from it (Slack: a modal; Teams:
/// the form inside the card; the playground: its form), and the form's submission is <c>recover N …</c>.
/// A surface that can't show buttons (a slash-command answer) leaves it out; the text beside it says the command.
/// </summary>
public sealed record RecoveryPromptBlock(PromiseNumber Number) : ReplyBlock;
