using NodaTime;
using PromiseBot.Core.Commands.Parsing;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary>
/// The rules of the typed <c>add</c> command for forms (the Slack modal, the Teams card, the playground form): the
/// same limits, so a promise made by form could also have been typed. Each check returns a friendly problem, or null
/// when the value is fine; <see cref="CheckAsync"/> runs them all, so every surface refuses the same things.
/// </summary>
public static class PromiseForm
{
    public const int MaxTitle = CreateParser.MaxTitle;
    public const int MaxCustomer = CreateParser.MaxCustomer;
    public const int MaxCategory = CommandText.MaxCategoryLength;

    public static string? TitleProblem(string? title)
    {
        var trimmed = Whitespace.Collapse(title ?? string.Empty);
        return trimmed.Length == 0 ? "Say what was promised."
            : trimmed.Length > MaxTitle ? $"Keep it to {MaxTitle} characters (this is {trimmed.Length})."
            : null;
    }

    public static string? CustomerProblem(string? customer) =>
        customer is not null && Whitespace.Collapse(customer).Length > MaxCustomer ? $"Keep it to {MaxCustomer} characters." : null;

    public static string? DueProblem(Instant due, Instant now) =>
        due <= now ? "That moment has already passed: pick a later date or time." : null;

    /// <summary>A picked date must be in the future and, like a typed one, within two years.</summary>
    public static string? DueProblem(Instant due, Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DueProblem(due, now) ?? (Dates.DueResolution.Accept("the date", due, false, new Dates.DateContext(now, zone)) is Dates.DueDateResult.Refused
            ? $"That is more than {Dates.DueResolution.MaxYearsAhead} years away: pick a date within {Dates.DueResolution.MaxYearsAhead} years."
            : null);
    }

    public const string BackupIsOwner = "Pick someone other than the owner.";

    /// <summary>The owner and the backup are two people (the backup covers when the owner cannot).</summary>
    /// <summary>The longest aim a form takes, in characters (a phrase like "Thursday noon", never a paragraph).</summary>
    public const int MaxAimText = 200;

    /// <summary>
    /// A form's optional aim, typed as free text ("Thursday noon", "in 3 business hours") and read like a typed due in
    /// the person's zone; empty: the default aim (null, no problem). Whether it fits before the due is
    /// <see cref="CheckAsync"/>'s rule. One reader for every surface's aim field.
    /// </summary>
    public static (ResolvedDue? Aim, string? Problem) ReadAim(string? text, IDueDateParser dates, Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var phrase = Whitespace.Collapse(text);
        if (phrase.Length > MaxAimText)
        {
            return (null, $"Keep the aim to a date and time, like \"Thursday noon\" ({MaxAimText} characters at most).");
        }

        return dates.Parse(phrase, new DateContext(now, zone)) switch
        {
            DueDateResult.Ok ok => (ok.Value, null),
            DueDateResult.Refused refused => (null, refused.Message),
            _ => (null, "I couldn't read that aim. Try \"Thursday noon\", or leave it empty for the default."),
        };
    }

    /// <summary>The risk checkboxes a surface submitted, as flag names separated by commas; a name we never offered is left out.</summary>
    public static Risk.RiskFlagSet ReadRisk(string? ticked) => Risk.RiskFlagSet.FromText(ticked);

    /// <summary>The risk checkboxes every form offers: the hand-set flags, by name, with the words shown for each.</summary>
    public static IReadOnlyList<(string Name, string Label)> RiskChoices { get; } =
        [.. Risk.RiskFlags.Names.Select(n => (n, Capitalise(Risk.RiskFlags.Reason(Risk.RiskFlags.Find(n)!.Value))))];

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string? BackupProblem(UserId owner, UserId? backup) => backup == owner ? BackupIsOwner : null;

    public static string? PersonProblem(PersonStanding standing) => standing switch
    {
        PersonStanding.Bot => "Pick a person, not a bot.",
        PersonStanding.Deactivated => "That account is deactivated; pick someone else.",
        PersonStanding.Unknown => "I can't find that person in this workspace.",
        _ => null,
    };

    /// <summary>
    /// Every rule of the new-promise form at once: title, due (future, within two years), customer, category, the
    /// backup not being the owner, and (with <paramref name="people"/>) both being people of the workspace.
    /// </summary>
    public static async Task<PromiseFormCheck> CheckAsync(
        PromiseFormInput input, WorkspaceId workspace, Instant now, DateTimeZone zone, IPersonDirectory? people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new Dictionary<PromiseFormField, string>();
        if (TitleProblem(input.Title) is { } title)
        {
            problems[PromiseFormField.Title] = title;
        }

        if ((input.DueProblem ?? (input.Due is { } read ? DueProblem(read.Due, now, zone) : "Pick when it is due.")) is { } due)
        {
            problems[PromiseFormField.Due] = due;
        }

        var aimProblem = input.AimProblem
            ?? (input.Aim is { } aim && input.Due is { } deadline && AimRule.Refusal(aim.Due, deadline.Due, now, zone) is { } why ? "This aim can't be taken: " + why : null);
        if (aimProblem is not null)
        {
            problems[PromiseFormField.Aim] = aimProblem;
        }

        var customer = string.IsNullOrWhiteSpace(input.Customer) ? null : input.Customer;
        if (CustomerProblem(customer) is { } customerProblem)
        {
            problems[PromiseFormField.Customer] = customerProblem;
        }

        if (!TryCategory(input.Category, out var category, out var categoryProblem))
        {
            problems[PromiseFormField.Category] = categoryProblem!;
        }

        if (BackupProblem(input.Owner, input.Backup) is { } backupProblem)
        {
            problems[PromiseFormField.Backup] = backupProblem;
        }

        if (people is not null)
        {
            var owner = people.StandingAsync(workspace, input.Owner, cancellationToken);
            var backup = input.Backup is { } b && !problems.ContainsKey(PromiseFormField.Backup) ? people.StandingAsync(workspace, b, cancellationToken) : null;
            if (PersonProblem(await owner.ConfigureAwait(false)) is { } ownerProblem)
            {
                problems[PromiseFormField.Owner] = ownerProblem;
            }

            if (backup is not null && PersonProblem(await backup.ConfigureAwait(false)) is { } backupPerson)
            {
                problems[PromiseFormField.Backup] = backupPerson;
            }
        }

        if (problems.Count > 0)
        {
            return new PromiseFormCheck(null, problems);
        }

        var command = new CreatePromiseCommand(
            CleanText(input.Title!), input.Due!, customer is null ? null : CleanText(customer), input.Owner, category, input.Backup, input.SourceLink)
        {
            Aim = input.Aim,
            Risk = input.Risk,
        };
        return new PromiseFormCheck(command, problems);
    }

    /// <summary>Reads <c>quotes</c> or <c>#quotes</c> as a category name (lower case); empty input is no category.</summary>
    public static bool TryCategory(string? text, out string? category, out string? problem)
    {
        category = null;
        problem = null;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        var token = trimmed.StartsWith('#') ? trimmed : "#" + trimmed;
        if (!CommandText.IsCategoryShaped(token))
        {
            problem = "One word of letters, digits, - or _, like quotes or refunds.";
            return false;
        }

        if (token.Length - 1 > MaxCategory)
        {
            problem = $"At most {MaxCategory} characters.";
            return false;
        }

        category = CommandText.CategoryName(token);
        return true;
    }

    /// <summary>The title as stored: whitespace collapsed.</summary>
    public static string CleanText(string text) => Whitespace.Collapse(text);
}
