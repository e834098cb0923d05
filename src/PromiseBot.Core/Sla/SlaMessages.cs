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
        blocks.AddRange(targets.Select(t => (ReplyBlock)new TextBlock(new BoldRun("#" + t.Target.Category), new PlainRun(" · within " + Describe(t.Target, t.Calendar)))));
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
                Line("Reply to Acme about the outage #support", "a promise without a date in a category with a target is due by the target"),
                new ContextBlock(new PlainRun("Once a manager is set (config manager @person), only the manager may change targets; anyone may look.")),
            ]);
    }
}
