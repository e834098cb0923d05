using PromiseBot.Core.Calendars;
using PromiseBot.Core.Messages;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Sla;

/// <summary>The neutral replies of the <c>sla</c> commands and of promises whose due comes from a target.</summary>
public static class SlaMessages
{
    /// <summary>"4 business hours on uk-support (Mon–Fri 09:00–17:00)".</summary>
    public static string Describe(SlaTarget target, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(calendar);
        return target.Amount.Describe() + (calendar.IsDefault ? "" : " on " + calendar.Name) + " (" + calendar.Describe() + ")";
    }

    public static Reply List(IReadOnlyList<(SlaTarget Target, BusinessCalendar Calendar)> targets, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(view);
        if (targets.Count == 0)
        {
            return Reply.Private(
                ReplyTone.Info,
                "No service-level targets yet.",
                new TextBlock(new PlainRun("No category has a service-level target yet. Set one with "), new CodeRun(view.Cmd("sla #support 4 business hours")), new PlainRun(".")));
        }

        var blocks = new List<ReplyBlock> { new HeaderBlock("Service-level targets") };
        blocks.AddRange(targets.Select(t => (ReplyBlock)new TextBlock(new BoldRun("#" + t.Target.Category), new PlainRun(" · within " + Describe(t.Target, t.Calendar)
            + " · warns " + WarningsText(t.Target.Warnings) + " · clock stops " + PauseOnText(t.Target.PauseOn)))));
        blocks.Add(new ContextBlock(new PlainRun("A promise in one of these categories made without a date is due by its target.")));
        return Reply.Private(ReplyTone.Info, $"{targets.Count} service-level target(s).", [.. blocks]);
    }

    public static Reply Set(SlaTarget target, BusinessCalendar calendar, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var text = $"#{target.Category}: within {Describe(target, calendar)}.";
        return Reply.Private(
            ReplyTone.Success,
            text,
            new TextBlock(new BoldRun("#" + target.Category), new PlainRun(" promises are now due within " + Describe(target, calendar) + ".")),
            new ContextBlock(new PlainRun("Make one without a date: "), new CodeRun(view.Cmd($"Reply to Acme about the outage #{target.Category}"))));
    }

    /// <summary>"2 h 30 min", "45 min", "3 h" (whole minutes; business time or wall time alike).</summary>
    public static string DurationText(NodaTime.Duration duration)
    {
        var minutes = (long)Math.Round(duration.TotalMinutes);
        return minutes < 60 ? $"{minutes} min" : minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min";
    }

    /// <summary>Why a promise was paused, as the history's resume line says it: "waiting on customer", "waiting on vendor", "paused".</summary>
    public static string WaitingText(Promises.PauseReason reason) => reason switch
    {
        Promises.PauseReason.WaitingOnCustomer => "waiting on customer",
        Promises.PauseReason.WaitingOnVendor => "waiting on vendor",
        _ => "paused",
    };

    /// <summary>"when waiting on the customer", "when waiting on the customer or a vendor", "for no pause".</summary>
    public static string PauseOnText(IReadOnlyList<Promises.PauseReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var words = reasons.Select(r => r == Promises.PauseReason.WaitingOnCustomer ? "the customer" : "a vendor").ToList();
        return words.Count == 0 ? "for no pause" : "when waiting on " + string.Join(" or ", words);
    }

    /// <summary>"at 50% and 75% of the target", "at 75% of the target", "only at the breach".</summary>
    public static string WarningsText(IReadOnlyList<int> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        return warnings.Count == 0 ? "only at the breach" : "at " + string.Join(" and ", warnings.Select(w => w + "%")) + " of the target";
    }

    /// <summary>The reply to <c>sla #x buffer 25%</c> (or <c>buffer default</c>).</summary>
    public static Reply BufferSet(SlaTarget target, int workspaceBuffer, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(view);
        var share = target.Buffer ?? workspaceBuffer;
        var whose = target.Buffer is null ? $"the workspace's buffer ({workspaceBuffer}%, {view.Cmd("config buffer")})" : $"a {share}% buffer";
        return Reply.Private(
            ReplyTone.Success,
            $"#{target.Category}: buffer {share}%.",
            new TextBlock(new BoldRun("#" + target.Category), new PlainRun($" promises made from now on aim {whose} of their business time before the deadline.")),
            new ContextBlock(new PlainRun("Reminders and the at-risk warning count toward the aim; the breach is the deadline. Open promises keep their aims.")));
    }

    public static Reply WarningsSet(SlaTarget target, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(view);
        var who = target.Warnings.Count switch
        {
            0 => "Owner, backup and manager hear of a breach; there are no warnings before it.",
            1 => "The owner and the backup are warned then (\"at risk\"); owner, backup and manager hear of a breach.",
            _ => "The owner is warned first, then the owner and the backup (\"at risk\"); owner, backup and manager hear of a breach.",
        };
        return Reply.Private(
            ReplyTone.Success,
            $"#{target.Category}: warnings {WarningsText(target.Warnings)}.",
            new TextBlock(new BoldRun("#" + target.Category), new PlainRun($" promises now warn {WarningsText(target.Warnings)}, counted in business time, only while the calendar is open.")),
            new ContextBlock(new PlainRun(who)));
    }

    public static Reply PauseOnSet(SlaTarget target, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(view);
        return Reply.Private(
            ReplyTone.Success,
            $"#{target.Category}: the clock stops {PauseOnText(target.PauseOn)}.",
            new TextBlock(new BoldRun("#" + target.Category), new PlainRun($" promises' clock now stops {PauseOnText(target.PauseOn)}: the business time paused is added to the due on resume.")),
            new ContextBlock(new PlainRun("Pause one: "), new CodeRun(view.Cmd("pause 12 waiting on customer"))));
    }

    /// <summary>Adds how many open promises a change moved to its reply (nothing when the bot cannot recount).</summary>
    public static Reply WithRecount(Reply reply, int? moved)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (moved is not { } count)
        {
            return reply;
        }

        var text = count switch
        {
            0 => "No open promise's due moved.",
            1 => "1 open promise's due moved; its history says from when to when.",
            _ => $"{count} open promises' dues moved; each one's history says from when to when.",
        };
        return reply with { Blocks = [.. reply.Blocks, new ContextBlock(new PlainRun(text))] };
    }

    public static Reply Off(string category, bool had, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return had
            ? Reply.Private(ReplyTone.Success, $"#{category} has no target any more.", new TextBlock(new BoldRun("#" + category), new PlainRun(" has no service-level target any more; its open promises keep their due dates.")))
            : Reply.Private(ReplyTone.Info, $"#{category} had no target.", new TextBlock(new BoldRun("#" + category), new PlainRun(" had no service-level target. See them with "), new CodeRun(view.Cmd("sla")), new PlainRun(".")));
    }

    public static Reply Help(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ReplyBlock Line(string usage, string what) => new TextBlock(new CodeRun(view.Cmd(usage)), new PlainRun("  " + what));
        return Reply.Private(
            ReplyTone.Info,
            "Service-level commands",
            [
                new HeaderBlock("Service levels: targets per category, in business time"),
                Line("sla", "the targets"),
                Line("sla #support 4 business hours", "promises in #support are due within 4 business hours of the default calendar"),
                Line("sla #urgent 1 business hour calendar 24-7", "counted on a named calendar (see help calendar)"),
                Line("sla #quotes 2 business days", "business days keep the time of day"),
                Line("sla #support off", "no target any more; open promises keep their due dates"),
                Line("sla #support warn 50%,75%", "warn the owner at 50% of the business time, owner and backup at 75% (the default); warn off for none"),
                Line("sla #support buffer 25%", "aim this category's promises 25% of their business time before the deadline (buffer default: the workspace's, config buffer)"),
                Line("sla #support pause-on customer,vendor", "which pauses stop the clock (default: customer; none allowed)"),
                Line("pause 12 waiting on customer", "stops the clock of a promise counted in business time; resume 12 moves its due on by the paused business time"),
                Line("Reply to Acme about the outage #support", "a promise without a date in a category with a target is due by the target"),
                new ContextBlock(new PlainRun("Changing a target, or the calendar it counts on, recounts its open promises (each gets a history line). Once a manager is set (config manager @person), only the manager may change targets; anyone may look.")),
            ]);
    }
}
