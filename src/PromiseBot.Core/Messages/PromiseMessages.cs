using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Sla;
using PromiseBot.Core.UseCases;
using static PromiseBot.Core.Messages.Runs;

namespace PromiseBot.Core.Messages;

/// <summary>
/// Builds the neutral replies of <c>/promise</c>. Every user-supplied string goes into a run as plain text; the
/// renderers escape it. Times are written in the reader's zone and relative to now.
/// </summary>
public static partial class PromiseMessages
{
    public static string PrefixFor(ChatPlatform platform) => platform == ChatPlatform.Teams ? "@PromiseBot" : "/promise";

    /// <summary>What goes before a command in a hint: none in a Teams personal chat (nothing to mention there).</summary>
    public static string PrefixFor(ChatPlatform platform, bool directMessage) =>
        platform == ChatPlatform.Teams && directMessage ? string.Empty : PrefixFor(platform);

    /// <summary>A command as the reader types it after <paramref name="prefix"/>: <c>/promise done 12</c>,
    /// <c>@PromiseBot done 12</c>, or in a Teams personal chat just <c>done 12</c>.</summary>
    public static string Cmd(string prefix, string command) => prefix.Length == 0 ? command : prefix + " " + command;

    public static Reply Refusal(CommandError error, ReplyContext view)
    {
        var blocks = new List<ReplyBlock> { new TextBlock(T(error.Message)) };
        if (error.Understood is { Length: > 0 } understood)
        {
            blocks.Add(new ContextBlock([T("I understood: "), .. WithMentions(understood)]));
        }

        blocks.Add(new ContextBlock(T("Try: "), C(view.Cmd(MentionsAsNames(error.Hint))), T("  ·  "), C(view.Cmd("help")), T(" lists every command.")));
        return Reply.Private(ReplyTone.Error, error.Message, [.. blocks]);
    }

    public static Reply Help(ReplyContext view)
    {
        ReplyBlock Line(string usage, string what) => new TextBlock(C(view.Cmd(usage)), T("  " + what));
        // Teams draws the new-promise form inside the conversation; Slack opens its form from a shortcut instead.
        ReplyBlock[] form = view.Command.Platform == ChatPlatform.Teams
            ? [Line("new", "a card to fill in: what, due date and time, customer, owner, backup, category")]
            : [];
        return Reply.Private(
            ReplyTone.Info,
            "PromiseBot commands",
            [
                new HeaderBlock("PromiseBot: track what you promised customers"),
                new TextBlock(B("Make a promise"), T(" (the due date is read in your time zone; a date without a time means 17:00)")),
                Line("add Send the quote to Acme by Friday 5pm", "creates a promise you own"),
                Line("add Call back Dana tomorrow 10am for Globex @dana #callback", "customer, owner (mention them) and category are optional"),
                Line("add Ship replacement part in 3 days", "also: within 4 hours, by Dec 3, by end of month"),
                Line("add Send the quote to Acme by Friday 5pm aim Thursday noon", "our own aim before the deadline (default: 20% of the time before it; help buffer)"),
                .. form,
                new TextBlock(B("See promises")),
                Line("list", "open promises made in this channel (in a direct message: yours)"),
                Line("list mine  ·  list @person  ·  list #category", "filter across the workspace"),
                Line("list overdue  ·  list due", "late ones, or due in the next 48 hours; filters combine"),
                Line("list all [page]", "every promise in any state, newest first"),
                Line("show 12  ·  history 12", "one promise, and everything that happened to it"),
                new TextBlock(B("Change a promise")),
                Line("done 12 [note]", "mark it kept"),
                Line("extend 12 to Monday 10am [because reason]", "renegotiate the due date"),
                Line("pause 12 waiting on customer  ·  resume 12", "stop the clock while blocked"),
                Line("assign 12 @person  ·  backup 12 @person", "change the owner or the backup"),
                Line("cancel 12 [reason]", "the promise no longer applies"),
                Line("broken 12 [reason]  ·  reopen 12 [reason]", "we won't deliver; or open a promise closed by mistake (help outcomes)"),
                Line("ack 12", "seen the reminder; stops repeats of the current step"),
                Line("authority  ·  approvals  ·  approve 3  ·  decline 3 [reason]", "an extension beyond the owner's limit waits for the manager (help authority)"),
                Line("recover 12 cause vendor; fix …; prevent …  ·  apology 12", "after a breach: the recovery note, and a message to the customer from it (help recover)"),
                new TextBlock(B("The customer")),
                Line("feedback 12 4/5 [comment]", "record the customer's score (1 to 5) of a done promise"),
                Line("update 12", "a progress message for the customer, ready to paste (help feedback)"),
                Line("credit 12 issue  ·  credit 12 waive [reason]  ·  credits", "service credits of guaranteed promises (help guarantee)"),
                new TextBlock(B("Reports")),
                Line("report [last week|month|last month|quarter|last 30 days|1 Nov to 15 Nov] [#category] [@person] [for customer]", "how the period's promises ended: on time %, late, broken, lateness, by category and owner (help report); export [period] [#category] gives them as a CSV file (help export)"),
                new TextBlock(B("Digests and reminders")),
                Line("digest on [09:00] [weekdays|daily] [America/New_York] [quiet]", "post this channel's 48-hour digest every day"),
                Line("digest  ·  digest off  ·  digest settings", "post it now, stop it, or see when it comes"),
                Line("config  ·  config manager @person", "see the settings; the manager gets breach DMs and owns the settings"),
                Line("config quiet 20:00-08:00  ·  config reminders 24h,4h  ·  config timezone Europe/London", "quiet hours, reminder offsets, workspace zone"),
                Line("config buffer 20%", "the share of each promise's time the aim keeps before the deadline, 0–90% (help buffer)"),
                Line("config retention 7 years  ·  export all  ·  forget @person  ·  delete workspace data", "how long closed promises are kept; the manager's full export and erasure (help retention)"),
                Line("calendar  ·  help calendar", "the team's business hours, zone and holidays, and how to change them"),
                Line("admin outbox  ·  admin retry 42", "the manager's view of messages that could not be delivered, and sending one again (help admin)"),
                new ContextBlock(T($"Times are shown in {view.Zone.Id}. Every change is kept in the promise's history.")),
            ]);
    }

    public static Reply Created(Promise promise, ResolvedDue due, ReplyContext view)
    {
        var fields = new List<Field>
        {
            new("Owner", [new MentionRun(promise.Owner)]),
            new("Due", [T(AimMessages.DueText(promise, view))]),
        };
        if (promise.Customer is { } customer)
        {
            fields.Add(new Field("Customer", [T(customer)]));
        }

        if (promise.Category is { } category)
        {
            fields.Add(new Field("Category", [T("#" + category)]));
        }

        var context = new List<TextRun> { T("Made by "), new MentionRun(promise.MadeBy) };
        if (due.TimeDefaulted)
        {
            context.Add(T(" · No time was given, so I used end of business (17:00)."));
        }

        foreach (var note in DueReading(due, view))
        {
            context.Add(T(" · " + note));
        }

        if (AimMessages.Created(promise, view) is { } aimNote)
        {
            context.Add(T(" · " + aimNote));
        }

        context.Add(T(" · When it's kept: "));
        context.Add(C(view.Cmd($"done {promise.Number.Value}")));

        return new Reply(
            ReplyVisibility.Channel,
            ReplyTone.Success,
            $"Promise {promise.Number}: {promise.Title}, {AimMessages.DueText(promise, view, "due ")}",
            [
                // A promise line, so renderers that can put Done / Extend on it do.
                new PromiseLineBlock(promise.Number, StateOf(promise, view.Now), [B("New promise " + promise.Number), T(": "), T(promise.Title)], promise.Version),
                new FieldsBlock(fields),
                new ContextBlock(context),
            ]);
    }

    /// <summary>The Home view: a header, then each non-empty section with up to <paramref name="perSection"/> lines.</summary>
    /// <param name="clocks">The business clocks of the promises counted in business time (<see cref="Line"/>).</param>
    /// <param name="closed">The person's promises closed lately (<see cref="PromiseCommandService.RecentlyClosedWindow"/>), most
    /// recent first, each with its outcome; not counted as open.</param>
    public static Reply Home(
        IReadOnlyList<(string Title, List<Promise> Items)> sections, int perSection, ReplyContext view, SlaClocks? clocks = null, IReadOnlyList<Promise>? closed = null)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var blocks = new List<ReplyBlock> { new HeaderBlock("Your promises") };
        var total = 0;
        foreach (var (title, items) in sections)
        {
            if (items.Count == 0)
            {
                continue;
            }

            total += items.Count;
            blocks.Add(new DividerBlock());
            blocks.Add(new TextBlock(B(title), T($" ({items.Count})")));
            blocks.AddRange(items.Take(perSection).Select(p => Line(p, view, clocks)));
            if (items.Count > perSection)
            {
                blocks.Add(new ContextBlock(T($"…and {items.Count - perSection} more: "), C(view.Cmd("list mine"))));
            }
        }

        if (total == 0)
        {
            blocks.Add(new TextBlock(T("Nothing open: no promise is waiting on you.")));
        }

        if (closed is { Count: > 0 })
        {
            blocks.Add(new DividerBlock());
            blocks.Add(new TextBlock(B("Closed in the last 7 days"), T($" ({closed.Count}{(closed.Count >= perSection ? "+" : "")})")));
            blocks.AddRange(closed.Take(perSection).Select(p => Line(p, view)));
            blocks.Add(new ContextBlock(T("How each one ended: "), C(view.Cmd("help outcomes")), T(" · all of them: "), C(view.Cmd("list all"))));
        }

        blocks.Add(new ContextBlock(
            T($"Times in {view.Zone.Id}. Make one with "), C(view.Cmd("add Send the quote to Acme by Friday 5pm")),
            T(", the New promise shortcut, or Track as promise on any message.")));
        return new Reply(ReplyVisibility.Private, ReplyTone.Info, total == 0 ? "Your promises: none open" : $"Your promises: {total} open", blocks);
    }

    /// <param name="clocks">The business clocks of the promises counted in business time (<see cref="Line"/>).</param>
    public static Reply List(ListFilter filter, int page, PromisePage result, ReplyContext view, SlaClocks? clocks = null)
    {
        var title = ListTitle(filter, view);
        if (result.TotalCount == 0)
        {
            return Reply.Private(
                ReplyTone.Info,
                $"{title}: none",
                new TextBlock(B(title), T(": nothing here.")),
                new ContextBlock(T("Make one with "), C(view.Cmd("add Send the quote to Acme by Friday 5pm"))));
        }

        if (result.Items.Count == 0)
        {
            return Reply.Private(
                ReplyTone.Info,
                $"{title}: no page {page}",
                new TextBlock(T($"There is no page {page}: {title.ToLowerInvariant()} has {Plural(result.TotalCount, "promise")}.")));
        }

        var blocks = new List<ReplyBlock> { new TextBlock(B(title), T($" ({result.TotalCount})")) };
        blocks.AddRange(result.Items.Select(p => Line(p, view, clocks)));
        var first = (page - 1) * PromiseCommandService.PageSize + 1;
        var last = first + result.Items.Count - 1;
        var footer = new List<TextRun> { T($"Times in {view.Zone.Id}.") };
        if (result.TotalCount > result.Items.Count)
        {
            footer.Add(T($" Showing {first}–{last} of {result.TotalCount}."));
            if (last < result.TotalCount && filter.All)
            {
                footer.Add(T(" Next: "));
                footer.Add(C(view.Cmd($"list all {page + 1}")));
            }
            else if (last < result.TotalCount)
            {
                footer.Add(T(" Narrow it with a filter, e.g. "));
                footer.Add(C(view.Cmd($"list overdue #category")));
            }
        }

        blocks.Add(new ContextBlock(footer));
        return new Reply(ReplyVisibility.Private, ReplyTone.Info, $"{title} ({result.TotalCount})", blocks);
    }

    /// <param name="clocks">The business clock of the promise's calendar, for a promise counted in business time: the
    /// details then say the business time left or since the breach.</param>
    public static Reply Details(Promise promise, ReplyContext view, SlaClocks? clocks = null)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var fields = new List<Field>
        {
            new("Status", [T(StatusLabel(promise))]),
            new("Due", [T(AimMessages.DueText(promise, view))]),
        };
        if (OutcomeMessages.Text(promise) is { } outcome)
        {
            fields.Add(new Field("Outcome", [T(outcome)]));
        }

        if (clocks?.For(promise) is { } clock && BusinessTimeLeft.Left(promise, clock, view.Now) is { } left)
        {
            fields.Add(new Field("Business time", [T(left)]));
        }

        if (BusinessTimeLeft.PausedFor(promise, view.Now) is { } paused)
        {
            fields.Add(new Field("Paused for", [T(paused)]));
        }

        fields.Add(new Field("Owner", [new MentionRun(promise.Owner)]));
        if (promise.Backup is { } backup)
        {
            fields.Add(new Field("Backup", [new MentionRun(backup)]));
        }

        if (promise.Customer is { } customer)
        {
            fields.Add(new Field("Customer", [T(customer)]));
        }

        if (promise.Category is { } category)
        {
            fields.Add(new Field("Category", [T("#" + category)]));
        }

        fields.Add(new Field("Made", [T(DueFormatter.FormatAbsolute(promise.MadeAt, view.Zone, view.Now) + " by "), new MentionRun(promise.MadeBy)]));
        if (promise.StatusNote is { Length: > 0 } note)
        {
            fields.Add(new Field(promise.Status == PromiseStatus.Cancelled ? "Reason" : "Note", [T(note)]));
        }

        var blocks = new List<ReplyBlock>
        {
            new PromiseLineBlock(promise.Number, StateOf(promise, view.Now), [B(promise.Number.ToString()), T(" "), TitleRun(promise)]),
            new FieldsBlock(fields),
        };
        if (promise.SourceLink is { } link)
        {
            blocks.Add(new ContextBlock(T("Source: "), new LinkRun(link, "original message")));
        }

        blocks.Add(new ContextBlock(T("Full history: "), C(view.Cmd($"history {promise.Number.Value}"))));
        return new Reply(ReplyVisibility.Private, ReplyTone.Info, $"{promise.Number} {promise.Title}: {StatusLabel(promise)}", blocks);
    }

    public static Reply History(Promise promise, IReadOnlyList<PromiseEvent> events, ReplyContext view)
    {
        var blocks = new List<ReplyBlock> { new TextBlock(B($"History of {promise.Number}"), T(": "), T(promise.Title)) };
        if (OutcomeMessages.Text(promise) is { } outcome)
        {
            blocks.Add(new ContextBlock(T("Outcome: "), B(outcome)));
        }
        // One block per event would overflow Block Kit's 50-block limit on a busy promise; group lines instead.
        foreach (var chunk in events.Chunk(10))
        {
            var runs = new List<TextRun>();
            foreach (var e in chunk)
            {
                if (runs.Count > 0)
                {
                    runs.Add(T("\n"));
                }

                runs.Add(T(DueFormatter.FormatAbsolute(e.At, view.Zone, view.Now) + "  "));
                runs.Add(new MentionRun(e.Actor));
                runs.AddRange(EventRuns(e, view));
            }

            blocks.Add(new TextBlock(runs));
            if (blocks.Count >= 45)
            {
                blocks.Add(new ContextBlock(T("Older changes are not shown.")));
                break;
            }
        }

        return new Reply(ReplyVisibility.Private, ReplyTone.Info,
            $"History of {promise.Number} ({events.Count} {(events.Count == 1 ? "change" : "changes")})", blocks);
    }

    public static Reply Changed(Promise before, Promise after, PromiseEvent change, ReplyContext view)
    {
        var n = after.Number;
        var runs = new List<TextRun> { B(n.ToString()), T(" "), TitleRun(after), T(": ") };
        switch (change.Kind)
        {
            case PromiseEventKind.Completed:
                runs.Add(B(after.Outcome switch
                {
                    Outcome.Kept => "done, on time" + AimMessages.InsideBuffer(after),
                    Outcome.KeptAfterRenegotiation => "done, kept after renegotiation" + AimMessages.InsideBuffer(after),
                    Outcome.Late => "done, " + OutcomeMessages.Text(after),
                    _ => after.KeptOnTime == true ? "done, on time" : "done, late",
                }));
                runs.Add(T($" (was due {DueFormatter.FormatAbsolute(before.DueAt, view.Zone, view.Now)})"));
                break;
            case PromiseEventKind.Extended:
                runs.Add(T("due date moved from "));
                runs.Add(T(DueFormatter.FormatAbsolute(before.DueAt, view.Zone, view.Now)));
                runs.Add(T(" to "));
                runs.Add(B(DueText(after.DueAt, view)));
                break;
            case PromiseEventKind.Paused:
                runs.Add(B(PromiseTransitions.PauseText(after.PauseReason ?? PauseReason.Other)));
                break;
            case PromiseEventKind.Resumed:
                runs.Add(B("resumed"));
                runs.Add(T($", due {DueText(after.DueAt, view)}"));
                if (MovedByClock(change))
                {
                    runs.Add(T($" (moved from {DueFormatter.FormatAbsolute(before.DueAt, view.Zone, view.Now)}: {change.Note})"));
                }

                break;
            case PromiseEventKind.Assigned:
                runs.Add(T("now owned by "));
                runs.Add(new MentionRun(after.Owner));
                runs.Add(T(" (was "));
                runs.Add(new MentionRun(before.Owner));
                runs.Add(T(")"));
                break;
            case PromiseEventKind.BackupSet:
                runs.Add(T("backup is now "));
                runs.Add(new MentionRun(after.Backup!.Value));
                break;
            case PromiseEventKind.Cancelled:
                runs.Add(B(after.Outcome == Outcome.Broken ? "cancelled after its deadline: " + OutcomeMessages.Text(after) : "cancelled (withdrawn)"));
                break;
            case PromiseEventKind.Broken:
                runs.Add(B(OutcomeMessages.Text(after) ?? "broken"));
                runs.Add(T(" (we won't deliver)"));
                break;
            case PromiseEventKind.Reopened:
                runs.Add(B("reopened"));
                runs.Add(T($" (was {change.OldValue}), due {DueText(after.DueAt, view)}"));
                break;
            case PromiseEventKind.RiskChanged:
                runs.Add(T("risk flags "));
                runs.Add(B(after.Risk.IsEmpty ? "none" : after.Risk.Describe()));
                runs.Add(T($" (were {(before.Risk.IsEmpty ? "none" : before.Risk.ToText())})"));
                break;
        }

        var blocks = new List<ReplyBlock> { new PromiseLineBlock(n, StateOf(after, view.Now), runs) };
        var context = new List<TextRun> { T("By "), new MentionRun(change.Actor) };
        // A pause for the customer or vendor already says why; only a free-text reason adds anything.
        var noteAddsSomething = (change.Kind != PromiseEventKind.Paused || after.PauseReason == PauseReason.Other || !IsBarePauseReason(change.Note))
            && !MovedByClock(change);
        if (change.Note is { Length: > 0 } note && noteAddsSomething)
        {
            context.Add(T(change.Kind == PromiseEventKind.Extended ? " · because: " : " · note: "));
            context.Add(T(note));
        }

        blocks.Add(new ContextBlock(context));
        var summary = $"{n} {after.Title}: {KindText(change.Kind)}";
        return new Reply(ReplyVisibility.Channel, ReplyTone.Success, summary, blocks);
    }

    /// <summary>
    /// The owner's DM (or the promise's channel line) when someone else changed their promise: who did what, then the
    /// promise as it stands now.
    /// </summary>
    public static Reply ChangedByOther(Promise before, Promise after, PromiseEvent change, ReplyContext view, bool toOwner)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(change);
        var changed = Changed(before, after, change, view);
        var intro = new List<TextRun> { new MentionRun(change.Actor), T(" changed ") };
        if (toOwner)
        {
            intro.Add(T("your promise "));
        }
        else
        {
            intro.Add(new MentionRun(before.Owner));
            intro.Add(T("'s promise "));
        }

        intro.Add(B(after.Number.ToString()));
        intro.Add(T(":"));
        var summary = toOwner
            ? $"Someone else changed your promise {after.Number}: {changed.Summary}"
            : $"{after.Number} was changed by someone other than its owner: {changed.Summary}";
        return new Reply(toOwner ? ReplyVisibility.Private : ReplyVisibility.Channel, ReplyTone.Info, summary, [new TextBlock(intro), .. changed.Blocks]);
    }

    /// <summary>Refuses to cancel or reassign someone else's promise, naming who can.</summary>
    public static Reply NotAllowed(Promise promise, ParsedCommand command, IReadOnlyList<(string Role, UserId Person)> allowed, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(allowed);
        var verb = command switch { AssignPromiseCommand => "reassign", BrokenPromiseCommand => "mark broken", _ => "cancel" };
        var runs = new List<TextRun> { T($"{promise.Number} belongs to "), new MentionRun(promise.Owner), T($": only ") };
        for (var i = 0; i < allowed.Count; i++)
        {
            runs.Add(T(i == 0 ? "" : i == allowed.Count - 1 ? " or " : ", "));
            runs.Add(T(allowed[i].Role + " "));
            runs.Add(new MentionRun(allowed[i].Person));
        }

        runs.Add(T($" can {verb} it."));
        return Reply.Private(
            ReplyTone.Warning,
            $"Only its maker, its backup or the manager can {verb} {promise.Number}.",
            new TextBlock(runs),
            Line(promise, view));
    }

    public static Reply TransitionRefused(Promise promise, string reason, ReplyContext view) => Reply.Private(
        ReplyTone.Warning,
        $"Can't change {promise.Number}: {reason}",
        new TextBlock(T($"I can't do that to {promise.Number}: {reason}")),
        Line(promise, view));

    public static Reply NotFound(PromiseNumber number, ReplyContext view) => Reply.Private(
        ReplyTone.Warning,
        $"There is no promise {number} in this workspace.",
        new TextBlock(T($"There is no promise {number} in this workspace.")),
        new ContextBlock(T("See every promise with "), C(view.Cmd("list all"))));

    /// <summary>What the person is told when a bug or an outage stopped their request (every entry point's one catch).</summary>
    public const string SomethingWentWrongText = "Something went wrong on our side; nothing was saved.";

    /// <summary>What the person is told when the database did not answer (an outage, not a bug).</summary>
    public const string CannotSaveRightNowText = "I can't save right now, so nothing was changed.";

    /// <summary>
    /// The answer of every entry point's one catch, for what caused it: the database not answering is said as such
    /// ("I can't save right now"); anything else is <see cref="SomethingWentWrong(string)"/>. Either way nothing changed.
    /// </summary>
    public static Reply SomethingWentWrong(Exception cause, string prefix = "/promise") =>
        StorageFailures.IsUnreachable(cause)
            ? Reply.Private(
                ReplyTone.Error,
                CannotSaveRightNowText,
                new TextBlock(T(CannotSaveRightNowText + " Please try again in a moment.")))
            : SomethingWentWrong(prefix);

    /// <summary>The answer of every entry point's one catch: the person always hears back, and knows nothing changed.</summary>
    public static Reply SomethingWentWrong(string prefix = "/promise") => Reply.Private(
        ReplyTone.Error,
        SomethingWentWrongText,
        new TextBlock(T(SomethingWentWrongText + " Please try again in a moment.")),
        new ContextBlock(T("See what is stored with "), C(Cmd(prefix, "list")), T(".")));

    /// <summary>
    /// A button on a promise that changed since it was drawn: nothing was changed, and here it is as it stands now.
    /// The same answer on every surface.
    /// </summary>
    public static Reply ChangedSinceShown(Promise promise, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var text = $"{promise.Number} changed since this was shown ({StandsNow(promise, view)}), so I didn't change anything. This is where it stands now.";
        return Reply.Private(ReplyTone.Warning, text, new TextBlock(T(text)), Line(promise, view));
    }

    /// <summary>A form that was open while its promise changed: "#12 changed while this was open (it is done)…".</summary>
    public static string ChangedWhileOpen(PromiseNumber number, Promise? now, ReplyContext view) => now is null
        ? $"{number} no longer exists."
        : $"{number} changed while this was open ({StandsNow(now, view)}). Close this and look again.";

    /// <summary>"it is done", "it was cancelled", "it is paused", "now due Fri 4 Dec 17:00 (in 2 days)".</summary>
    public static string StandsNow(Promise promise, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        return promise.Status switch
        {
            PromiseStatus.Done => "it is done",
            PromiseStatus.Cancelled => "it was cancelled",
            PromiseStatus.Paused => "it is paused",
            _ => "now due " + DueText(promise.DueAt, view),
        };
    }

    /// <summary>A click that needs one more thing before it can change the promise (its form shows it).</summary>
    public static Reply NeedsInput(Promise promise, PromiseVerb verb, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var text = verb switch
        {
            PromiseVerb.Extend => $"Pick the new due date for {promise.Number} first.",
            PromiseVerb.Reassign => $"Pick who should own {promise.Number} first.",
            _ => $"Say what to do with {promise.Number}.",
        };
        return Reply.Private(ReplyTone.Info, text, new TextBlock(T(text)), Line(promise, view));
    }

    /// <summary>A create delivered again: the promise its first delivery made, said to be that one (not a second).</summary>
    public static Reply CreatedBefore(Promise promise, ResolvedDue due, ReplyContext view)
    {
        var created = Created(promise, due, view);
        return created with
        {
            Blocks = [.. created.Blocks, new ContextBlock(new PlainRun($"That request was already handled: this is the promise it made, {promise.Number}; I didn't make it twice."))],
        };
    }

    public static Reply AlreadyHandled() => Reply.Private(
        ReplyTone.Info,
        "That request was already handled.",
        new TextBlock(T("That request was already handled, so I didn't apply it twice.")));

    public static Reply Busy(PromiseNumber number, ReplyContext view) => Reply.Private(
        ReplyTone.Warning,
        $"{number} kept changing while I updated it.",
        new TextBlock(T($"{number} kept changing while I tried to update it. Have a look with ")),
        new ContextBlock(C(view.Cmd($"show {number.Value}")), T(" and try again.")));

    /// <summary>"Fri 28 Nov 17:00 EST (in 4 days)" in the reader's zone.</summary>
    /// <summary>What the reader should know about how a deadline was read: "09:00 (I read it as morning)",
    /// "Thu 3 Dec 00:00 (tonight at midnight)", "Fri 4 Dec 17:00 EST = 14:00 your time".</summary>
    public static IReadOnlyList<string> DueReading(ResolvedDue due, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(view);
        var notes = new List<string>();
        var local = due.Due.InZone(view.Zone);
        var clock = local.TimeOfDay.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        if (due.WrittenIn is { } written && written.Id != view.Zone.Id)
        {
            var there = due.Due.InZone(written);
            var yours = there.Date == local.Date ? clock : DueFormatter.FormatAbsolute(due.Due, view.Zone, view.Now);
            notes.Add($"{DueFormatter.FormatAbsolute(due.Due, written, view.Now)} = {yours} your time");
        }

        if ((due.Notes & DueNotes.ReadAsMorning) != 0)
        {
            notes.Add($"{clock} (I read it as morning)");
        }

        if ((due.Notes & DueNotes.ReadAsAfternoon) != 0)
        {
            notes.Add($"{clock} (I read it as {(local.Hour < 18 ? "afternoon" : "evening")})");
        }

        if ((due.Notes & DueNotes.NextOccurrence) != 0)
        {
            notes.Add($"That time has passed today, so tomorrow {clock}.");
        }

        if ((due.Notes & DueNotes.TonightAtMidnight) != 0)
        {
            notes.Add($"{DueFormatter.FormatAbsolute(due.Due, view.Zone, view.Now)} (tonight at midnight)");
        }

        if ((due.Notes & DueNotes.ClosingTime) != 0)
        {
            notes.Add($"Close of business: {clock}.");
        }

        if ((due.Notes & DueNotes.OpeningTime) != 0)
        {
            notes.Add($"First thing: opening time, {clock}.");
        }

        if ((due.Notes & DueNotes.BusinessTime) != 0)
        {
            notes.Add(due.Rule is { } rule ? $"Counted as {rule}." : "Counted in business hours.");
        }

        return notes;
    }

    public static string DueText(Instant due, ReplyContext view) =>
        $"{DueFormatter.FormatAbsolute(due, view.Zone, view.Now)} ({DueFormatter.FormatRelative(due, view.Now)})";

    /// <summary>
    /// "#12 Send the quote · for Acme · @dana · due Fri 4 Dec 17:00 EST (in 2 days) · #quotes"; a paused promise adds
    /// how long it has been paused, and one counted in business time (when <paramref name="clocks"/> has its calendar)
    /// the business time left or since the breach (<see cref="BusinessTimeLeft"/>).
    /// </summary>
    public static PromiseLineBlock Line(Promise promise, ReplyContext view, SlaClocks? clocks = null)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(view);
        var runs = new List<TextRun> { B(promise.Number.ToString()), T(" "), TitleRun(promise) };
        if (promise.Customer is { } customer)
        {
            runs.Add(T(" · for " + customer));
        }

        runs.Add(T(" · "));
        runs.Add(new MentionRun(promise.Owner));
        runs.Add(T(" · "));
        switch (promise.Status)
        {
            case PromiseStatus.Done:
                runs.Add(T(promise.Outcome switch
                {
                    Outcome.Kept => "kept on time" + AimMessages.InsideBuffer(promise),
                    Outcome.Late or Outcome.KeptAfterRenegotiation => OutcomeMessages.Text(promise)!,
                    _ => promise.KeptOnTime == true ? "kept on time" : "kept late",
                }));
                break;
            case PromiseStatus.Cancelled:
                runs.Add(T(promise.Outcome == Outcome.Broken ? OutcomeMessages.Text(promise)! : "cancelled"));
                break;
            default:
                if (promise.Status == PromiseStatus.Paused)
                {
                    runs.Add(I(PromiseTransitions.PauseText(promise.PauseReason ?? PauseReason.Other) + ", "));
                }

                runs.Add(T(AimMessages.DueText(promise, view, "due ")));
                if (BusinessTimeLeft.Describe(promise, clocks?.For(promise), view.Now) is { } time)
                {
                    runs.Add(T(" · " + time));
                }

                break;
        }

        if (promise.Category is { } category)
        {
            runs.Add(T(" · #" + category));
        }

        if (promise.SourceLink is { } source)
        {
            runs.Add(T(" · "));
            runs.Add(new LinkRun(source, "source"));
        }

        return new PromiseLineBlock(promise.Number, StateOf(promise, view.Now), runs, promise.Version);
    }

    public static PromiseLineState StateOf(Promise promise, Instant now) => promise.Status switch
    {
        PromiseStatus.Done => PromiseLineState.Done,
        PromiseStatus.Cancelled => PromiseLineState.Cancelled,
        _ when promise.DueAt < now => PromiseLineState.Overdue,
        PromiseStatus.Paused => PromiseLineState.Paused,
        _ when promise.DueAt - now <= PromiseCommandService.DueSoonWindow => PromiseLineState.DueSoon,
        _ => PromiseLineState.Open,
    };

    private static TextRun TitleRun(Promise promise) => promise.IsClosed ? new StrikeRun(promise.Title) : T(promise.Title);

    private static string StatusLabel(Promise promise) => promise.Status switch
    {
        PromiseStatus.Open => "Open",
        PromiseStatus.Paused => PromiseTransitions.PauseText(promise.PauseReason ?? PauseReason.Other).Replace("paused", "Paused", StringComparison.Ordinal),
        PromiseStatus.Done => promise.Outcome switch
        {
            Outcome.Kept => "Done, kept on time",
            Outcome.KeptAfterRenegotiation => "Done, kept after renegotiation",
            Outcome.Late => "Done, kept late",
            _ => promise.KeptOnTime == true ? "Done, kept on time" : "Done, kept late",
        },
        _ => promise.Outcome == Outcome.Broken ? "Broken" : "Cancelled",
    };

    private static IEnumerable<TextRun> EventRuns(PromiseEvent e, ReplyContext view)
    {
        switch (e.Kind)
        {
            case PromiseEventKind.Created:
                yield return T(" made the promise");
                break;
            case PromiseEventKind.Extended:
                yield return T($" moved the due date from {EventInstant(e.OldValue, view)} to {EventInstant(e.NewValue, view)}");
                break;
            case PromiseEventKind.Assigned:
                yield return T(" reassigned it from ");
                yield return new MentionRun(new UserId(e.OldValue ?? "?"));
                yield return T(" to ");
                yield return new MentionRun(new UserId(e.NewValue ?? "?"));
                break;
            case PromiseEventKind.BackupSet:
                yield return T(" set the backup to ");
                yield return new MentionRun(new UserId(e.NewValue ?? "?"));
                break;
            case PromiseEventKind.Completed:
                yield return T($" marked it {e.NewValue}");
                break;
            case PromiseEventKind.Paused:
                yield return T($" {e.NewValue?.Replace("paused", "paused it", StringComparison.Ordinal)}");
                break;
            case PromiseEventKind.Resumed when MovedByClock(e):
                yield return T($" resumed it; due moved from {EventInstant(e.OldValue, view)} to {EventInstant(e.NewValue, view)}");
                break;
            case PromiseEventKind.Resumed:
                yield return T(" resumed it");
                break;
            case PromiseEventKind.Cancelled:
                yield return T(" cancelled it");
                break;
            case PromiseEventKind.Broken:
                yield return T(" marked it broken");
                break;
            case PromiseEventKind.Reopened:
                yield return T($" reopened it (was {e.OldValue})");
                break;
            case PromiseEventKind.RecoveryNoted:
                yield return T(e.OldValue is null ? " wrote the recovery note" : " wrote a new recovery note");
                break;
            case PromiseEventKind.FeedbackRecorded:
                yield return T(FeedbackMessages.EventText(e));
                break;
            case PromiseEventKind.CreditEntered or PromiseEventKind.CreditIssued or PromiseEventKind.CreditWaived:
                yield return T(GuaranteeMessages.EventText(e));
                break;
            case PromiseEventKind.Recounted:
                yield return T($" changed what it counts on; due moved from {EventInstant(e.OldValue, view)} to {EventInstant(e.NewValue, view)}");
                break;
            case PromiseEventKind.OutcomeRecomputed:
                yield return T($" recomputed its outcome from its history: {e.OldValue} → {e.NewValue}");
                break;
            case PromiseEventKind.RiskChanged:
                yield return T($" set the risk flags to {e.NewValue} (were {e.OldValue})");
                break;
            case PromiseEventKind.ApprovalRequested or PromiseEventKind.ApprovalApproved or PromiseEventKind.ApprovalDeclined or PromiseEventKind.ApprovalStale:
                yield return T(Approvals.ApprovalMessages.EventText(e, stored => EventInstant(stored, view)));
                break;
            default:
                yield return T($" changed it from {e.OldValue} to {e.NewValue}");
                break;
        }

        if (AimRule.Of(e) is { } aim)
        {
            yield return T($" · aim {DueFormatter.FormatAbsolute(aim, view.Zone, view.Now)}");
        }

        // "paused it (waiting on customer)" already carries the reason; a free-text pause reason is the note itself.
        var pauseSaysWhy = e.Kind == PromiseEventKind.Paused && e.NewValue != PromiseTransitions.PauseText(PauseReason.Other) && IsBarePauseReason(e.Note);
        if (e.Note is { Length: > 0 } note && !pauseSaysWhy)
        {
            yield return T(" — ");
            yield return I(note);
        }
    }

    /// <summary>A resume that moved the due on by paused business time records the old and new due (else the pause and "open").</summary>
    private static bool MovedByClock(PromiseEvent e) =>
        e.Kind == PromiseEventKind.Resumed && NodaTime.Text.InstantPattern.General.Parse(e.OldValue ?? "").Success;

    /// <summary>"1 promise", "19 promises".</summary>
    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>How a change reads in a sentence (never an enum name: "backup set", not "backupset").</summary>
    public static string KindText(PromiseEventKind kind) => kind switch
    {
        PromiseEventKind.Created => "made",
        PromiseEventKind.Completed => "done",
        PromiseEventKind.Extended => "due date moved",
        PromiseEventKind.Paused => "paused",
        PromiseEventKind.Resumed => "resumed",
        PromiseEventKind.Assigned => "reassigned",
        PromiseEventKind.BackupSet => "backup set",
        PromiseEventKind.Cancelled => "cancelled",
        PromiseEventKind.Recounted => "due recounted",
        PromiseEventKind.Broken => "marked broken",
        PromiseEventKind.Reopened => "reopened",
        PromiseEventKind.OutcomeRecomputed => "outcome recomputed",
        PromiseEventKind.RecoveryNoted => "recovery note written",
        PromiseEventKind.FeedbackRecorded => "customer feedback recorded",
        PromiseEventKind.RiskChanged => "risk flags changed",
        PromiseEventKind.CreditEntered => "service credit entered",
        PromiseEventKind.CreditIssued => "service credit issued",
        PromiseEventKind.CreditWaived => "service credit waived",
        PromiseEventKind.ApprovalRequested => "approval requested",
        PromiseEventKind.ApprovalApproved => "request approved",
        PromiseEventKind.ApprovalDeclined => "request declined",
        PromiseEventKind.ApprovalStale => "request out of date",
        _ => "changed",
    };

    // "pause 5 waiting on customer" says no more than "paused (waiting on customer)"; "pause 5 customer sends logs
    // Monday" does, and that note is kept.
    private static bool IsBarePauseReason(string? note) =>
        note is null || BarePauseReasons.Contains(Whitespace.Collapse(note).TrimEnd('.').ToLowerInvariant());

    private static readonly HashSet<string> BarePauseReasons = new(StringComparer.Ordinal)
    {
        "customer", "waiting on customer", "waiting for customer", "waiting on the customer", "waiting for the customer",
        "vendor", "supplier", "waiting on vendor", "waiting for vendor", "waiting on the vendor", "waiting for the vendor",
        "waiting on supplier", "waiting for supplier", "waiting on the supplier", "waiting for the supplier",
    };

    /// <summary>Echoed user text with each <c>&lt;@U…&gt;</c> token as a real mention, never as raw markup.</summary>
    public static IReadOnlyList<TextRun> WithMentions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runs = new List<TextRun>();
        var last = 0;
        foreach (System.Text.RegularExpressions.Match m in MentionToken().Matches(text))
        {
            if (m.Index > last)
            {
                runs.Add(I(text[last..m.Index]));
            }

            runs.Add(new MentionRun(new UserId(m.Groups[1].Value)));
            last = m.Index + m.Length;
        }

        if (last < text.Length)
        {
            runs.Add(I(text[last..]));
        }

        return runs;
    }

    /// <summary>Text for a code sample: <c>&lt;@U1|dana&gt;</c> → <c>@dana</c>, <c>&lt;@U123ABC&gt;</c> → <c>@person</c>.</summary>
    public static string MentionsAsNames(string text) =>
        MentionToken().Replace(text, m => "@" + (m.Groups[2].Success && m.Groups[2].Value.Length > 0 ? m.Groups[2].Value : "person"));

    [System.Text.RegularExpressions.GeneratedRegex(@"<@([^|<>\s]+)(?:\|([^<>]*))?>", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex MentionToken();

    private static string EventInstant(string? stored, ReplyContext view) =>
        stored is not null && NodaTime.Text.InstantPattern.General.Parse(stored) is { Success: true } parsed
            ? DueFormatter.FormatAbsolute(parsed.Value, view.Zone, view.Now)
            : stored ?? "?";

    private static string ListTitle(ListFilter filter, ReplyContext view)
    {
        if (filter.All)
        {
            return "All promises in this workspace";
        }

        if (filter.Outcome is { } outcome)
        {
            var kind = outcome switch { Outcome.Kept => "Kept", Outcome.Late => "Late", _ => "Broken" };
            return kind + " promises" + (filter.Mine ? " you own or back up" : "") + (filter.User is null ? "" : " owned by that person")
                + (filter.Category is { } c ? " in #" + c : "");
        }

        if (filter.Risky)
        {
            return "Open promises at risk" + (filter.Mine ? " you own or back up" : "") + (filter.User is null ? "" : " owned by that person")
                + (filter.Category is { } rc ? " in #" + rc : "") + ", highest risk first";
        }

        if (filter.IsBare)
        {
            return view.Command.IsDirectMessage ? "Your open promises" : "Open promises made in this channel";
        }

        var parts = new List<string>();
        if (filter.Overdue)
        {
            parts.Add("overdue");
        }

        if (filter.DueSoon)
        {
            parts.Add("due in the next 48 hours");
        }

        var title = parts.Count == 0 ? "Open promises" : "Promises " + string.Join(" or ", parts);
        if (filter.Mine)
        {
            title += " you own or back up";
        }

        if (filter.User is not null)
        {
            title += " owned by that person";
        }

        if (filter.Category is { } category)
        {
            title += " in #" + category;
        }

        return title;
    }
}
