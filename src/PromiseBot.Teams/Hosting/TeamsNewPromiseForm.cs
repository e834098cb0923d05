using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;
using PromiseBot.Teams.Activities;

namespace PromiseBot.Teams.Hosting;

/// <summary>
/// The new-promise card (<c>@PromiseBot new</c>): drawn blank, checked on submit by Core's form rules
/// (<see cref="PromiseForm.CheckAsync"/>, the same as Slack's modal and the playground), drawn again with the values
/// kept and the problem under each field, or answered with the created promise.
/// </summary>
public sealed class TeamsNewPromiseForm(PromiseCommandService commands, IDueDateParser dates)
{
    public const string Title = "New promise";

    /// <summary>A blank form's time: the same 17:00 a typed date without a time means.</summary>
    public static readonly LocalTime DefaultTime = new(17, 0);

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>The form to fill in: due tomorrow at 17:00 in the asker's zone, owned by the asker.</summary>
    public async Task<Reply> BlankAsync(InboundCommand inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var zone = await commands.ZoneForAsync(inbound, cancellationToken).ConfigureAwait(false);
        var tomorrow = inbound.ReceivedAt.InZone(zone).Date.PlusDays(1);
        var values = new PromiseFormValues(null, DatePattern.Format(tomorrow), TimePattern.Format(DefaultTime), null, inbound.User.Value, null, null);
        return Form(values, new Dictionary<PromiseFormField, string>());
    }

    /// <summary>The answer to a submitted form: the form again with its problems, or the created promise.</summary>
    public async Task<Reply> SubmitAsync(InboundCommand inbound, TeamsFormValues submitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(submitted);
        var zone = await commands.ZoneForAsync(inbound, cancellationToken).ConfigureAwait(false);
        var extra = new Dictionary<PromiseFormField, string>();
        var owner = Person(submitted.Owner, PromiseFormField.Owner, extra) ?? inbound.User;
        var backup = Person(submitted.Backup, PromiseFormField.Backup, extra);
        var (aim, aimProblem) = PromiseForm.ReadAim(submitted.Aim, dates, inbound.ReceivedAt, zone);
        var input = new PromiseFormInput(submitted.Title, ReadDue(submitted, zone, out var dueProblem), submitted.Customer, submitted.Category, owner, backup)
        {
            DueProblem = dueProblem,
            Aim = aim,
            AimProblem = aimProblem,
            Risk = PromiseForm.ReadRisk(submitted.Risk),
        };

        // No person directory: Teams has no users.info to ask, and the card's people picker offers only people of the
        // tenant (Graph users) or the asker, so who was picked is taken as a person of this workspace once it has the
        // shape of a Teams user id or an Entra object id.
        var check = await PromiseForm.CheckAsync(input, inbound.Workspace, inbound.ReceivedAt, zone, people: null, cancellationToken).ConfigureAwait(false);
        if (check.Command is not { } create || extra.Count > 0)
        {
            var problems = new Dictionary<PromiseFormField, string>(check.Problems);
            foreach (var (field, problem) in extra)
            {
                problems.TryAdd(field, problem);
            }

            var kept = new PromiseFormValues(
                submitted.Title, submitted.DueDate, submitted.DueTime, submitted.Customer, owner.Value, backup?.Value, submitted.Category, submitted.Aim, submitted.Risk);
            return Form(kept, problems);
        }

        return await commands.ApplyAsync(inbound, create, cancellationToken).ConfigureAwait(false);
    }

    private static Reply Form(PromiseFormValues values, IReadOnlyDictionary<PromiseFormField, string> problems) => Reply.Private(
        problems.Count == 0 ? ReplyTone.Info : ReplyTone.Error,
        problems.Count == 0 ? Title : "Check the new promise: " + string.Join(" ", problems.Values),
        new HeaderBlock(Title),
        new PromiseFormBlock(values, problems));

    /// <summary>
    /// A picked person: a Teams user id (<c>29:…</c>) or an Entra object id (what the Graph people picker gives);
    /// nothing picked is null; anything else is a problem under the field (never silently someone else).
    /// </summary>
    private static UserId? Person(string? value, PromiseFormField field, Dictionary<PromiseFormField, string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var id = value.Trim();
        var teamsId = id.StartsWith("29:", StringComparison.Ordinal) && id.Length is > 3 and <= 200 && !id.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '|');
        if (teamsId || Guid.TryParse(id, out _))
        {
            return new UserId(id);
        }

        problems[field] = PromiseForm.PersonProblem(PersonStanding.Unknown)!;
        return null;
    }

    /// <summary>The picked date and time as a moment in the person's zone (a time in a DST gap moves forward).</summary>
    private static ResolvedDue? ReadDue(TeamsFormValues submitted, DateTimeZone zone, out string? problem)
    {
        problem = null;
        var date = submitted.DueDate is { } d ? DatePattern.Parse(d.Trim()) : null;
        if (date is not { Success: true })
        {
            problem = "Pick a date.";
            return null;
        }

        var time = string.IsNullOrWhiteSpace(submitted.DueTime) ? null : ParseTime(submitted.DueTime.Trim());
        if (time is not { } at)
        {
            problem = "Pick a time.";
            return null;
        }

        var due = (date.Value + at).InZoneLeniently(zone).ToInstant();
        return new ResolvedDue(due, TimeDefaulted: false, DatePattern.Format(date.Value) + " " + TimePattern.Format(at));
    }

    // Input.Time submits HH:mm; some clients add seconds.
    private static LocalTime? ParseTime(string text) =>
        TimePattern.Parse(text) is { Success: true } hm ? hm.Value
        : LocalTimePattern.ExtendedIso.Parse(text) is { Success: true } iso ? iso.Value
        : null;
}
