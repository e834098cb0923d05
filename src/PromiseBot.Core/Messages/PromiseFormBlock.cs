using PromiseBot.Core.Commands;

namespace PromiseBot.Core.Messages;

/// <summary>
/// The new-promise form, to be filled in where the reply is shown: what it holds so far and, after a submit that
/// <see cref="PromiseForm.CheckAsync"/> refused, the problem under each field. Surfaces that draw forms inside a
/// message (Teams' Adaptive Cards) draw its inputs; surfaces with their own forms (Slack's modals, the playground)
/// never receive one.
/// </summary>
public sealed record PromiseFormBlock(PromiseFormValues Values, IReadOnlyDictionary<PromiseFormField, string> Problems) : ReplyBlock;
