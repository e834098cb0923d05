namespace PromiseBot.Core.Commands.Parsing;

/// <summary>The example shown with each refusal: one that works as typed.</summary>
internal static class Usage
{
    public const string Create = "add Send the quote to Acme by Friday 5pm";
    public const string List = "list overdue #refunds";
    public const string Show = "show 12";
    public const string Done = "done 12 delivered on time";
    public const string Extend = "extend 12 to Friday 5pm";
    public const string Pause = "pause 12 waiting on customer";
    public const string Resume = "resume 12";
    public const string Assign = "assign 12 @someone";
    public const string Backup = "backup 12 @someone";
    public const string Cancel = "cancel 12 customer withdrew the request";
    public const string Broken = "broken 12 the part is discontinued";
    public const string Reopen = "reopen 12 closed by mistake";
    public const string Recompute = "recompute outcomes";
    public const string History = "history 12";
    public const string Feedback = "feedback 12 4/5 quick and friendly";
    public const string CustomerUpdate = "update 12";
    public const string Help = "help";
    public const string DigestOn = "digest on 09:00 weekdays America/New_York";
    public const string Digest = "digest on 09:00 weekdays";
    public const string Report = "report last week #support";
    public const string ReportOwner = "report month <@U123ABC>";
    public const string ReportWeekly = "report weekly on monday 09:00";
    public const string ReportMonthly = "report monthly on 09:00";
    public const string Export = "export last week #support";
    public const string Config = "config quiet 20:00-08:00";
    public const string Manager = "config manager @someone";
    public const string Quiet = "config quiet 20:00-08:00";
    public const string Reminders = "config reminders 24h,4h";
    public const string Buffer = "config buffer 20%";
    public const string Capacity = "config capacity 8";
    public const string Aim = "add Send the quote to Acme by Friday 5pm aim Thursday noon";
    public const string TimeZone = "config timezone America/New_York";
    public const string Ack = "ack 12";
    public const string Calendar = "calendar hours mon-fri 09:00-17:00";
    public const string Sla = "sla #support 4 business hours";
    public const string CalendarHours = "calendar hours mon-fri 09:00-17:00";
    public const string CalendarSplitHours = "calendar hours mon-fri 08:30-12:00,13:00-17:30";
    public const string CalendarZone = "calendar zone Europe/London";
    public const string HolidayAdd = "calendar holiday add 2026-12-25 Christmas Day";
    public const string HolidayRemove = "calendar holiday remove 2026-12-25";
    public const string Holidays = "calendar holidays 2027";
    public const string HolidayImport = "calendar holidays import US";
    public const string CalendarNew = "calendar new uk-support Europe/London";
    public const string CalendarRemove = "calendar remove uk-support";

    public const string Verbs = "add, list, show, done, extend, pause, resume, assign, backup, cancel, broken, reopen, history, recover, apology, feedback, update, risk, away, suggest, guarantee, credit, credits, ack, digest, config, calendar, sla, authority, approve, decline, approvals, admin, help";

    public const string ListFilters =
        "mine, @someone, #category, overdue, due (next 48 h), risky, all [page N]; combine them, e.g. \"list mine due\"";
}
