using PromiseBot.Core.Commands.Parsing;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary>
/// The command grammar, shared by Slack and Teams: adapters hand over the message text with mentions in the neutral
/// <c>&lt;@ID&gt;</c> / <c>&lt;@ID|label&gt;</c> form. Verbs are case-insensitive. Mistakes come back as
/// <see cref="CommandError"/> with an example that works; nothing here throws on user input.
/// </summary>
public sealed class CommandParser(IDueDateParser dates)
{
    /// <summary>Longer messages are refused before any parsing.</summary>
    public const int MaxLength = 2000;

    /// <summary>Reads one message. Empty text is a request for help; text over 2,000 characters or with control
    /// characters is refused; a text that is not a verb is read as a new promise if it ends with a due date.</summary>
    public ParsedCommand Parse(string text, DateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        text ??= "";
        if (text.Length > MaxLength)
        {
            return new CommandError($"That message is {text.Length:N0} characters long; I read at most {MaxLength:N0}.", null, Usage.Help);
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return new CommandError("That message contains control characters I can't read; please type it again as plain text.", null, Usage.Help);
            }
        }

        var normalized = CommandText.Normalize(text);
        if (normalized.Length == 0)
        {
            return new HelpCommand(null);
        }

        var tokens = CommandText.Tokenize(normalized);
        var verb = normalized.Span(tokens[0]).ToString().ToLowerInvariant();
        return verb switch
        {
            "add" => ParseAdd(normalized, tokens, context),
            "list" => ParseList(normalized, tokens, context),
            "report" => ParseReport(normalized, tokens, context),
            "export" => ParseExport(normalized, tokens, context),
            "show" => Numbered(normalized, tokens, context, Usage.Show, (n, _) => new ShowPromiseCommand(n), allowsText: false),
            "done" => Numbered(normalized, tokens, context, Usage.Done, (n, rest) => new CompletePromiseCommand(n, rest)),
            "extend" => Numbered(normalized, tokens, context, Usage.Extend, (n, rest) => ParseExtend(n, rest, context), mayStartPromise: false),
            "pause" => Numbered(normalized, tokens, context, Usage.Pause, ParsePause),
            "resume" => Numbered(normalized, tokens, context, Usage.Resume, (n, _) => new ResumePromiseCommand(n), allowsText: false),
            "assign" => Numbered(normalized, tokens, context, Usage.Assign, (n, rest) => ParseMention(rest, Usage.Assign, u => new AssignPromiseCommand(n, u))),
            "backup" => Numbered(normalized, tokens, context, Usage.Backup, (n, rest) => ParseMention(rest, Usage.Backup, u => new SetBackupCommand(n, u))),
            "cancel" => Numbered(normalized, tokens, context, Usage.Cancel, (n, rest) => new CancelPromiseCommand(n, rest)),
            "broken" => Numbered(normalized, tokens, context, Usage.Broken, (n, rest) => new BrokenPromiseCommand(n, rest)),
            "reopen" => Numbered(normalized, tokens, context, Usage.Reopen, (n, rest) => new ReopenPromiseCommand(n, rest)),
            "recompute" => ParseRecompute(normalized, tokens, context),
            "feedback" => Numbered(normalized, tokens, context, Usage.Feedback, (n, rest) => FeedbackParser.StartsWithNumber(rest)
                ? FeedbackParser.Parse(n, rest) // "feedback 12 4/10" is a refused score, never a promise due on 4 October
                : MaybePromise(normalized, context, FeedbackParser.Parse(n, rest))),
            "update" => Numbered(normalized, tokens, context, Usage.CustomerUpdate, (n, rest) => rest is null
                ? new DraftCustomerUpdateCommand(n)
                : MaybePromise(normalized, context, new CommandError($"\"update\" takes just a promise number, like \"{Usage.CustomerUpdate}\".", null, Usage.CustomerUpdate))),
            "history" => Numbered(normalized, tokens, context, Usage.History, (n, _) => new HistoryCommand(n), allowsText: false),
            "help" => ParseHelp(normalized, tokens, context),
            "ack" => Numbered(normalized, tokens, context, Usage.Ack, (n, _) => new AcknowledgeCommand(n), allowsText: false),
            "digest" => ScheduleParser.ParseDigest(normalized, tokens) ?? CreateOrUsage(normalized, context, Usage.Digest),
            "config" when tokens.Count > 1 && normalized.Is(tokens[1], "currency") => GuaranteeParser.ParseCurrency(CommandText.Rest(normalized, tokens, 2)),
            "config" => ScheduleParser.ParseConfig(normalized, tokens) ?? CreateOrUsage(normalized, context, Usage.Config),
            "guarantee" => GuaranteeParser.Parse(normalized, tokens) ?? CreateOrUsage(normalized, context, GuaranteeParser.TierUsage),
            "credit" => Numbered(normalized, tokens, context, GuaranteeParser.IssueUsage, GuaranteeParser.ParseDecision),
            "credits" => GuaranteeParser.ParseCredits(CommandText.Rest(normalized, tokens, 1), context)
                ?? CreateOrUsage(normalized, context, GuaranteeParser.CreditsUsage),
            "calendar" => CalendarParser.Parse(normalized, tokens) ?? CreateOrUsage(normalized, context, Usage.Calendar),
            "sla" => SlaParser.Parse(normalized, tokens) ?? CreateOrUsage(normalized, context, Usage.Sla),
            // Read from the text as typed: its parts may be separated by new lines.
            "recover" => RecoverParser.Parse(text) ?? CreateOrWhich(normalized, context, RecoverParser.Usage),
            "risk" or "risks" => Numbered(normalized, tokens, context, RiskParser.Usage, RiskParser.ParseRisk),
            "away" => RiskParser.ParseAway(normalized, tokens, context) ?? CreateOrUsage(normalized, context, RiskParser.AwayUsage),
            "use" => Numbered(normalized, tokens, context, "extend 12 to Friday 5pm", (n, rest) => FeedbackParser.StartsWithNumber(rest)
                ? RiskParser.ParseUse(n, rest) // "use 12 3 …" is the suggestion button's, never a promise
                : MaybePromise(normalized, context, RiskParser.ParseUse(n, rest))),
            "suggest" => RiskParser.ParseSuggest(normalized, tokens) ?? CreateOrUsage(normalized, context, RiskParser.SuggestUsage),
            "apology" => Numbered(normalized, tokens, context, RecoverParser.ApologyUsage, (n, _) => new ApologyCommand(n), allowsText: false),
            "authority" => Approvals.AuthorityParser.Parse(normalized, tokens) ?? CreateOrUsage(normalized, context, Approvals.AuthorityParser.Usage),
            "approve" => Numbered(normalized, tokens, context, Approvals.AuthorityParser.ApproveUsage, (n, _) => new Approvals.ApproveCommand(n.Value), allowsText: false),
            "decline" => Numbered(normalized, tokens, context, Approvals.AuthorityParser.DeclineUsage, (n, rest) => new Approvals.DeclineCommand(n.Value, Approvals.AuthorityParser.Reason(rest))),
            "forget" => DataParser.ParseForget(normalized, tokens) ?? CreateOrUsage(normalized, context, DataParser.ForgetUsage),
            "delete" => DataParser.ParseDelete(normalized, tokens) ?? CreateOrUnknown(normalized, context),
            "approvals" => tokens.Count == 1 ? new Approvals.ListApprovalsCommand() : CreateOrUsage(normalized, context, "approvals"),
            "admin" => AdminParser.Parse(normalized, tokens) ?? CreateOrUsage(normalized, context, AdminParser.Usage),
            _ => CreateOrUnknown(normalized, context),
        };
    }

    /// <summary>
    /// A new promise, with the trailing clauses it ends in, in either order: risk flags (<see cref="RiskParser.SplitClause"/>)
    /// and a guarantee (<see cref="GuaranteeParser.Split"/>), and its aim when it has one (<see cref="AimParser"/>); null
    /// when no due date reads. A risk clause naming an unknown flag is refused only when the text does not read as a
    /// promise without it being a clause.
    /// </summary>
    private ParsedCommand? ParseCreate(string text, DateContext context) => ParseCreate(text, context, clauses: 2);

    private ParsedCommand? ParseCreate(string text, DateContext context, int clauses)
    {
        CommandError? riskError = null;
        if (clauses > 0 && RiskParser.SplitClause(text, out riskError) is { } split)
        {
            var flagged = ParseCreate(split.Body, context, clauses - 1) ?? CreateParser.ParseUndated(split.Body);
            return flagged switch
            {
                CreatePromiseCommand create => create with { Risk = create.Risk.Change(split.Flags, Risk.RiskFlagSet.None) },
                CreateFromTargetCommand undated => undated with { Risk = undated.Risk.Change(split.Flags, Risk.RiskFlagSet.None) },
                _ => flagged,
            };
        }

        // "… guarantee premium value $2,400": the words before it must be a whole promise, else "guarantee" is a word
        // of the title ("Send the guarantee terms to Acme by Friday").
        if (clauses > 0 && GuaranteeParser.Split(text) is var (body, clause, phrase)
            && (ParseCreate(body, context, clauses - 1) ?? CreateParser.ParseUndated(body)) is { } promise and not CommandError)
        {
            return (clause, promise) switch
            {
                (null, _) => GuaranteeParser.ClauseProblem(phrase),
                (_, CreatePromiseCommand dated) => dated with { Guarantee = clause },
                (_, CreateFromTargetCommand undated) => undated with { Guarantee = clause },
                _ => promise,
            };
        }

        var parsed = ParseUnguaranteed(text, context);
        return riskError is not null && parsed is not CreatePromiseCommand && CreateParser.ParseUndated(text) is null ? riskError : parsed;
    }

    private ParsedCommand? ParseUnguaranteed(string text, DateContext context) =>
        AimParser.Parse(text, context, dates, body => CreateParser.Parse(body, context, dates) ?? CreateParser.ParseUndated(body))
        ?? CreateParser.Parse(text, context, dates);

    private ParsedCommand ParseAdd(string text, List<Token> tokens, DateContext context)
    {
        var body = CommandText.Rest(text, tokens, 1);
        if (body is null)
        {
            return new CommandError("What's the promise? Say what you will do and by when.", null, Usage.Create);
        }

        return ParseCreate(body, context)
            ?? (ParsedCommand?)CreateParser.ParseUndated(body)
            ?? new CommandError($"I couldn't find a due date in \"{CommandText.Excerpt(body)}\". End the promise with when it is due.", null, Usage.Create);
    }

    /// <summary>Anything that is not a verb is a promise if it ends with a due date.</summary>
    private ParsedCommand CreateOrUnknown(string text, DateContext context) =>
        ParseCreate(text, context)
        ?? (ParsedCommand?)CreateParser.ParseUndated(text)
        ?? new CommandError(
            $"I couldn't find a due date in \"{CommandText.Excerpt(text)}\". To record a promise, end it with when it is due. Other commands: {Usage.Verbs}.",
            null,
            Usage.Create);

    /// <summary>"Digest the logs by Friday" is a promise; "digest sometimes" is a mistake with the verb's usage.</summary>
    // "recompute outcomes" (or "recompute outcome"); anything else is a promise that starts with "recompute", or a usage hint.
    private ParsedCommand ParseRecompute(string text, List<Token> tokens, DateContext context) =>
        CommandText.Rest(text, tokens, 1)?.Trim().TrimEnd('.', '!').ToLowerInvariant() is "outcomes" or "outcome"
            ? new RecomputeOutcomesCommand()
            : CreateOrUsage(text, context, Usage.Recompute);

    private ParsedCommand CreateOrUsage(string text, DateContext context, string usage) =>
        ParseCreate(text, context) as CreatePromiseCommand
        ?? (ParsedCommand)new CommandError($"I didn't understand \"{CommandText.Excerpt(text)}\".", null, usage);

    /// <summary>"Recover the backup server by Friday" is a promise; "recover cause vendor" forgot the number.</summary>
    private ParsedCommand CreateOrWhich(string text, DateContext context, string usage) =>
        CreateParser.Parse(text, context, dates) as CreatePromiseCommand
        ?? (ParsedCommand)new CommandError($"Which promise? Give its number, like \"{usage}\".", null, usage);

    private ParsedCommand ParseReport(string text, List<Token> tokens, DateContext context)
    {
        if (ReportParser.ParseSchedule(text, tokens, out var strayWord) is { } schedule)
        {
            // "Report weekly on sales to Acme by Friday" is a promise; "report weekly on someday" a schedule mistake.
            return strayWord && ParseCreate(text, context) is CreatePromiseCommand promise ? promise : schedule;
        }

        var parsed = ReportParser.Parse(text, tokens, out var unknown);
        if (parsed is not null)
        {
            return parsed;
        }

        // "Report the outage to Acme by Friday" is a promise, not a report; "report weekly" wants the schedule.
        if (ParseCreate(text, context) is CreatePromiseCommand titled)
        {
            return titled;
        }

        if (unknown!.ToLowerInvariant() is "weekly" or "monthly")
        {
            var cadence = unknown.ToLowerInvariant();
            return new CommandError(
                $"To post the report to this channel {(cadence == "weekly" ? "every week" : "every month")}, turn it on: \"report {cadence} on\" (then \"report settings\" shows when it posts).",
                null, cadence == "weekly" ? Usage.ReportWeekly : Usage.ReportMonthly);
        }

        return new CommandError(
                $"I can't report on \"{CommandText.Excerpt(unknown!)}\". Periods: week, last week, month, last month, quarter, last 30 days, 1 Nov to 15 Nov; then #category, @person or for a customer.",
                null, Usage.Report);
    }

    private ParsedCommand ParseExport(string text, List<Token> tokens, DateContext context)
    {
        if (tokens.Count == 2 && text.Is(tokens[1], "all"))
        {
            return new ExportAllCommand();
        }

        var parsed = ExportParser.Parse(text, tokens, out var unknown);
        if (parsed is not null)
        {
            return parsed;
        }

        // "Export the invoices to Acme by Friday" is a promise, not an export.
        return ParseCreate(text, context) as CreatePromiseCommand
            ?? (ParsedCommand)new CommandError(
                $"I can't export \"{CommandText.Excerpt(unknown!)}\". Periods: week, last week, month, last month, quarter, last 30 days, 1 Nov to 15 Nov; then #category.",
                null, Usage.Export);
    }

    private ParsedCommand ParseList(string text, List<Token> tokens, DateContext context)
    {
        var parsed = ListParser.Parse(text, tokens, out var unknown);
        if (parsed is not null)
        {
            return parsed;
        }

        // "List the new SKUs for Acme by Friday" is a promise, not a filter.
        return ParseCreate(text, context) as CreatePromiseCommand
            ?? (ParsedCommand)new CommandError($"I can't filter by \"{CommandText.Excerpt(unknown!)}\". Filters: {Usage.ListFilters}.", null, Usage.List);
    }

    private ParsedCommand ParseHelp(string text, List<Token> tokens, DateContext context)
    {
        if (tokens.Count == 1)
        {
            return new HelpCommand(null);
        }

        if (tokens.Count > 2 && ParseCreate(text, context) is CreatePromiseCommand create)
        {
            return create; // "Help Dana with onboarding by Friday"
        }

        return new HelpCommand(CommandText.Rest(text, tokens, 1)!.ToLowerInvariant());
    }

    /// <summary>
    /// The verbs that take a promise number. A verb followed by something other than a number may be the first word
    /// of a promise ("Show the demo to Acme on Friday"); if no due date reads either, the verb's usage is the answer.
    /// Not for "extend": its own grammar ends in a date, so "extend to Friday" is a forgotten number, not a promise.
    /// </summary>
    private ParsedCommand Numbered(
        string text, List<Token> tokens, DateContext context, string usage, Func<PromiseNumber, string?, ParsedCommand> build, bool allowsText = true, bool mayStartPromise = true)
    {
        var verb = text.Span(tokens[0]).ToString().ToLowerInvariant();
        if (tokens.Count < 2 || !CommandText.TryNumber(text.Span(tokens[1]), out var number))
        {
            var create = mayStartPromise ? ParseCreate(text, context) as CreatePromiseCommand : null;
            return create ?? (ParsedCommand)new CommandError($"Which promise? Give its number, like \"{usage}\".", null, usage);
        }

        var rest = CommandText.Rest(text, tokens, 2);
        if (!allowsText && rest is not null)
        {
            return new CommandError($"\"{verb}\" takes just a promise number, like \"{usage}\".", null, usage);
        }

        return build(number, rest);
    }

    /// <summary>"Feedback 3 designs to Acme by Friday" and "Update 12 product pages by Monday" are promises; without a
    /// due date the verb's own reading (or refusal) stands.</summary>
    private ParsedCommand MaybePromise(string text, DateContext context, ParsedCommand reading) =>
        reading is CommandError && CreateParser.Parse(text, context, dates) is CreatePromiseCommand create ? create : reading;

    private ParsedCommand ParseExtend(PromiseNumber number, string? rest, DateContext context)
    {
        if (rest is null)
        {
            return new CommandError("Extend to when?", null, Usage.Extend);
        }

        string? reason = null;
        var because = IndexOfWord(rest, "because");
        if (because >= 0)
        {
            reason = rest[(because + "because".Length)..].Trim();
            reason = reason.Length == 0 ? null : reason;
            rest = rest[..because].TrimEnd();
        }

        if (rest.StartsWith("to ", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[3..];
        }

        if (rest.Length == 0 || rest.Equals("to", StringComparison.OrdinalIgnoreCase))
        {
            return new CommandError("Extend to when?", null, Usage.Extend);
        }

        return dates.Parse(rest, context) switch
        {
            DueDateResult.Ok ok => new ExtendPromiseCommand(number, ok.Value, reason),
            DueDateResult.Refused refused => new CommandError(refused.Message, refused.Understood, Usage.Extend, refused.Problem),
            _ => throw new InvalidOperationException("Unknown due date result."),
        };
    }

    private static ParsedCommand ParsePause(PromiseNumber number, string? note)
    {
        if (note is null)
        {
            return new CommandError("Why is it paused? Say what you are waiting for.", null, Usage.Pause);
        }

        var lower = note.ToLowerInvariant();
        var reason = StartsWithAny(lower, "customer", "waiting on customer", "waiting for customer", "waiting on the customer", "waiting for the customer")
            ? PauseReason.WaitingOnCustomer
            : StartsWithAny(lower, "vendor", "supplier", "waiting on vendor", "waiting for vendor", "waiting on the vendor", "waiting for the vendor",
                "waiting on supplier", "waiting for supplier", "waiting on the supplier", "waiting for the supplier")
                ? PauseReason.WaitingOnVendor
                : PauseReason.Other;
        return new PausePromiseCommand(number, reason, note);
    }

    private static ParsedCommand ParseMention(string? rest, string usage, Func<UserId, ParsedCommand> build)
    {
        if (rest is null || !CommandText.TryMention(rest, out var user))
        {
            return new CommandError("Who? Mention exactly one person.", null, usage);
        }

        return build(user);
    }

    private static bool StartsWithAny(string text, params ReadOnlySpan<string> prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal) && (text.Length == prefix.Length || !char.IsAsciiLetterOrDigit(text[prefix.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOfWord(string text, string word)
    {
        for (var i = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(word, i + 1, StringComparison.OrdinalIgnoreCase))
        {
            var startsWord = i == 0 || text[i - 1] == ' ';
            var endsWord = i + word.Length == text.Length || text[i + word.Length] == ' ';
            if (startsWord && endsWord)
            {
                return i;
            }
        }

        return -1;
    }
}
