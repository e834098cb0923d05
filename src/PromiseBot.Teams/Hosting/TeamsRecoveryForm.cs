using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Teams.Hosting;

/// <summary>
/// The recovery-note card's "Save recovery note": checked by Core's form rules (<see cref="RecoveryForm"/>, the same as
/// Slack's modal and the playground), then stored exactly like a typed <c>recover</c>. A problem, including "this
/// promise never breached", draws the form again with what was typed and the problem under its field.
/// </summary>
public sealed class TeamsRecoveryForm(PromiseCommandService commands)
{
    public async Task<Reply> SubmitAsync(InboundCommand inbound, PromiseNumber number, RecoveryFormInput submitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(submitted);
        var (draft, problems) = RecoveryForm.Check(submitted);
        if (draft is null)
        {
            return Form(number, submitted, problems);
        }

        var reply = await commands.ApplyAsync(inbound, new RecoverCommand(number, draft), cancellationToken).ConfigureAwait(false);
        return reply.Tone is ReplyTone.Error or ReplyTone.Warning
            ? Form(number, submitted, new Dictionary<RecoveryFormField, string> { [RecoveryFormField.Cause] = reply.Summary })
            : reply;
    }

    private static Reply Form(PromiseNumber number, RecoveryFormInput values, IReadOnlyDictionary<RecoveryFormField, string> problems) => Reply.Private(
        ReplyTone.Error,
        "Check the recovery note: " + string.Join(" ", problems.Values),
        new HeaderBlock("Recovery note for " + number),
        new RecoveryFormBlock(number, values, problems));
}
