using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Testing.Fuzzing;

/// <summary>
/// For the escaping property: hostile user text put into the commands that echo it (a title, a customer, a category,
/// an extend, done, pause or cancel reason, and the refusal's "I understood"), read by Core's grammar, and the
/// neutral replies Core builds from what it read (created, details, a list line, the change with its reason, the
/// refusal). A renderer must then show all of it as text.
/// </summary>
public static class FuzzReplies
{
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0);

    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static readonly CommandParser Parser = new(new RecognizerDueDateParser());

    private static readonly string[] Templates =
    [
        "add {0} by Friday 5pm", "add {0} by Friday 5pm for {1}", "{0} tomorrow 10am for {1} #web", "add {0} in 3 days for {1} <@U0SAM>",
        "extend 12 to Monday 10am because {0}", "done 12 {0}", "pause 12 {0}", "cancel 12 {0}", "broken 12 {0}", "{0}",
        "add {0}", "add {0} by {1}", "decline 3 {0}", "reopen 12 {0}",
    ];

    /// <summary>Hostile text: mostly markup pieces among ordinary words, mutated.</summary>
    public static string HostileText(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var words = new List<string>();
        var count = random.Next(1, 7);
        for (var i = 0; i < count; i++)
        {
            words.Add(random.Next(3) == 0 ? FuzzText.Words[random.Next(FuzzText.Words.Length)] : FuzzText.Markup[random.Next(FuzzText.Markup.Length)]);
        }

        var text = string.Join(random.Next(3) == 0 ? "" : " ", words);
        return random.Next(3) == 0 ? FuzzText.MutateOnce(random, text, FuzzText.Markup) : text;
    }

    /// <summary>One command with hostile text in its echoed parts (<paramref name="seed"/> replays it).</summary>
    public static string Command(int seed)
    {
        var random = new Random(seed);
        var template = Templates[random.Next(Templates.Length)];
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, template, HostileText(random), HostileText(random));
    }

    /// <summary>The replies Core builds for <paramref name="text"/> as <paramref name="user"/> typed it.</summary>
    public static IReadOnlyList<Reply> For(string text, ChatPlatform platform, string user)
    {
        ArgumentNullException.ThrowIfNull(text);
        var inbound = new InboundCommand(platform, new WorkspaceId("T0FUZZ"), "C0FUZZ", false, new UserId(user), text, Now, null, null);
        var view = new ReplyContext(inbound, Zone, PromiseMessages.PrefixFor(platform));
        var parsed = Parser.Parse(text, new DateContext(Now, Zone));
        var existing = Sample(new UserId(user), "Send the quote", "Acme");
        var replies = new List<Reply>();
        switch (parsed)
        {
            case CommandError error:
                replies.Add(PromiseMessages.Refusal(error, view));
                break;
            case CreatePromiseCommand create:
                var made = existing with
                {
                    Title = create.Title,
                    Customer = create.Customer,
                    Category = create.Category,
                    Owner = create.Owner ?? new UserId(user),
                    DueAt = create.Due.Due,
                };
                replies.Add(PromiseMessages.Created(made, create.Due, view));
                replies.Add(PromiseMessages.Details(made, view));
                replies.Add(new Reply(ReplyVisibility.Channel, ReplyTone.Info, made.Title, [PromiseMessages.Line(made, view)]));
                break;
            case ExtendPromiseCommand extend:
                replies.Add(Changed(existing, existing with { DueAt = extend.NewDue.Due, Version = 2 }, PromiseEventKind.Extended, extend.Reason, view));
                break;
            case CompletePromiseCommand done:
                replies.Add(Changed(existing, existing with { Status = PromiseStatus.Done, DoneAt = Now, ClosedAt = Now, Version = 2 }, PromiseEventKind.Completed, done.Note, view));
                break;
            case CancelPromiseCommand cancel:
                replies.Add(Changed(existing, existing with { Status = PromiseStatus.Cancelled, StatusNote = cancel.Reason, ClosedAt = Now, Version = 2 }, PromiseEventKind.Cancelled, cancel.Reason, view));
                break;
            case PausePromiseCommand pause:
                var paused = existing with { Status = PromiseStatus.Paused, PauseReason = pause.Reason, StatusNote = pause.Note, PausedAt = Now, Version = 2 };
                replies.Add(Changed(existing, paused, PromiseEventKind.Paused, pause.Note, view));
                replies.Add(PromiseMessages.Details(paused, view));
                break;
        }

        return replies;
    }

    /// <summary>The ids of the whole mention tokens in <paramref name="text"/> (<c>&lt;@U1&gt;</c>, <c>&lt;@U1|name&gt;</c>):
    /// a person mentioned on purpose, which replies may show as a mention.</summary>
    public static IReadOnlySet<string> MentionedIds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"<@([^|<>\s]+)(?:\|[^<>]*)?>"))
        {
            ids.Add(m.Groups[1].Value);
        }

        return ids;
    }

    private static Reply Changed(Promise before, Promise after, PromiseEventKind kind, string? note, ReplyContext view) =>
        PromiseMessages.Changed(before, after, new PromiseEvent(kind, view.Command.User, Now, null, null, note), view);

    private static Promise Sample(UserId owner, string title, string customer) => new()
    {
        Workspace = new WorkspaceId("T0FUZZ"),
        Number = new PromiseNumber(12),
        Title = title,
        Customer = customer,
        Owner = owner,
        DueAt = Now + Duration.FromDays(3),
        MadeBy = owner,
        MadeAt = Now - Duration.FromHours(1),
        Channel = "C0FUZZ",
    };
}
