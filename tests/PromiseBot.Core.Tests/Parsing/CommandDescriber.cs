using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Parsing;

/// <summary>Renders a parsed command as one line, so parser tables read as "text => meaning".</summary>
internal static class CommandDescriber
{
    public static string Describe(ParsedCommand command, DateContext context) => command switch
    {
        CreatePromiseCommand c => $"create '{c.Title}' due {Due(c.Due, context)}"
            + (c.Customer is null ? "" : $" for '{c.Customer}'")
            + (c.Owner is null ? "" : $" owner {c.Owner}")
            + (c.Category is null ? "" : $" #{c.Category}"),
        ListPromisesCommand { Filter: var f } => "list"
            + (f.Mine ? " mine" : "")
            + (f.User is null ? "" : $" user={f.User}")
            + (f.Category is null ? "" : $" #{f.Category}")
            + (f.Overdue ? " overdue" : "")
            + (f.DueSoon ? " due" : "")
            + (f.All ? $" all page={f.Page}" : ""),
        ShowPromiseCommand s => $"show {s.Number}",
        CompletePromiseCommand d => $"done {d.Number}" + (d.Note is null ? "" : $" note='{d.Note}'"),
        ExtendPromiseCommand e => $"extend {e.Number} to {Due(e.NewDue, context)}" + (e.Reason is null ? "" : $" because '{e.Reason}'"),
        PausePromiseCommand p => $"pause {p.Number} {p.Reason} '{p.Note}'",
        ResumePromiseCommand r => $"resume {r.Number}",
        AssignPromiseCommand a => $"assign {a.Number} {a.NewOwner}",
        SetBackupCommand b => $"backup {b.Number} {b.Backup}",
        CancelPromiseCommand c => $"cancel {c.Number}" + (c.Reason is null ? "" : $" reason='{c.Reason}'"),
        HistoryCommand h => $"history {h.Number}",
        HelpCommand h => h.Topic is null ? "help" : $"help {h.Topic}",
        CommandError e => $"error[{e.Hint}]" + (e.Understood is null ? "" : $" understood={e.Understood}"),
        _ => command.ToString(),
    };

    /// <summary>Local wall-clock time; a trailing * marks a defaulted (end-of-business) time.</summary>
    private static string Due(ResolvedDue due, DateContext context) =>
        TestDates.Local(due.Due, context.Zone) + (due.TimeDefaulted ? "*" : "");
}
