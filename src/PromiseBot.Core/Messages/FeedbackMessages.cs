using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Feedback;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using static PromiseBot.Core.Messages.Runs;

namespace PromiseBot.Core.Messages;

/// <summary>The replies of <c>feedback N</c> and <c>update N</c>, their help, and how feedback reads in <c>show</c> and <c>history</c>.</summary>
public static class FeedbackMessages
{
    /// <summary>The customer-feedback buttons, under a done confirmation.</summary>
    public static PromiseOfferBlock Offer(PromiseNumber number) => new(number, PromiseOffer.CustomerFeedback);

    /// <summary><paramref name="reply"/> with the feedback buttons under it.</summary>
    public static Reply WithOffer(Reply reply, PromiseNumber number)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply with { Blocks = [.. reply.Blocks, Offer(number)] };
    }

    public static Reply Recorded(Promise promise, CustomerFeedback feedback, CustomerFeedback? before, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(view);
        var runs = new List<TextRun>
        {
            T("Recorded customer feedback for "), B(promise.Number.ToString()), T(" "), T(promise.Title), T(": "),
            B(CustomerFeedback.ScoreText(feedback.Score)),
        };
        if (feedback.Comment is { } comment)
        {
            runs.Add(T(" — "));
            runs.Add(I(comment));
        }

        var context = new List<TextRun> { T("By "), new MentionRun(feedback.RecordedBy), T(" on the customer's behalf") };
        if (before is not null)
        {
            context.Add(T($" · replaces {CustomerFeedback.ScoreText(before.Score)} (kept in the history)"));
        }

        return new Reply(
            ReplyVisibility.Channel,
            ReplyTone.Success,
            $"{promise.Number} {promise.Title}: customer feedback {CustomerFeedback.ScoreText(feedback.Score)}",
            [new TextBlock(runs), new ContextBlock(context)]);
    }

    public static Reply StillOpen(Promise promise, RecordFeedbackCommand command, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(command);
        return PromiseMessages.Refusal(
            new CommandError(
                $"{promise.Number} is still {(promise.Status == PromiseStatus.Paused ? "paused" : "open")}: customer feedback is for a promise that is done (or closed). Mark it done first, then record the score.",
                $"feedback on {promise.Number}, score {CustomerFeedback.ScoreText(command.Score)}",
                $"done {promise.Number.Value}"),
            view);
    }

    public static Reply NoSuchPromise(PromiseNumber number, string understood, ReplyContext view) =>
        PromiseMessages.Refusal(new CommandError($"There is no promise {number} in this workspace.", understood, "list all"), view);

    /// <summary>The feedback line of <c>show</c>.</summary>
    public static Field Field(CustomerFeedback feedback, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(view);
        var runs = new List<TextRun> { B(CustomerFeedback.ScoreText(feedback.Score)) };
        if (feedback.Comment is { } comment)
        {
            runs.Add(T(" — "));
            runs.Add(I(comment));
        }

        runs.Add(T(" (recorded by "));
        runs.Add(new MentionRun(feedback.RecordedBy));
        runs.Add(T(", " + DueFormatter.FormatAbsolute(feedback.RecordedAt, view.Zone, view.Now) + ")"));
        return new Field("Customer feedback", runs);
    }

    /// <summary><paramref name="details"/> (<c>show</c>) with the feedback added to its fields.</summary>
    public static Reply WithFeedback(Reply details, CustomerFeedback feedback, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(details);
        var field = Field(feedback, view);
        return details with
        {
            Blocks = [.. details.Blocks.Select(b => b is FieldsBlock fields ? new FieldsBlock([.. fields.Fields, field]) : b)],
        };
    }

    /// <summary>How a <see cref="PromiseEventKind.FeedbackRecorded"/> event reads in <c>history</c>, after the actor.</summary>
    public static string EventText(PromiseEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.OldValue is { Length: > 0 } old
            ? $" recorded customer feedback {e.NewValue} (was {old})"
            : $" recorded customer feedback {e.NewValue}";
    }

    public static Reply Help(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ReplyBlock Line(string usage, string what) => new TextBlock(C(view.Cmd(usage)), T("  " + what));
        return Reply.Private(
            ReplyTone.Info,
            "Customer feedback and customer updates",
            [
                new HeaderBlock("Customer feedback and customer updates"),
                new TextBlock(B("Customer feedback"), T(" — what the customer thought of a finished promise, next to whether it was kept")),
                Line("feedback 12 4/5 quick and friendly", "record the customer's score, 1 to 5, and what they said (also: feedback #12 4, 4 / 5, 4 out of 5)"),
                new ContextBlock(T("Anyone in the workspace can record it on the customer's behalf, once the promise is done (or closed). One score per promise: a later one replaces it, and the history keeps both. The done confirmation has 1–5 buttons for it. Scores outside 1–5 (0, 6, 4.5, 4/10) are refused, never converted.")),
                new TextBlock(B("Customer updates"), T(" — tell the customer how it is going before they have to ask")),
                Line("update 12", "a short progress message drafted from the promise, ready to paste: on track, running behind, waiting on something, or done"),
                new ContextBlock(T("Dates in the draft are in the owner's time zone (else the workspace's). Nothing is sent to the customer: you paste it. The at-risk alert has a Draft customer update button.")),
                new ContextBlock(T("See it: "), C(view.Cmd("show 12")), T(" shows the feedback; "), C(view.Cmd("history 12")), T(" every score recorded.")),
            ]);
    }
}
