using PromiseBot.Core.Commands;
using PromiseBot.Core.Conversations;

namespace PromiseBot.Teams.Activities;

/// <summary>What a verified activity means to PromiseBot. Produced by <see cref="TeamsActivityTranslator"/>.</summary>
public abstract record TeamsInbound
{
    /// <summary>A command typed in a message (or an Action.Submit card button, which arrives as a message).</summary>
    /// <param name="Reference">Where replies go; stored so digests and escalations can reach the conversation.</param>
    /// <param name="FromCard">True when it came from a card button rather than typed text.</param>
    public sealed record Command(InboundCommand Inbound, ConversationReference Reference, bool FromCard) : TeamsInbound
    {
        /// <summary>Where the answer goes: the conversation, or in a channel the thread that asked
        /// (<c>{channel};messageid={root}</c>). Null: <see cref="InboundCommand.Channel"/>.</summary>
        public string? ReplyTo { get; init; }
    }

    /// <summary>An Action.Execute button (<c>invoke</c> <c>adaptiveCard/action</c>): answered in the HTTP response.</summary>
    public sealed record CardAction(InboundCommand Inbound, ConversationReference Reference, string Verb) : TeamsInbound
    {
        /// <summary>The clicked card's promise numbers in order, when it shows several (else empty): the answer is the
        /// same card with only the clicked row redrawn.</summary>
        public IReadOnlyList<int> Rows { get; init; } = [];

        /// <summary>The promise the clicked button is for.</summary>
        public int Number { get; init; }

        /// <summary>The card's title line, to draw above the rows again.</summary>
        public string? Title { get; init; }
    }

    /// <summary>A card action whose data we cannot use (unknown verb, no number, Extend without a date).</summary>
    public sealed record BadCardAction(string Message, bool IsInvoke) : TeamsInbound;

    /// <summary>The bot was added, or the conversation changed: remember how to reach it.</summary>
    public sealed record ConversationSeen(ConversationReference Reference, bool UserInstalled) : TeamsInbound;

    /// <summary>Nothing to do (our own or another bot's message, a typing indicator, an uninstall, an unknown invoke).</summary>
    public sealed record Ignored(string Reason) : TeamsInbound;

    /// <summary>Authenticated but unusable: no conversation, tenant or sender. Answer 400.</summary>
    public sealed record Invalid(string Reason) : TeamsInbound;
}
