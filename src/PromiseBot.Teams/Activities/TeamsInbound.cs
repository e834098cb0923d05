using PromiseBot.Core.Commands;
using PromiseBot.Core.Conversations;

namespace PromiseBot.Teams.Activities;

/// <summary>What a verified activity means to PromiseBot. Produced by <see cref="TeamsActivityTranslator"/>.</summary>
public abstract record TeamsInbound
{
    /// <summary>A command typed in a message (or an Action.Submit card button, which arrives as a message).</summary>
    /// <param name="Reference">Where replies go; stored so digests and escalations can reach the conversation.</param>
    /// <param name="FromCard">True when it came from a card button rather than typed text (then <see cref="Click"/> is set).</param>
    public sealed record Command(InboundCommand Inbound, ConversationReference Reference, bool FromCard) : TeamsInbound
    {
        /// <summary>Where the answer goes: the conversation, or in a channel the thread that asked
        /// (<c>{channel};messageid={root}</c>). Null: <see cref="InboundCommand.Channel"/>.</summary>
        public string? ReplyTo { get; init; }

        /// <summary>The button pressed, for an Action.Submit fallback: it goes through the action model, not the grammar.</summary>
        public CardClick? Click { get; init; }
    }

    /// <summary>An Action.Execute button (<c>invoke</c> <c>adaptiveCard/action</c>): answered in the HTTP response.</summary>
    public sealed record CardAction(InboundCommand Inbound, ConversationReference Reference, CardClick Click) : TeamsInbound;

    /// <summary>
    /// <c>new</c> (typed, or <c>@PromiseBot new</c>): answer with the new-promise form card.
    /// </summary>
    public sealed record FormRequested(InboundCommand Inbound, ConversationReference Reference) : TeamsInbound
    {
        /// <summary>Where the form goes (see <see cref="Command.ReplyTo"/>).</summary>
        public string? ReplyTo { get; init; }
    }

    /// <summary>The new-promise form's <c>create</c> button: its inputs, to check with Core's form rules.</summary>
    public sealed record FormSubmitted(InboundCommand Inbound, ConversationReference Reference, TeamsFormValues Values, bool IsInvoke) : TeamsInbound
    {
        /// <summary>Where a Submit fallback's answer goes (see <see cref="Command.ReplyTo"/>).</summary>
        public string? ReplyTo { get; init; }
    }

    /// <summary>The recovery-note form's "Save recovery note" button: its inputs, to check with Core's form rules.</summary>
    public sealed record RecoverySubmitted(
        InboundCommand Inbound, ConversationReference Reference, Core.Promises.PromiseNumber Number, Core.Recovery.RecoveryFormInput Values, bool IsInvoke) : TeamsInbound
    {
        /// <summary>Where a Submit fallback's answer goes (see <see cref="Command.ReplyTo"/>).</summary>
        public string? ReplyTo { get; init; }
    }

    /// <summary>
    /// A card action whose data we cannot use (unknown verb, no number). <see cref="Inbound"/> says who and where, so a
    /// Submit fallback is answered in its conversation.
    /// </summary>
    public sealed record BadCardAction(string Message, bool IsInvoke) : TeamsInbound
    {
        public InboundCommand? Inbound { get; init; }

        /// <summary>Where a Submit fallback's answer goes (see <see cref="Command.ReplyTo"/>).</summary>
        public string? ReplyTo { get; init; }
    }

    /// <summary>
    /// An offer's button (a customer-feedback score, "Draft customer update"): <see cref="Inbound"/>'s text is the
    /// command it stands for (<c>feedback 12 4</c>), run as typed by the clicker, with the activity's delivery key.
    /// </summary>
    public sealed record OfferAction(InboundCommand Inbound, ConversationReference Reference, bool IsInvoke) : TeamsInbound
    {
        /// <summary>Where the answer goes (see <see cref="Command.ReplyTo"/>).</summary>
        public string? ReplyTo { get; init; }
    }

    /// <summary>
    /// The answer to a file consent card: the held file it offered, and, when accepted, where Teams said to upload it
    /// (null when declined).
    /// </summary>
    public sealed record FileConsent(InboundCommand Inbound, ConversationReference Reference, string HeldFileId, FileUploadInfo? Upload) : TeamsInbound;

    /// <summary>The bot was added, or the conversation changed: remember how to reach it.</summary>
    public sealed record ConversationSeen(ConversationReference Reference, bool UserInstalled) : TeamsInbound;

    /// <summary>Nothing to do (our own or another bot's message, a typing indicator, an uninstall, an unknown invoke).</summary>
    public sealed record Ignored(string Reason) : TeamsInbound;

    /// <summary>Authenticated but unusable: no conversation, tenant or sender. Answer 400.</summary>
    public sealed record Invalid(string Reason) : TeamsInbound;
}
