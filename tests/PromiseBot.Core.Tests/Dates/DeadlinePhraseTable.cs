using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Tests.Dates;

/// <summary>
/// The deadline phrases people type, as whole commands, with what must come out: the title (and customer), and the
/// deadline as a local time in a named zone, or the kind of refusal. Shared by the Core table tests and the host test
/// that sends a sample through the Slack command endpoint (the file is linked into PromiseBot.Host.Tests, so it uses
/// nothing else from this project). Add rows freely; keep one line per row.
/// </summary>
/// <remarks>
/// Expected: <c>"2026-12-03 17:00 America/New_York"</c> (the local time in that zone, seconds optional; it need not be
/// the reader's), or
/// <c>"!Ambiguous"</c>, <c>"!Vague"</c>, <c>"!TooFar"</c>, <c>"!BadAmount"</c>, <c>"!InThePast"</c>, <c>"!NoDate"</c>
/// (no deadline found), <c>"!Title"</c> (deadline words would be left in the title). Title <c>"Title|Customer"</c>
/// expects a customer.
/// </remarks>
public static class DeadlinePhraseTable
{
    /// <summary>The moments the rows are read at.</summary>
    public static readonly IReadOnlyDictionary<string, (string Zone, string NowUtc)> Moments = new Dictionary<string, (string, string)>
    {
        ["wed"] = ("America/New_York", "2026-12-02T15:30:00Z"), // Wed 2 Dec 10:30, the examples
        ["fri-eve"] = ("America/New_York", "2026-12-04T23:30:00Z"), // Fri 4 Dec 18:30, after closing
        ["sun"] = ("America/New_York", "2026-12-06T16:00:00Z"), // Sun 6 Dec 11:00
        ["london-mon"] = ("Europe/London", "2026-12-07T07:45:00Z"), // Mon 7 Dec 07:45, before opening
        ["dst"] = ("America/New_York", "2026-10-28T14:00:00Z"), // Wed 28 Oct 10:00 EDT: London already on GMT, New York changes Sun 1 Nov
        ["sydney"] = ("Australia/Sydney", "2026-12-03T05:00:00Z"), // Thu 3 Dec 16:00 AEDT
        ["la"] = ("America/Los_Angeles", "2026-12-04T00:50:00Z"), // Thu 3 Dec 16:50, ten minutes before closing
    };

    private const string NY = " America/New_York";

    public static readonly IReadOnlyList<(string Moment, string Text, string Title, string Expected)> Rows =
    [
        // The examples, verbatim.
        ("wed", "Send the report first thing tomorrow", "Send the report", "2026-12-03 09:00" + NY),
        ("wed", "Send the report by tomorrow EOD", "Send the report", "2026-12-03 17:00" + NY),
        ("wed", "Send the report by Monday EOD", "Send the report", "2026-12-07 17:00" + NY),
        ("wed", "Send the report by COB Friday", "Send the report", "2026-12-04 17:00" + NY),
        ("wed", "Send the report by close of business Friday", "Send the report", "2026-12-04 17:00" + NY),
        ("wed", "Send the report by end of day tomorrow", "Send the report", "2026-12-03 17:00" + NY),
        ("wed", "Send the report by the end of the month", "Send the report", "2026-12-31 17:00" + NY),
        ("wed", "Send the report in 1 business day", "Send the report", "2026-12-03 10:30" + NY),
        ("wed", "Send the report in 2 business days", "Send the report", "2026-12-04 10:30" + NY),
        ("wed", "Send the report within 3 working days", "Send the report", "2026-12-07 10:30" + NY),
        ("wed", "Send the report by 9am", "Send the report", "2026-12-03 09:00" + NY),
        ("wed", "Send the report by 8am", "Send the report", "2026-12-03 08:00" + NY),
        ("wed", "Send the report by midnight", "Send the report", "2026-12-03 00:00" + NY),
        ("wed", "Send the report by the 15th", "Send the report", "2026-12-15 17:00" + NY),
        ("wed", "Send the report by the 3rd", "Send the report", "2026-12-03 17:00" + NY),
        ("wed", "Send the report by Christmas", "Send the report", "2026-12-25 17:00" + NY),
        ("wed", "Send the report before New Year's Eve", "Send the report", "2026-12-31 17:00" + NY),
        ("wed", "Send the report by Thanksgiving", "Send the report", "2027-11-25 17:00" + NY),
        ("wed", "Send the report by Friday 5pm EST", "Send the report", "2026-12-04 17:00" + NY),
        ("wed", "Send the report 5pm PST", "Send the report", "2026-12-02 17:00 America/Los_Angeles"),
        ("wed", "Send the report at 5pm UTC", "Send the report", "2026-12-02 17:00 Etc/UTC"),
        ("wed", "Send the report Friday 5pm London time", "Send the report", "2026-12-04 17:00 Europe/London"),
        ("wed", "Send the report by next week", "", "!Vague"),
        ("wed", "Send the report by end of week", "Send the report", "2026-12-04 17:00" + NY),
        ("wed", "Send the report next month", "", "!Vague"),
        ("wed", "Send the report in 100 years", "", "!TooFar"),
        ("wed", "Send the report in 0 days", "", "!BadAmount"),
        ("wed", "Send the report by Tuesday 10:30", "Send the report", "2026-12-08 10:30" + NY),
        ("wed", "Send the report tomorrow at 9", "Send the report", "2026-12-03 09:00" + NY),
        ("wed", "Restore the backup server for Initech by EOD", "Restore the backup server|Initech", "2026-12-02 17:00" + NY),
        ("wed", "Restore the backup server by EOD for Initech", "Restore the backup server|Initech", "2026-12-02 17:00" + NY),
        ("wed", "Send the report in 8000 years", "", "!TooFar"),
        ("wed", "Send the report in 9999999 days", "", "!TooFar"),

        // What a busy support desk types.
        ("wed", "send quote by EOD", "send quote", "2026-12-02 17:00" + NY),
        ("wed", "call back first thing monday", "call back", "2026-12-07 09:00" + NY),
        ("wed", "fix by COB", "fix", "2026-12-02 17:00" + NY),
        ("wed", "reply within 4 business hours", "reply", "2026-12-02 14:30" + NY),
        ("wed", "Send the invoice Friday 5pm PST", "Send the invoice", "2026-12-04 17:00 America/Los_Angeles"),
        ("wed", "Call Dana back by EOD tomorrow", "Call Dana back", "2026-12-03 17:00" + NY),
        ("wed", "Escalate ticket 4411 by EOB", "Escalate ticket 4411", "2026-12-02 17:00" + NY),
        ("wed", "Ship the laptop by end of business day", "Ship the laptop", "2026-12-02 17:00" + NY),
        ("wed", "Ship the laptop by end of the business day", "Ship the laptop", "2026-12-02 17:00" + NY),
        ("wed", "Ship the laptop by Monday COB", "Ship the laptop", "2026-12-07 17:00" + NY),
        ("wed", "Ship the laptop by COB on Friday", "Ship the laptop", "2026-12-04 17:00" + NY),
        ("wed", "Ship the laptop by Friday at COB", "Ship the laptop", "2026-12-04 17:00" + NY),
        ("wed", "Ship the laptop by close of business today", "Ship the laptop", "2026-12-02 17:00" + NY),
        ("wed", "Ship the laptop by COB tomorrow", "Ship the laptop", "2026-12-03 17:00" + NY),
        ("wed", "Ship the laptop by EOD Friday", "Ship the laptop", "2026-12-04 17:00" + NY),
        ("wed", "Ship the laptop due EOD", "Ship the laptop", "2026-12-02 17:00" + NY),
        ("wed", "Patch the firewall first thing Friday", "Patch the firewall", "2026-12-04 09:00" + NY),
        ("wed", "Patch the firewall tomorrow first thing", "Patch the firewall", "2026-12-03 09:00" + NY),
        ("wed", "Patch the firewall first thing in the morning", "Patch the firewall", "2026-12-03 09:00" + NY),
        ("wed", "Patch the firewall first thing", "Patch the firewall", "2026-12-03 09:00" + NY),
        ("wed", "Send the renewal by end of next week", "Send the renewal", "2026-12-11 17:00" + NY),
        ("wed", "Send the renewal by end of the week", "Send the renewal", "2026-12-04 17:00" + NY),
        ("wed", "Send the renewal by end of the quarter", "Send the renewal", "2026-12-31 17:00" + NY),
        ("wed", "Send the renewal by end of year", "Send the renewal", "2026-12-31 17:00" + NY),
        ("wed", "Send the renewal by end of next month", "Send the renewal", "2027-01-29 17:00" + NY),
        ("wed", "Send the renewal by end of month", "Send the renewal", "2026-12-31 17:00" + NY),
        ("wed", "Reset the password within 2 business hours", "Reset the password", "2026-12-02 12:30" + NY),
        ("wed", "Reset the password in 8 business hours", "Reset the password", "2026-12-03 10:30" + NY),
        ("wed", "Reset the password within 1 business hour", "Reset the password", "2026-12-02 11:30" + NY),
        ("wed", "Reset the password in 6.5 business hours", "", "!NoDate"),
        ("wed", "Reply to the customer by next business day", "Reply to the customer", "2026-12-03 17:00" + NY),
        ("wed", "Reply to the customer by next working day", "Reply to the customer", "2026-12-03 17:00" + NY),
        ("wed", "Order the toner in 5 business days", "Order the toner", "2026-12-09 10:30" + NY),
        ("wed", "Order the toner in three business days", "Order the toner", "2026-12-07 10:30" + NY),
        ("wed", "Order the toner within 10 working days", "Order the toner", "2026-12-16 10:30" + NY),
        ("wed", "Order the toner in a business day", "Order the toner", "2026-12-03 10:30" + NY),
        ("wed", "Order the toner within one working day", "Order the toner", "2026-12-03 10:30" + NY),
        ("wed", "Order the toner 2 business days", "Order the toner", "2026-12-04 10:30" + NY),

        // Past-today times, am/pm, midnight.
        ("wed", "Order the toner by 10:30", "Order the toner", "2026-12-03 10:30" + NY),
        ("wed", "Order the toner by 11:15", "Order the toner", "2026-12-02 11:15" + NY),
        ("wed", "Order the toner Thursday at 3", "Order the toner", "2026-12-03 15:00" + NY),
        ("wed", "Order the toner tomorrow at 7", "", "!Ambiguous"),
        ("wed", "Order the toner Friday at 6", "Order the toner", "2026-12-04 18:00" + NY),
        ("wed", "Order the toner Friday at 8:45", "Order the toner", "2026-12-04 08:45" + NY),
        ("wed", "Order the toner by 5pm", "Order the toner", "2026-12-02 17:00" + NY),
        ("wed", "Order the toner by noon", "Order the toner", "2026-12-02 12:00" + NY),
        ("wed", "Order the toner by 7am", "Order the toner", "2026-12-03 07:00" + NY),
        ("wed", "Order the toner by 10am", "Order the toner", "2026-12-03 10:00" + NY),
        ("wed", "Order the toner by 10:45am", "Order the toner", "2026-12-02 10:45" + NY),
        ("wed", "Order the toner by midnight tonight", "Order the toner", "2026-12-03 00:00" + NY),
        ("wed", "Order the toner by tonight at midnight", "Order the toner", "2026-12-03 00:00" + NY),
        ("wed", "Order the toner by 11:59pm", "Order the toner", "2026-12-02 23:59" + NY),
        ("wed", "Order the toner by 4:30pm", "Order the toner", "2026-12-02 16:30" + NY),
        ("wed", "Order the toner by 16:30", "Order the toner", "2026-12-02 16:30" + NY),
        ("wed", "Order the toner today 8am", "", "!InThePast"),
        ("wed", "Call Dana at 9", "Call Dana", "2026-12-03 09:00" + NY),
        ("wed", "Call Dana at 3", "Call Dana", "2026-12-02 15:00" + NY),
        ("wed", "Call Dana at 12", "Call Dana", "2026-12-02 12:00" + NY),
        ("wed", "Call Dana at 7", "", "!Ambiguous"),
        ("wed", "Meet at 10 Downing Street tomorrow", "Meet at 10 Downing Street", "2026-12-03 17:00" + NY),

        // Ordinals and holidays.
        ("wed", "Pay the vendor by the 1st", "Pay the vendor", "2027-01-01 17:00" + NY),
        ("wed", "Pay the vendor by the 2nd", "Pay the vendor", "2026-12-02 17:00" + NY),
        ("wed", "Pay the vendor by the 31st", "Pay the vendor", "2026-12-31 17:00" + NY),
        ("wed", "Pay the vendor by 20th", "Pay the vendor", "2026-12-20 17:00" + NY),
        ("wed", "Pay the vendor by the 22nd", "Pay the vendor", "2026-12-22 17:00" + NY),
        ("wed", "Pay the vendor by Dec 15", "Pay the vendor", "2026-12-15 17:00" + NY),
        ("wed", "Pay the vendor by 15 December", "Pay the vendor", "2026-12-15 17:00" + NY),
        ("wed", "Pay the vendor by Christmas Eve", "Pay the vendor", "2026-12-24 17:00" + NY),
        ("wed", "Pay the vendor by New Year's Eve", "Pay the vendor", "2026-12-31 17:00" + NY),
        ("wed", "Pay the vendor before Christmas", "Pay the vendor", "2026-12-25 17:00" + NY),

        // Zones.
        ("wed", "Renew the cert by Friday 5pm PT", "Renew the cert", "2026-12-04 17:00 America/Los_Angeles"),
        ("wed", "Renew the cert by Friday 5pm PDT", "Renew the cert", "2026-12-04 17:00 America/Los_Angeles"),
        ("wed", "Renew the cert by 9am ET", "Renew the cert", "2026-12-03 09:00" + NY),
        ("wed", "Renew the cert by Friday 5pm EDT", "Renew the cert", "2026-12-04 17:00" + NY),
        ("wed", "Renew the cert by 3pm CST", "Renew the cert", "2026-12-02 15:00 America/Chicago"),
        ("wed", "Renew the cert by 3pm CT", "Renew the cert", "2026-12-02 15:00 America/Chicago"),
        ("wed", "Renew the cert by noon MST", "Renew the cert", "2026-12-02 12:00 America/Denver"),
        ("wed", "Renew the cert by noon MT", "Renew the cert", "2026-12-02 12:00 America/Denver"),
        ("wed", "Renew the cert by 2pm GMT", "Renew the cert", "2026-12-03 14:00 Etc/UTC"),
        ("wed", "Renew the cert by 6pm BST", "Renew the cert", "2026-12-02 18:00 Europe/London"),
        ("wed", "Renew the cert by Friday 9am CET", "Renew the cert", "2026-12-04 09:00 Europe/Paris"),
        ("wed", "Renew the cert by Friday 9am CEST", "Renew the cert", "2026-12-04 09:00 Europe/Paris"),
        ("wed", "Renew the cert by Monday 9am AEST", "Renew the cert", "2026-12-07 09:00 Australia/Sydney"),
        ("wed", "Renew the cert by Friday 5pm Europe/Berlin", "Renew the cert", "2026-12-04 17:00 Europe/Berlin"),
        ("wed", "Renew the cert by Friday 5pm Sydney time", "Renew the cert", "2026-12-04 17:00 Australia/Sydney"),
        ("wed", "Renew the cert by noon New York time", "Renew the cert", "2026-12-02 12:00" + NY),
        ("wed", "Renew the cert by Friday 10am Asia/Tokyo", "Renew the cert", "2026-12-04 10:00 Asia/Tokyo"),
        ("wed", "Renew the cert by Friday EOD PST", "Renew the cert", "2026-12-04 17:00 America/Los_Angeles"),
        ("wed", "Renew the cert by EOD London time", "Renew the cert", "2026-12-02 17:00 Europe/London"),
        ("wed", "Renew the cert by 5pm IST", "", "!Ambiguous"),
        ("wed", "Renew the cert by Friday 5pm UTC", "Renew the cert", "2026-12-04 17:00 Etc/UTC"),

        // Vague, absurd, zero and negative.
        ("wed", "Send the report soon", "", "!Vague"),
        ("wed", "Send the report ASAP", "", "!Vague"),
        ("wed", "Send the report later", "", "!Vague"),
        ("wed", "Send the report in 3 years", "", "!TooFar"),
        ("wed", "Send the report in 25 months", "", "!TooFar"),
        ("wed", "Send the report in 2 years", "Send the report", "2028-12-02 17:00" + NY),
        ("wed", "Send the report in 104 weeks", "Send the report", "2028-11-29 17:00" + NY),
        ("wed", "Send the report in -3 days", "", "!BadAmount"),
        ("wed", "Send the report in 0 hours", "", "!BadAmount"),
        ("wed", "Send the report within 0 business days", "", "!BadAmount"),
        ("wed", "Send the report in 9999 weeks", "", "!TooFar"),
        ("wed", "Send the report in 5000 business days", "", "!TooFar"),
        ("wed", "Send the report by Dec 3 2030", "", "!TooFar"),

        // Everyday forms that must keep working.
        ("wed", "Send the report in 3 days", "Send the report", "2026-12-05 17:00" + NY),
        ("wed", "Send the report in 2 hours", "Send the report", "2026-12-02 12:30" + NY),
        ("wed", "Send the report in 45 minutes", "Send the report", "2026-12-02 11:15" + NY),
        ("wed", "Send the report by Friday", "Send the report", "2026-12-04 17:00" + NY),
        ("wed", "Send the report Friday 5pm", "Send the report", "2026-12-04 17:00" + NY),
        ("wed", "Send the report by next Friday", "Send the report", "2026-12-11 17:00" + NY),
        ("wed", "Send the report by tomorrow", "Send the report", "2026-12-03 17:00" + NY),
        ("wed", "Send the report by today", "Send the report", "2026-12-02 17:00" + NY),
        ("wed", "Send the report by tonight", "Send the report", "2026-12-02 23:59:59" + NY),
        ("wed", "Send the report by end of day", "Send the report", "2026-12-02 17:00" + NY),
        ("wed", "Send the report by the end of the day", "Send the report", "2026-12-02 17:00" + NY),
        ("wed", "Send the report on Dec 3 at 9am", "Send the report", "2026-12-03 09:00" + NY),
        ("wed", "Send the report by Thursday morning", "Send the report", "2026-12-03 12:00" + NY),
        ("wed", "Send the report until Friday", "Send the report", "2026-12-04 17:00" + NY),
        ("wed", "Book a table for two by Friday 7pm", "Book a table for two", "2026-12-04 19:00" + NY),
        ("wed", "Book a table for tomorrow 7pm", "Book a table", "2026-12-03 19:00" + NY),
        ("wed", "Buy cake for Dana's farewell by Friday", "Buy cake for Dana's farewell", "2026-12-04 17:00" + NY),
        ("wed", "Ship the order for Acme Corp by Monday EOD", "Ship the order|Acme Corp", "2026-12-07 17:00" + NY),
        ("wed", "Call back Dana at Globex tomorrow 10am", "Call back Dana at Globex", "2026-12-03 10:00" + NY),
        ("wed", "Fix the VPN for Soylent in 2 business days", "Fix the VPN|Soylent", "2026-12-04 10:30" + NY),
        ("wed", "Check in with Hooli by COB Thursday", "Check in with Hooli", "2026-12-03 17:00" + NY),
        ("wed", "Send the report by Monday by EOD", "", "!Title"),
        ("wed", "Send the report by tomorrow by COB", "", "!Title"),
        ("wed", "Send the report by tomorrow at", "", "!NoDate"),
        ("wed", "Send the report at 9 tomorrow", "", "!Title"),
        ("wed", "Send the report Dec 31 9999 11pm", "", "!Title"),
        ("wed", "Send the report by the 15th at 3pm", "Send the report", "2026-12-15 15:00" + NY),
        ("wed", "Send the report by the 2nd at 9am", "Send the report", "2027-01-02 09:00" + NY),
        ("wed", "Send the report by end of today", "Send the report", "2026-12-02 17:00" + NY),
        ("wed", "Upgrade to Windows 11 by Friday", "Upgrade to Windows 11", "2026-12-04 17:00" + NY),
        ("wed", "Call about ticket 4411 by Friday", "Call about ticket 4411", "2026-12-04 17:00" + NY),

        // Friday evening, after closing.
        ("fri-eve", "send quote by EOD", "", "!InThePast"),
        ("fri-eve", "send quote by Monday EOD", "send quote", "2026-12-07 17:00" + NY),
        ("fri-eve", "send quote first thing monday", "send quote", "2026-12-07 09:00" + NY),
        ("fri-eve", "send quote first thing", "send quote", "2026-12-07 09:00" + NY),
        ("fri-eve", "send quote in 1 business day", "send quote", "2026-12-08 09:00" + NY),
        ("fri-eve", "send quote within 4 business hours", "send quote", "2026-12-07 13:00" + NY),
        ("fri-eve", "send quote within 8 business hours", "send quote", "2026-12-07 17:00" + NY),
        ("fri-eve", "send quote by next business day", "send quote", "2026-12-07 17:00" + NY),
        ("fri-eve", "send quote by end of week", "", "!InThePast"),
        ("fri-eve", "send quote by end of next week", "send quote", "2026-12-11 17:00" + NY),
        ("fri-eve", "send quote by 9am", "send quote", "2026-12-05 09:00" + NY),
        ("fri-eve", "send quote tomorrow EOD", "send quote", "2026-12-05 17:00" + NY),
        ("fri-eve", "send quote by midnight", "send quote", "2026-12-05 00:00" + NY),
        ("fri-eve", "send quote by next week", "", "!Vague"),
        ("fri-eve", "send quote by 8pm", "send quote", "2026-12-04 20:00" + NY),
        ("fri-eve", "send quote in 2 business days", "send quote", "2026-12-09 09:00" + NY),
        ("fri-eve", "send quote ASAP", "", "!Vague"),
        ("fri-eve", "send quote Monday at 10", "send quote", "2026-12-07 10:00" + NY),
        ("fri-eve", "send quote by the 4th", "send quote", "2027-01-04 17:00" + NY),

        // Sunday.
        ("sun", "call back first thing monday", "call back", "2026-12-07 09:00" + NY),
        ("sun", "call back first thing tomorrow", "call back", "2026-12-07 09:00" + NY),
        ("sun", "call back by EOD", "call back", "2026-12-06 17:00" + NY),
        ("sun", "call back in 1 business day", "call back", "2026-12-08 09:00" + NY),
        ("sun", "call back within 2 business hours", "call back", "2026-12-07 11:00" + NY),
        ("sun", "call back by end of week", "", "!InThePast"),
        ("sun", "call back by Monday", "call back", "2026-12-07 17:00" + NY),
        ("sun", "call back Monday 9am", "call back", "2026-12-07 09:00" + NY),
        ("sun", "call back by next business day", "call back", "2026-12-07 17:00" + NY),
        ("sun", "call back tomorrow at 8:30", "call back", "2026-12-07 08:30" + NY),
        ("sun", "call back by the 6th", "call back", "2026-12-06 17:00" + NY),
        ("sun", "call back by end of month", "call back", "2026-12-31 17:00" + NY),
        ("sun", "call back 5pm PST", "call back", "2026-12-06 17:00 America/Los_Angeles"),
        ("sun", "call back by next week", "", "!Vague"),

        // London, Monday before opening.
        ("london-mon", "Send the invoice by EOD", "Send the invoice", "2026-12-07 17:00 Europe/London"),
        ("london-mon", "Send the invoice in 1 business day", "Send the invoice", "2026-12-08 09:00 Europe/London"),
        ("london-mon", "Send the invoice within 3 business hours", "Send the invoice", "2026-12-07 12:00 Europe/London"),
        ("london-mon", "Send the invoice first thing", "Send the invoice", "2026-12-07 09:00 Europe/London"),
        ("london-mon", "Send the invoice by 5pm EST", "Send the invoice", "2026-12-07 17:00" + NY),
        ("london-mon", "Send the invoice by 5pm CST", "", "!Ambiguous"),
        ("london-mon", "Send the invoice by 5pm ET", "Send the invoice", "2026-12-07 17:00" + NY),
        ("london-mon", "Send the invoice by midnight", "Send the invoice", "2026-12-08 00:00 Europe/London"),
        ("london-mon", "Send the invoice by Wednesday at 2", "Send the invoice", "2026-12-09 14:00 Europe/London"),

        // The DST week: London on GMT, New York still on EDT until Sunday.
        ("dst", "Sync with the London office Friday 5pm London time", "Sync with the London office", "2026-10-30 17:00 Europe/London"),
        ("dst", "Sync with the London office by Friday 12pm GMT", "Sync with the London office", "2026-10-30 12:00 Etc/UTC"),
        ("dst", "Send the payroll in 2 business days", "Send the payroll", "2026-10-30 10:00" + NY),
        ("dst", "Send the payroll in 3 business days", "Send the payroll", "2026-11-02 10:00" + NY),
        ("dst", "Send the payroll by Monday 9am EST", "Send the payroll", "2026-11-02 09:00" + NY),
        ("dst", "Send the payroll within 16 business hours", "Send the payroll", "2026-10-30 10:00" + NY),
        ("dst", "Send the payroll by end of month", "Send the payroll", "2026-10-30 17:00" + NY),
        ("dst", "Send the payroll by 5pm PDT", "Send the payroll", "2026-10-28 17:00 America/Los_Angeles"),
        ("dst", "Send the payroll by Monday EOD", "Send the payroll", "2026-11-02 17:00" + NY),

        // Sydney, late afternoon.
        ("sydney", "Lodge the BAS by EOD", "Lodge the BAS", "2026-12-03 17:00 Australia/Sydney"),
        ("sydney", "Lodge the BAS in 1 business day", "Lodge the BAS", "2026-12-04 16:00 Australia/Sydney"),
        ("sydney", "Lodge the BAS within 2 business hours", "Lodge the BAS", "2026-12-04 10:00 Australia/Sydney"),
        ("sydney", "Lodge the BAS by 9am", "Lodge the BAS", "2026-12-04 09:00 Australia/Sydney"),
        ("sydney", "Lodge the BAS by Friday 5pm AEST", "Lodge the BAS", "2026-12-04 17:00 Australia/Sydney"),
        ("sydney", "Lodge the BAS by 9am PST", "Lodge the BAS", "2026-12-03 09:00 America/Los_Angeles"),
        ("sydney", "Lodge the BAS by end of week", "Lodge the BAS", "2026-12-04 17:00 Australia/Sydney"),
        ("sydney", "Lodge the BAS by the 3rd", "Lodge the BAS", "2026-12-03 17:00 Australia/Sydney"),

        // Los Angeles, ten minutes before closing.
        ("la", "Push the hotfix by EOD", "Push the hotfix", "2026-12-03 17:00 America/Los_Angeles"),
        ("la", "Push the hotfix within 1 business hour", "Push the hotfix", "2026-12-04 09:50 America/Los_Angeles"),
        ("la", "Push the hotfix Friday at 5", "Push the hotfix", "2026-12-04 17:00 America/Los_Angeles"),
        ("la", "Push the hotfix by 5pm ET", "Push the hotfix", "2026-12-04 17:00" + NY),
        ("la", "Push the hotfix by COB", "Push the hotfix", "2026-12-03 17:00 America/Los_Angeles"),
        ("la", "Push the hotfix first thing tomorrow", "Push the hotfix", "2026-12-04 09:00 America/Los_Angeles"),
    ];

    public static DateContext Context(string moment)
    {
        var (zone, now) = Moments[moment];
        return new DateContext(InstantPattern.General.Parse(now).GetValueOrThrow(), DateTimeZoneProviders.Tzdb[zone]);
    }

    /// <summary>"2026-12-03 17:00 America/New_York" as an instant.</summary>
    public static Instant ExpectedInstant(string expected)
    {
        var space = expected.LastIndexOf(' ');
        var text = expected[..space];
        var local = LocalDateTimePattern.CreateWithInvariantCulture(text.Length > 16 ? "uuuu'-'MM'-'dd HH':'mm':'ss" : "uuuu'-'MM'-'dd HH':'mm").Parse(text).GetValueOrThrow();
        return DateTimeZoneProviders.Tzdb[expected[(space + 1)..]].AtStrictly(local).ToInstant();
    }

    public static (string Title, string? Customer) ExpectedTitle(string title)
    {
        var bar = title.IndexOf('|');
        return bar < 0 ? (title, null) : (title[..bar], title[(bar + 1)..]);
    }
}
