using System.Globalization;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Retention;

/// <summary>What retention, <c>export all</c>, <c>forget</c> and <c>delete workspace data</c> answer, and <c>help retention</c>.</summary>
public static class DataLifecycleMessages
{
    /// <summary>The <c>config</c> line: "7 years after a promise is closed, then archived (export all) and deleted".</summary>
    public static string RetentionText(int years) =>
        $"{Years(years)} after a promise is closed; then it is moved to the retention archive (in export all) and deleted";

    /// <summary>Null when the asker is the workspace's manager; these commands need one to be set.</summary>
    public static Reply? RefuseUnlessManager(WorkspaceSettings settings, ParsedCommand command, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(view);
        var what = command switch
        {
            ExportAllCommand => "export the whole workspace",
            ForgetPersonCommand => "make the bot forget a person",
            _ => "delete the workspace's data",
        };
        if (settings.Manager is not { } manager)
        {
            var text = $"Only the workspace's manager can {what}, and none is set. Set one first.";
            return Reply.Private(ReplyTone.Warning, text, new TextBlock(new PlainRun(text)),
                new ContextBlock(new PlainRun("Try: "), new CodeRun(view.Cmd("config manager @you"))));
        }

        if (manager == view.Command.User)
        {
            return null;
        }

        return Reply.Private(
            ReplyTone.Warning,
            $"Only the workspace's manager can {what}.",
            new TextBlock(new PlainRun("Only the workspace's manager, "), new MentionRun(manager), new PlainRun($", can {what}. Nothing was changed.")));
    }

    public static Reply Exported(WorkspaceId workspace, Instant now, IReadOnlyList<WorkspaceTable> tables, IReadOnlyList<RetentionArchive> archives, byte[] zip)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(archives);
        var promises = tables.FirstOrDefault(t => t.Name == "promises")?.Rows.Count ?? 0;
        var archived = archives.Sum(a => a.Promises);
        var summary = $"Export of the whole workspace: {PromiseMessages.Plural(promises, "promise")}, {PromiseMessages.Plural(tables.Count, "table")}"
            + (archives.Count > 0 ? $", and {PromiseMessages.Plural(archived, "archived promise")}" : "");
        var file = new FileBlock(
            FileName(workspace, now),
            FileBlock.Zip,
            "Everything of this workspace",
            "A zip file: manifest.json, one CSV file per table (promises, their history, feedback, recovery notes, guarantees, credits, approvals, calendars, holidays, targets and settings) and the retention archive as JSON.",
            zip);
        return Reply.Private(
            ReplyTone.Info,
            summary,
            new HeaderBlock("Export of the whole workspace"),
            new TextBlock(new PlainRun(summary + ". Private to you; keep it safe, it holds everyone's records.")),
            new ContextBlock(new PlainRun("Times are UTC Unix milliseconds, as stored; manifest.json lists every file with its rows.")),
            file);
    }

    /// <summary>"promisebot-T0123ABC-2026-11-23.zip": letters, digits and dashes only.</summary>
    public static string FileName(WorkspaceId workspace, Instant now)
    {
        var safe = new string([.. workspace.Value.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return "promisebot-" + safe + "-" + now.InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".zip";
    }

    public static Reply AlreadyForgotten(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        const string Text = "That is already a pseudonym: there is nobody left to forget.";
        return Reply.Private(ReplyTone.Info, Text, new TextBlock(new PlainRun(Text)));
    }

    public static Reply ForgetPreview(ForgetPersonCommand forget, UserId pseudonym, PersonFootprint footprint, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(forget);
        ArgumentNullException.ThrowIfNull(footprint);
        ArgumentNullException.ThrowIfNull(view);
        return Reply.Private(
            ReplyTone.Warning,
            "Forget this person? Nothing is changed until you confirm.",
            new TextBlock(
                new PlainRun("Forgetting "), new MentionRun(forget.Person),
                new PlainRun($" replaces their id{(forget.Name is null ? "" : " and name")} with {pseudonym.Value} in every record of this workspace: "
                    + $"{PromiseMessages.Plural(footprint.Promises, "promise")} and {PromiseMessages.Plural(footprint.Events, "history event")} name them now, "
                    + "and their settings, notes, credits, approvals and the retention archive are changed too. The promises themselves stay. "
                    + "Messages still waiting to be sent to them are dropped. This cannot be undone.")),
            new ContextBlock(new PlainRun("To go ahead, type "), new CodeRun(view.Cmd("forget")), new PlainRun(" "), new MentionRun(forget.Person), new PlainRun(" "),
                new CodeRun("confirm")));
    }

    public static Reply Forgotten(UserId pseudonym, int changed)
    {
        var text = $"Forgotten: that person is {pseudonym.Value} in every record of this workspace now ({PromiseMessages.Plural(changed, "record")} changed). Their promises stay.";
        return Reply.Private(ReplyTone.Success, text, new TextBlock(new PlainRun(text)));
    }

    public static Reply DeletePreview(WorkspaceId workspace, int retentionYears, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Reply.Private(
            ReplyTone.Warning,
            "Delete every record of this workspace? Nothing is deleted until you type its id.",
            new TextBlock(new PlainRun(
                "This deletes every promise of this workspace with its history, feedback, recovery notes, guarantees, credits, approvals, calendars, "
                + $"targets, digests, report schedules, settings and the retention archive, for good. Without it, records are kept {Years(retentionYears)} after each promise closed "
                + "(config retention). Run export all first if you may need them. This cannot be undone.")),
            new ContextBlock(new PlainRun("To go ahead, type the workspace's id: "), new CodeRun(view.Cmd("delete workspace data " + workspace.Value))));
    }

    public static Reply DeleteMismatch(WorkspaceId workspace, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        const string Text = "That is not this workspace's id, so nothing was deleted.";
        return Reply.Private(ReplyTone.Error, Text, new TextBlock(new PlainRun(Text)),
            new ContextBlock(new PlainRun("To delete everything of this workspace: "), new CodeRun(view.Cmd("delete workspace data " + workspace.Value))));
    }

    public static Reply Deleted(int rows)
    {
        var text = $"Deleted every record of this workspace ({PromiseMessages.Plural(rows, "row")}). PromiseBot starts again from promise 1 here.";
        return Reply.Private(ReplyTone.Success, text, new TextBlock(new PlainRun(text)));
    }

    public static Reply Help(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ReplyBlock Line(string usage, string what) => new TextBlock(new CodeRun(view.Cmd(usage)), new PlainRun("  " + what));
        return Reply.Private(
            ReplyTone.Info,
            "Retention, export and erasure",
            [
                new HeaderBlock("Retention, export and erasure"),
                new TextBlock(new PlainRun($"Closed promises are kept {Years(RetentionRule.DefaultYears)} (at least 1), then a daily job moves them, with their history, feedback, notes and credits, to the workspace's retention archive and deletes them.")),
                Line("config retention 7 years", "how long closed promises are kept (config shows it)"),
                Line("export all", "manager: everything of the workspace as a zip of CSV and JSON files, private to you"),
                Line("forget @someone", "manager: replace a person's id and name with a pseudonym in every record (asks you to confirm)"),
                Line("delete workspace data", "manager: delete every record of the workspace (asks you to type its id)"),
            ]);
    }

    private static string Years(int years) => years == 1 ? "1 year" : years.ToString(CultureInfo.InvariantCulture) + " years";
}
