using PromiseBot.Core.Commands;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Parsing;

/// <summary>The digest, config and ack grammar as a table ("text => meaning").</summary>
public sealed class ScheduleCommandParserTests
{
    private static readonly CommandParser Parser = new(TestDates.Parser);

    private static string Parse(string text) => Parser.Parse(text, TestDates.NewYorkMonday) switch
    {
        DigestNowCommand => "digest now",
        DigestOffCommand => "digest off",
        DigestSettingsCommand => "digest settings",
        DigestOnCommand on => "digest on"
            + (on.Time is { } t ? $" {t.Hour:00}:{t.Minute:00}" : "")
            + (on.Days is { } d ? $" {d}" : "")
            + (on.TimeZone is { } z ? $" {z}" : "")
            + (on.Quiet ? " quiet" : ""),
        ShowConfigCommand => "config",
        SetManagerCommand m => $"manager {m.Manager}",
        SetQuietHoursCommand q => $"quiet {q.Start.Hour:00}:{q.Start.Minute:00}-{q.End.Hour:00}:{q.End.Minute:00}",
        SetRemindersCommand r => $"reminders {r.Reminder.TotalMinutes}m,{r.AtRisk.TotalMinutes}m",
        SetTimeZoneCommand z => $"timezone {z.TimeZone}",
        AcknowledgeCommand a => $"ack {a.Number}",
        CreatePromiseCommand c => $"create '{c.Title}'",
        CommandError e => $"error[{e.Hint}]",
        var other => other.ToString()!,
    };

    [Theory]
    [InlineData("digest", "digest now")]
    [InlineData("DIGEST now", "digest now")]
    [InlineData("digest off", "digest off")]
    [InlineData("digest settings", "digest settings")]
    [InlineData("digest on", "digest on")]
    [InlineData("digest on 09:00", "digest on 09:00")]
    [InlineData("digest on 8:30 daily", "digest on 08:30 Daily")]
    [InlineData("digest on weekdays 17:45 Europe/London quiet", "digest on 17:45 Weekdays Europe/London quiet")]
    [InlineData("digest on america/new_york", "digest on America/New_York")]
    [InlineData("digest on UTC daily", "digest on Daily UTC")]
    [InlineData("digest on 9am", "digest on 09:00")]
    [InlineData("digest on 8:30AM daily", "digest on 08:30 Daily")]
    [InlineData("digest on 12pm", "digest on 12:00")]
    [InlineData("digest on 5pm Europe/London", "digest on 17:00 Europe/London")]
    [InlineData("digest on 13pm", "error[digest on 09:00 weekdays America/New_York]")]
    [InlineData("digest on 0am", "error[digest on 09:00 weekdays America/New_York]")]
    [InlineData("digest on 25:00", "error[digest on 09:00 weekdays America/New_York]")]
    [InlineData("digest on 09:60", "error[digest on 09:00 weekdays America/New_York]")]
    [InlineData("digest on 9:0", "error[digest on 09:00 weekdays America/New_York]")]
    [InlineData("digest on Mars/Olympus", "error[digest on 09:00 weekdays America/New_York]")]
    [InlineData("digest on 09:00 10:00", "error[digest on 09:00 weekdays America/New_York]")]
    [InlineData("digest on sometimes", "error[digest on 09:00 weekdays America/New_York]")]
    [InlineData("digest off now", "error[digest off]")]
    [InlineData("Digest the server logs by Friday 5pm", "create 'Digest the server logs'")]
    [InlineData("digest whatever", "error[digest on 09:00 weekdays]")]
    [InlineData("config", "config")]
    [InlineData("config manager <@U9|dana>", "manager U9")]
    [InlineData("config manager dana", "error[config manager @someone]")]
    [InlineData("config manager", "error[config manager @someone]")]
    [InlineData("config manager <@U1> <@U2>", "error[config manager @someone]")]
    [InlineData("config quiet 20:00-08:00", "quiet 20:00-08:00")]
    [InlineData("config quiet 21:30 - 7:00", "quiet 21:30-07:00")]
    [InlineData("config quiet off", "quiet 00:00-00:00")]
    [InlineData("config quiet 8pm-8am", "quiet 20:00-08:00")]
    [InlineData("config quiet 10:30pm - 12am", "quiet 22:30-00:00")]
    [InlineData("config quiet 25:00-08:00", "error[config quiet 20:00-08:00]")]
    [InlineData("config quiet 20:00", "error[config quiet 20:00-08:00]")]
    [InlineData("config quiet 08:00-08:00", "error[config quiet 20:00-08:00]")]
    [InlineData("config reminders 24h,4h", "reminders 1440m,240m")]
    [InlineData("config reminders 2d, 90m", "reminders 2880m,90m")]
    [InlineData("config reminders 4h,24h", "error[config reminders 24h,4h]")]
    [InlineData("config reminders 24h", "error[config reminders 24h,4h]")]
    [InlineData("config reminders 24x,4h", "error[config reminders 24h,4h]")]
    [InlineData("config reminders 5m,1m", "error[config reminders 24h,4h]")]
    [InlineData("config reminders 30d,4h", "error[config reminders 24h,4h]")]
    [InlineData("config timezone Europe/Berlin", "timezone Europe/Berlin")]
    [InlineData("config timezone europe/berlin", "timezone Europe/Berlin")]
    [InlineData("config timezone Nowhere/Land", "error[config timezone America/New_York]")]
    [InlineData("config timezone", "error[config timezone America/New_York]")]
    [InlineData("config colours", "error[config quiet 20:00-08:00]")]
    [InlineData("ack 12", "ack #12")]
    [InlineData("ack #3", "ack #3")]
    [InlineData("ack", "error[ack 12]")]
    [InlineData("ack 12 thanks", "error[ack 12]")]
    public void Parses(string text, string expected) => Assert.Equal(expected, Parse(text));
}
