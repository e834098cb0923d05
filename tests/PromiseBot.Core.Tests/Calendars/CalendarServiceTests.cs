using Moq;
using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Core.Tests.Calendars;

/// <summary>The calendar commands through the command service: what is stored, what is refused, what the reply says.</summary>
public sealed class CalendarServiceTests
{
    private static readonly WorkspaceId Ws = new("T1");
    private static readonly UserId Maya = new("U-MAYA");
    private static readonly UserId Sam = new("U-SAM");

    private sealed class Rig
    {
        public InMemoryCalendarStore Calendars { get; } = new();

        public WorkspaceSettings Settings { get; set; } = WorkspaceSettings.Defaults(Ws);

        public PromiseCommandService Service { get; }

        public Rig(string botDefault = "America/New_York")
        {
            var schedule = new Mock<IScheduleStore>();
            schedule.Setup(s => s.GetSettingsAsync(Ws, It.IsAny<CancellationToken>())).ReturnsAsync(() => Settings);
            var options = new PromiseBotOptions { DefaultTimeZone = botDefault };
            Service = new PromiseCommandService(
                new CommandParser(TestDates.Parser), Mock.Of<IPromiseStore>(), options, schedules: null, schedule.Object, zones: null,
                new CalendarService(Calendars, schedule.Object));
        }

        public Task<Reply> RunAsync(string text, UserId? user = null) => Service.HandleAsync(
            new InboundCommand(ChatPlatform.Slack, Ws, "C1", false, user ?? Maya, text, TestDates.MondayMorning, null, "America/New_York"), CancellationToken.None);
    }

    private static string Text(Reply reply) => string.Concat(reply.Blocks.SelectMany(b => b switch
    {
        TextBlock t => t.Runs,
        ContextBlock c => c.Runs,
        FieldsBlock f => f.Fields.SelectMany(x => x.Value.Prepend(new PlainRun(" | " + x.Label + ": "))),
        _ => [],
    }).Select(r => r switch
    {
        MentionRun m => "@" + m.User.Value,
        PlainRun p => p.Text,
        BoldRun b => b.Text,
        CodeRun c => c.Text,
        _ => "",
    }));

    [Fact]
    public async Task Show_TheDefaultNeverStored_IsNineToFiveInTheWorkspaceZone()
    {
        var rig = new Rig { Settings = WorkspaceSettings.Defaults(Ws) with { TimeZone = "Europe/Berlin" } };

        var text = Text(await rig.RunAsync("calendar"));

        Assert.Contains("Hours: Mon–Fri 09:00–17:00, Sat closed, Sun closed", text, StringComparison.Ordinal);
        Assert.Contains("Time zone: Europe/Berlin (the workspace zone, or yours while config timezone is not set)", text, StringComparison.Ordinal);
        Assert.Contains("Next holidays: none", text, StringComparison.Ordinal);
        Assert.Contains("Used by: no categories yet", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_WithoutAWorkspaceZone_UsesTheAskersZone_NotTheBotDefault()
    {
        var rig = new Rig("Australia/Sydney");

        Assert.Contains("Time zone: America/New_York (the workspace zone, or yours while config timezone is not set)", Text(await rig.RunAsync("calendar")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hours_AreStoredAndShownGrouped()
    {
        var rig = new Rig();

        var reply = await rig.RunAsync("calendar hours sat 10:00-14:00");
        var split = await rig.RunAsync("calendar hours mon-fri 08:30-12:00,13:00-17:30");

        Assert.Equal(ReplyTone.Success, reply.Tone);
        Assert.Equal(ReplyTone.Success, split.Tone);
        var stored = rig.Calendars.Stored(Ws, BusinessCalendar.DefaultName)!;
        Assert.Equal("Mon–Fri 08:30–12:00 and 13:00–17:30, Sat 10:00–14:00, Sun closed", CalendarMessages.Hours(stored.Week));
        Assert.Contains("Hours saved: Mon–Fri 08:30–12:00 and 13:00–17:30.", Text(split), StringComparison.Ordinal);
        Assert.Equal("America/New_York", stored.Zone.Id);
    }

    [Fact]
    public async Task Hours_TwentyFourSeven_IsOpenEveryHour()
    {
        var rig = new Rig();

        await rig.RunAsync("calendar hours 24/7");

        Assert.Equal("Mon–Sun 00:00–24:00", CalendarMessages.Hours(rig.Calendars.Stored(Ws, BusinessCalendar.DefaultName)!.Week));
    }

    [Fact]
    public async Task Hours_ThatLeaveNoOpenHours_AreRefusedAndNothingIsStored()
    {
        var rig = new Rig();

        var reply = await rig.RunAsync("calendar hours daily closed");
        await rig.RunAsync("calendar hours weekends closed"); // fine: weekdays stay open
        var after = await rig.RunAsync("calendar hours weekdays closed");

        Assert.Equal(ReplyTone.Error, reply.Tone);
        Assert.Contains("no open hours at all", Text(reply), StringComparison.Ordinal);
        Assert.Contains("calendar hours mon-fri 09:00-17:00", Text(reply), StringComparison.Ordinal);
        Assert.Equal(ReplyTone.Error, after.Tone);
        Assert.Equal("Mon–Fri 09:00–17:00, Sat closed, Sun closed", CalendarMessages.Hours(rig.Calendars.Stored(Ws, BusinessCalendar.DefaultName)!.Week));
    }

    [Fact]
    public async Task Zone_IsStored()
    {
        var rig = new Rig();

        var reply = await rig.RunAsync("calendar zone Europe/London");

        Assert.Equal(ReplyTone.Success, reply.Tone);
        Assert.Equal("Europe/London", rig.Calendars.Stored(Ws, BusinessCalendar.DefaultName)!.Zone.Id);
        Assert.Contains("Time zone: Europe/London", Text(reply), StringComparison.Ordinal);
        Assert.DoesNotContain("(the workspace zone,", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HolidayAdd_ListAndRemove()
    {
        var rig = new Rig();

        var added = await rig.RunAsync("calendar holiday add 2026-12-25 Christmas Day");
        var list = await rig.RunAsync("calendar holidays");
        var show = await rig.RunAsync("calendar");
        var removed = await rig.RunAsync("calendar holiday remove 2026-12-25");
        var again = await rig.RunAsync("calendar holiday remove 2026-12-25");

        Assert.Contains("Added Fri 25 Dec 2026 Christmas Day to the default calendar", Text(added), StringComparison.Ordinal);
        Assert.Contains("Fri 25 Dec 2026  Christmas Day", Text(list), StringComparison.Ordinal);
        Assert.Contains("Next holidays: Fri 25 Dec 2026 Christmas Day", Text(show), StringComparison.Ordinal);
        Assert.Equal(ReplyTone.Success, removed.Tone);
        Assert.Empty(rig.Calendars.Stored(Ws, BusinessCalendar.DefaultName)!.Holidays);
        Assert.Equal(ReplyTone.Error, again.Tone);
        Assert.Contains("has no holiday on Fri 25 Dec 2026", Text(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HolidaysOfAYear_ListOnlyThatYear()
    {
        var rig = new Rig();
        await rig.RunAsync("calendar holiday add 2026-12-25 Christmas Day");
        await rig.RunAsync("calendar holiday add 2027-12-24 Christmas Eve");

        var text = Text(await rig.RunAsync("calendar holidays 2027"));

        Assert.Contains("Christmas Eve", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Christmas Day", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AddsThisYearAndNext_AndIsIdempotent()
    {
        var rig = new Rig();

        var first = await rig.RunAsync("calendar holidays import US");
        var count = rig.Calendars.Stored(Ws, BusinessCalendar.DefaultName)!.Holidays.Count;
        var second = await rig.RunAsync("calendar holidays import US");

        var holidays = rig.Calendars.Stored(Ws, BusinessCalendar.DefaultName)!.Holidays;
        var expected = NationalHolidays.For("US", 2026).Count + NationalHolidays.For("US", 2027).Count;
        Assert.Equal(expected, count);
        Assert.Equal(count, holidays.Count);
        Assert.Equal("Christmas", holidays[new LocalDate(2026, 12, 25)]); // the package's name
        Assert.Contains(new LocalDate(2027, 7, 5), holidays.Keys); // 4 July 2027 is a Sunday: observed Monday
        Assert.Contains($"Added {expected} public holidays of the United States for 2026 and 2027", Text(first), StringComparison.Ordinal);
        Assert.Contains("Next: Thu 26 Nov 2026 Thanksgiving", Text(first), StringComparison.Ordinal);
        Assert.Contains("nothing added", Text(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_KeepsAHolidayTypedBefore()
    {
        var rig = new Rig();
        await rig.RunAsync("calendar holiday add 2026-12-25 Office closed");

        var reply = await rig.RunAsync("calendar holidays import US");

        Assert.Equal("Office closed", rig.Calendars.Stored(Ws, BusinessCalendar.DefaultName)!.Holidays[new LocalDate(2026, 12, 25)]);
        Assert.Contains("(1 were already there)", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamedCalendars_NewShowChangeRemove()
    {
        var rig = new Rig();

        var made = await rig.RunAsync("calendar new uk-support Europe/London");
        var hours = await rig.RunAsync("calendar uk-support hours sat 10:00-14:00");
        var show = await rig.RunAsync("calendar uk-support");
        var defaultShow = await rig.RunAsync("calendar");
        var removed = await rig.RunAsync("calendar remove uk-support");
        var gone = await rig.RunAsync("calendar uk-support");

        Assert.Contains("Calendar uk-support made: Mon–Fri 09:00–17:00 in Europe/London.", Text(made), StringComparison.Ordinal);
        Assert.Equal(ReplyTone.Success, hours.Tone);
        Assert.Contains("Hours: Mon–Fri 09:00–17:00, Sat 10:00–14:00, Sun closed", Text(show), StringComparison.Ordinal);
        Assert.Contains("Hours: Mon–Fri 09:00–17:00, Sat closed, Sun closed", Text(defaultShow), StringComparison.Ordinal);
        Assert.Equal(ReplyTone.Success, removed.Tone);
        Assert.Null(rig.Calendars.Stored(Ws, "uk-support"));
        Assert.Equal(ReplyTone.Error, gone.Tone);
        Assert.Contains("There is no calendar called uk-support", Text(gone), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("calendar new default", "already a calendar called default")]
    [InlineData("calendar remove default", "The default calendar can't be removed")]
    [InlineData("calendar uk-support hours mon 09:00-17:00", "There is no calendar called uk-support")]
    [InlineData("calendar remove uk-support", "There is no calendar called uk-support")]
    [InlineData("calendar uk-support holidays import US", "There is no calendar called uk-support")]
    public async Task Refusals_StoreNothing(string text, string named)
    {
        var rig = new Rig();

        var reply = await rig.RunAsync(text);

        Assert.Equal(ReplyTone.Error, reply.Tone);
        Assert.Contains(named, Text(reply), StringComparison.Ordinal);
        Assert.Equal(0, rig.Calendars.Writes);
    }

    [Fact]
    public async Task New_WithANameThatExists_IsRefused()
    {
        var rig = new Rig();
        await rig.RunAsync("calendar new uk-support Europe/London");
        await rig.RunAsync("calendar uk-support zone Europe/Dublin");

        var reply = await rig.RunAsync("calendar new uk-support America/Chicago");

        Assert.Equal(ReplyTone.Error, reply.Tone);
        Assert.Contains("already a calendar called uk-support", Text(reply), StringComparison.Ordinal);
        Assert.Equal("Europe/Dublin", rig.Calendars.Stored(Ws, "uk-support")!.Zone.Id);
    }

    [Theory]
    [InlineData("calendar hours sat 10:00-14:00")]
    [InlineData("calendar zone Europe/London")]
    [InlineData("calendar holiday add 2026-12-25 Christmas Day")]
    [InlineData("calendar holiday remove 2026-12-25")]
    [InlineData("calendar holidays import US")]
    [InlineData("calendar new uk-support Europe/London")]
    [InlineData("calendar remove uk-support")]
    public async Task OnceAManagerIsSet_OnlyTheManagerChangesCalendars(string text)
    {
        var rig = new Rig { Settings = WorkspaceSettings.Defaults(Ws) with { Manager = Maya } };

        var reply = await rig.RunAsync(text, Sam);

        Assert.Equal(ReplyTone.Warning, reply.Tone);
        Assert.Contains("Only the workspace's manager, @U-MAYA, can change calendars.", Text(reply), StringComparison.Ordinal);
        Assert.Equal(0, rig.Calendars.Writes);
    }

    [Fact]
    public async Task OnceAManagerIsSet_AnyoneMayLook_AndTheManagerMayChange()
    {
        var rig = new Rig { Settings = WorkspaceSettings.Defaults(Ws) with { Manager = Maya } };

        var show = await rig.RunAsync("calendar", Sam);
        var list = await rig.RunAsync("calendar holidays", Sam);
        var change = await rig.RunAsync("calendar hours sat 10:00-14:00", Maya);

        Assert.Equal(ReplyTone.Info, show.Tone);
        Assert.Equal(ReplyTone.Info, list.Tone);
        Assert.Equal(ReplyTone.Success, change.Tone);
    }

    [Fact]
    public async Task HelpCalendar_ExplainsTheCommands()
    {
        var rig = new Rig();

        var text = Text(await rig.RunAsync("help calendar"));

        Assert.Contains("/promise calendar hours mon-fri 08:30-12:00,13:00-17:30", text, StringComparison.Ordinal);
        Assert.Contains("/promise calendar holidays import US", text, StringComparison.Ordinal);
        Assert.Contains("/promise calendar new uk-support Europe/London", text, StringComparison.Ordinal);
        Assert.Contains("help calendar", Text(await rig.RunAsync("help")), StringComparison.Ordinal);
    }
}
