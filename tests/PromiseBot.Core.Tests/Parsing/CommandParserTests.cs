using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Tests.Dates;

namespace PromiseBot.Core.Tests.Parsing;

/// <summary>
/// The grammar as a table. "Now" is pinned to Monday 23 Nov 2026 10:00 in New York; due times are shown in local
/// wall-clock time, with * when the time was defaulted to 17:00 (end of business).
/// </summary>
public sealed class CommandParserTests
{
    private const string CreateHint = "add Send the quote to Acme by Friday 5pm";

    private static readonly CommandParser Parser = new(TestDates.Parser);

    private static string Parse(string text) => CommandDescriber.Describe(Parser.Parse(text, TestDates.NewYorkMonday), TestDates.NewYorkMonday);

    [Theory]
    // The examples the product promises to understand.
    [InlineData("Send the quote to Acme by Friday 5pm", "create 'Send the quote to Acme' due 2026-11-27 17:00")]
    [InlineData("add Call back Dana at Globex tomorrow 10am for Globex #callback", "create 'Call back Dana at Globex' due 2026-11-24 10:00 for 'Globex' #callback")]
    [InlineData("Refund confirmed for order 1182 by Dec 3 <@U123ABC> #refunds", "create 'Refund confirmed for order 1182' due 2026-12-03 17:00* owner U123ABC #refunds")]
    [InlineData("Ship replacement part in 3 days for Contoso", "create 'Ship replacement part' due 2026-11-26 17:00* for 'Contoso'")]
    // Date keywords, and words that are only sometimes keywords.
    [InlineData("Call back Dana at Globex tomorrow 10am", "create 'Call back Dana at Globex' due 2026-11-24 10:00")]
    [InlineData("ADD Send invoice to Acme by Friday", "create 'Send invoice to Acme' due 2026-11-27 17:00*")]
    [InlineData("Ship it Friday at 5pm", "create 'Ship it' due 2026-11-27 17:00")]
    [InlineData("Book the site visit with Tyrell on Thursday at noon", "create 'Book the site visit with Tyrell' due 2026-11-26 12:00")]
    [InlineData("Quote for Initech by next Tuesday 3pm", "create 'Quote' due 2026-12-01 15:00 for 'Initech'")]
    [InlineData("Follow up with Umbrella by end of month", "create 'Follow up with Umbrella' due 2026-11-30 17:00")]
    [InlineData("Confirm delivery slot for Hooli in 2 hours", "create 'Confirm delivery slot' due 2026-11-23 12:00 for 'Hooli'")]
    [InlineData("Fix the billing address for Wayne by tomorrow evening", "create 'Fix the billing address' due 2026-11-24 20:00 for 'Wayne'")]
    [InlineData("Renew the support contract for Cyberdyne by December 15", "create 'Renew the support contract' due 2026-12-15 17:00* for 'Cyberdyne'")]
    [InlineData("Reply to Soylent about the outage within 4 hours", "create 'Reply to Soylent about the outage' due 2026-11-23 14:00")]
    [InlineData("Send the report by eod", "create 'Send the report' due 2026-11-23 17:00")]
    [InlineData("Send the report before Friday 5pm", "create 'Send the report' due 2026-11-27 17:00")]
    [InlineData("Send the report by 5pm", "create 'Send the report' due 2026-11-23 17:00")]
    [InlineData("Send the report by Dec 3 at 5pm", "create 'Send the report' due 2026-12-03 17:00")]
    [InlineData("Send the report by 3 Dec", "create 'Send the report' due 2026-12-03 17:00*")]
    [InlineData("Send the report next Friday", "create 'Send the report' due 2026-12-04 17:00*")]
    [InlineData("Send the report by end of the week", "create 'Send the report' due 2026-11-27 17:00")]
    [InlineData("Send the report this week", "create 'Send the report' due 2026-11-29 17:00*")]
    [InlineData("Send the report in 2 weeks", "create 'Send the report' due 2026-12-07 17:00*")]
    [InlineData("Send the report within 3 days", "create 'Send the report' due 2026-11-26 17:00*")]
    [InlineData("Send the report in 45 minutes", "create 'Send the report' due 2026-11-23 10:45")]
    [InlineData("Send the report by tomorrow at 10am.", "create 'Send the report' due 2026-11-24 10:00")]
    [InlineData("Send the report\nby Friday 5pm", "create 'Send the report' due 2026-11-27 17:00")]
    [InlineData("Pay May invoice tomorrow", "create 'Pay May invoice' due 2026-11-24 17:00*")]
    [InlineData("Book a table for tomorrow 7pm", "create 'Book a table' due 2026-11-24 19:00")]
    [InlineData("Follow up by Friday for May", "create 'Follow up' due 2026-11-27 17:00* for 'May'")]
    // Customers, owners and categories after the date, in any order.
    [InlineData("Send the report by Friday 5pm for Acme <@U1>", "create 'Send the report' due 2026-11-27 17:00 for 'Acme' owner U1")]
    [InlineData("Send the report by Friday 5pm <@U1|ana> #Quotes", "create 'Send the report' due 2026-11-27 17:00 owner U1 #quotes")]
    [InlineData("Send the report by Friday 5pm #quotes <@U1>", "create 'Send the report' due 2026-11-27 17:00 owner U1 #quotes")]
    [InlineData("Send the report by Friday 5pm <@29:1abcDEF|Ana Lopez>", "create 'Send the report' due 2026-11-27 17:00 owner 29:1abcDEF")]
    [InlineData("Send the report by Friday 5pm for Acme Corp Ltd #big-deals", "create 'Send the report' due 2026-11-27 17:00 for 'Acme Corp Ltd' #big-deals")]
    [InlineData("Send the report by Friday #snake_case for Acme", "create 'Send the report' due 2026-11-27 17:00* for 'Acme' #snake_case")]
    [InlineData("Send the report by Friday for Acme <@U1> #quotes", "create 'Send the report' due 2026-11-27 17:00* for 'Acme' owner U1 #quotes")]
    // Create mistakes.
    [InlineData("Send the report by Friday #12", "error[" + CreateHint + "]")]
    [InlineData("Send the report by yesterday", "error[" + CreateHint + "] understood=Sun 22 Nov 17:00 EST")]
    [InlineData("Send the report by today 8am", "error[" + CreateHint + "] understood=Mon 23 Nov 08:00 EST")]
    [InlineData("Send the report tomorrow at 10", "create 'Send the report' due 2026-11-24 10:00")] // issue 11 item 5: one reading in business hours
    [InlineData("Send the report tomorrow at 7", "error[" + CreateHint + "] understood=Tue 24 Nov 07:00 EST or Tue 24 Nov 19:00 EST")]
    [InlineData("Send the report by blursday", "error[" + CreateHint + "]")]
    [InlineData("add Send the report", "error[" + CreateHint + "]")]
    [InlineData("add", "error[" + CreateHint + "]")]
    [InlineData("add by Friday 5pm", "error[" + CreateHint + "] understood=Fri 27 Nov 17:00 EST")]
    [InlineData("hello", "error[" + CreateHint + "]")]
    [InlineData("Send the report by Friday <@U1> <@U2>", "error[" + CreateHint + " <@U123ABC>]")]
    [InlineData("Send the report by Friday #a #b", "error[" + CreateHint + " #quotes]")]
    // list
    [InlineData("list", "list")]
    [InlineData("LIST mine", "list mine")]
    [InlineData("list <@U1>", "list user=U1")]
    [InlineData("list <@U1|ana>", "list user=U1")]
    [InlineData("list #Refunds", "list #refunds")]
    [InlineData("list overdue", "list overdue")]
    [InlineData("list due", "list due")]
    [InlineData("list overdue #refunds", "list #refunds overdue")]
    [InlineData("list mine due", "list mine due")]
    [InlineData("list #refunds overdue mine", "list mine #refunds overdue")]
    [InlineData("list <@U7> due", "list user=U7 due")]
    [InlineData("list all", "list all page=1")]
    [InlineData("list all 2", "list all page=2")]
    [InlineData("list all page 2", "list all page=2")]
    [InlineData("list 2", "error[list all page 2]")]
    [InlineData("list all page", "error[list all page 2]")]
    [InlineData("list all page 0", "error[list all page 2]")]
    [InlineData("list banana", "error[list overdue #refunds]")]
    [InlineData("list #12", "error[list overdue #refunds]")]
    // show / done
    [InlineData("show 12", "show #12")]
    [InlineData("show #12", "show #12")]
    [InlineData("SHOW 12", "show #12")]
    [InlineData("show", "error[show 12]")]
    [InlineData("show twelve", "error[show 12]")]
    [InlineData("show 12 now", "error[show 12]")]
    [InlineData("done 12", "done #12")]
    [InlineData("done #12 delivered early", "done #12 note='delivered early'")]
    [InlineData("done 12\tshipped", "done #12 note='shipped'")]
    [InlineData("done", "error[done 12 delivered on time]")]
    [InlineData("done 0", "error[done 12 delivered on time]")]
    // extend
    [InlineData("extend 12 to Friday 5pm", "extend #12 to 2026-11-27 17:00")]
    [InlineData("extend 12 Friday 5pm", "extend #12 to 2026-11-27 17:00")]
    [InlineData("Extend #12 to next Tuesday because customer asked", "extend #12 to 2026-12-01 17:00* because 'customer asked'")]
    [InlineData("extend 12 by Dec 3", "extend #12 to 2026-12-03 17:00*")]
    [InlineData("extend 12 to in 2 hours", "extend #12 to 2026-11-23 12:00")]
    [InlineData("extend 12 to yesterday", "error[extend 12 to Friday 5pm] understood=Sun 22 Nov 17:00 EST")]
    [InlineData("extend 12 to tomorrow at 10", "extend #12 to 2026-11-24 10:00")]
    [InlineData("extend 12 to tomorrow at 7", "error[extend 12 to Friday 5pm] understood=Tue 24 Nov 07:00 EST or Tue 24 Nov 19:00 EST")]
    [InlineData("extend 12 to blursday", "error[extend 12 to Friday 5pm]")]
    [InlineData("extend 12", "error[extend 12 to Friday 5pm]")]
    [InlineData("extend 12 to", "error[extend 12 to Friday 5pm]")]
    [InlineData("extend to Friday", "error[extend 12 to Friday 5pm]")]
    // pause / resume
    [InlineData("pause 12 waiting on customer", "pause #12 WaitingOnCustomer 'waiting on customer'")]
    [InlineData("pause 12 customer", "pause #12 WaitingOnCustomer 'customer'")]
    [InlineData("pause 12 Waiting for customer sign-off", "pause #12 WaitingOnCustomer 'Waiting for customer sign-off'")]
    [InlineData("pause 12 vendor", "pause #12 WaitingOnVendor 'vendor'")]
    [InlineData("pause 12 supplier is late", "pause #12 WaitingOnVendor 'supplier is late'")]
    [InlineData("pause 12 waiting on vendor", "pause #12 WaitingOnVendor 'waiting on vendor'")]
    [InlineData("pause 12 customers meeting moved", "pause #12 Other 'customers meeting moved'")]
    [InlineData("pause 12 holiday freeze", "pause #12 Other 'holiday freeze'")]
    [InlineData("pause 12", "error[pause 12 waiting on customer]")]
    [InlineData("resume 12", "resume #12")]
    [InlineData("resume", "error[resume 12]")]
    // assign / backup
    [InlineData("assign 12 <@U2>", "assign #12 U2")]
    [InlineData("assign #12 <@U2|bo>", "assign #12 U2")]
    [InlineData("assign 12 <@29:1xyz|Bo Chen>", "assign #12 29:1xyz")]
    [InlineData("assign 12", "error[assign 12 @someone]")]
    [InlineData("assign 12 bob", "error[assign 12 @someone]")]
    [InlineData("backup 12 <@U3>", "backup #12 U3")]
    [InlineData("backup 12 <@U3> <@U4>", "error[backup 12 @someone]")]
    // cancel / history / help
    [InlineData("cancel 12", "cancel #12")]
    [InlineData("cancel 12 customer withdrew", "cancel #12 reason='customer withdrew'")]
    [InlineData("cancel", "error[cancel 12 customer withdrew the request]")]
    [InlineData("history 12", "history #12")]
    [InlineData("history #7", "history #7")]
    [InlineData("history x", "error[history 12]")]
    [InlineData("help", "help")]
    [InlineData("Help List", "help list")]
    [InlineData("", "help")]
    [InlineData("   \n ", "help")]
    // A verb that starts a promise is a promise when a due date follows.
    [InlineData("Show the demo to Acme on Friday", "create 'Show the demo to Acme' due 2026-11-27 17:00*")]
    [InlineData("Cancel the old contract for Acme by Friday", "create 'Cancel the old contract' due 2026-11-27 17:00* for 'Acme'")]
    [InlineData("List the new SKUs for Acme by Friday", "create 'List the new SKUs' due 2026-11-27 17:00* for 'Acme'")]
    [InlineData("Help Dana with onboarding by Friday 5pm", "create 'Help Dana with onboarding' due 2026-11-27 17:00")]
    // Input hygiene.
    [InlineData("show\u0007 12", "error[help]")]
    [InlineData("done 12\u0000", "error[help]")]
    public void Parse_ReadsTextAs(string text, string expected) => Assert.Equal(expected, Parse(text));

    [Theory]
    [InlineData("add Send invoice to Acme by Friday")]
    [InlineData("add Call back Dana at Globex tomorrow 10am")]
    [InlineData("add Refund confirmed for order 1182 by Dec 3")]
    [InlineData("add Ship replacement part to Contoso in 3 days")]
    [InlineData("add Quote for Initech by next Tuesday 3pm")]
    [InlineData("add Follow up with Umbrella by end of month")]
    [InlineData("add Confirm delivery slot for Hooli in 2 hours")]
    [InlineData("add Send onboarding pack to Stark by Monday 9am")]
    [InlineData("add Fix the billing address for Wayne by tomorrow evening")]
    [InlineData("add Renew the support contract for Cyberdyne by December 15")]
    [InlineData("add Reply to Soylent about the outage within 4 hours")]
    [InlineData("add Book the site visit with Tyrell on Thursday at noon")]
    public void Parse_LoadGeneratorLine_IsAPromise(string text)
    {
        // Tuesday 24 Nov 2026 10:00 New York: every line's date is ahead (on a Monday after 9:00 "by Monday 9am" has passed).
        var context = TestDates.Context("America/New_York", "2026-11-24T15:00:00Z");
        var create = Assert.IsType<CreatePromiseCommand>(Parser.Parse(text, context));
        Assert.False(string.IsNullOrWhiteSpace(create.Title));
        Assert.True(create.Due.Due > context.Now);
    }

    [Theory]
    // DST: New York springs forward on Sun 8 Mar 2026 and falls back on Sun 1 Nov 2026.
    [InlineData("America/New_York", "2026-03-07T15:00:00Z", "Send it tomorrow 10am", "2026-03-08T14:00:00Z")]
    [InlineData("America/New_York", "2026-03-07T15:00:00Z", "Send it tomorrow 2:30am", "2026-03-08T07:30:00Z")]
    [InlineData("America/New_York", "2026-10-31T15:00:00Z", "Send it by Nov 1 9am", "2026-11-01T14:00:00Z")]
    [InlineData("America/New_York", "2026-10-31T15:00:00Z", "Send it by Nov 1 1:30am", "2026-11-01T05:30:00Z")]
    [InlineData("America/New_York", "2026-03-08T06:30:00Z", "Send it in 2 hours", "2026-03-08T08:30:00Z")]
    // London springs forward on Sun 29 Mar 2026.
    [InlineData("Europe/London", "2026-11-23T15:00:00Z", "Send it by Friday 5pm", "2026-11-27T17:00:00Z")]
    [InlineData("Europe/London", "2026-03-28T10:00:00Z", "Send it tomorrow 10am", "2026-03-29T09:00:00Z")]
    // Tokyo is already on Tuesday when New York's Monday morning happens.
    [InlineData("Asia/Tokyo", "2026-11-23T15:00:00Z", "Send it tomorrow 9am", "2026-11-25T00:00:00Z")]
    [InlineData("Asia/Tokyo", "2026-11-23T15:00:00Z", "Send it by Friday 5pm", "2026-11-27T08:00:00Z")]
    // Sydney is on daylight time in November and springs forward on Sun 4 Oct 2026.
    [InlineData("Australia/Sydney", "2026-11-23T15:00:00Z", "Send it by Friday 5pm", "2026-11-27T06:00:00Z")]
    [InlineData("Australia/Sydney", "2026-11-23T15:00:00Z", "Send it by end of month", "2026-11-30T06:00:00Z")]
    [InlineData("Australia/Sydney", "2026-10-02T23:00:00Z", "Send it tomorrow 10am", "2026-10-03T23:00:00Z")]
    [InlineData("UTC", "2026-11-23T15:00:00Z", "Send it by Friday 5pm", "2026-11-27T17:00:00Z")]
    [InlineData("UTC", "2026-11-23T15:00:00Z", "Send it in 2 hours", "2026-11-23T17:00:00Z")]
    public void Create_InUserZone_IsDueAtInstant(string zone, string nowUtc, string text, string expectedUtc)
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parser.Parse(text, TestDates.Context(zone, nowUtc)));
        Assert.Equal(TestDates.Utc(expectedUtc), create.Due.Due);
        Assert.Equal("Send it", create.Title);
    }

    [Theory]
    [InlineData("Europe/London", "2026-11-23T15:00:00Z", "Send it by today 9am", "Mon 23 Nov 09:00 GMT")]
    [InlineData("Asia/Tokyo", "2026-11-23T15:00:00Z", "Send it by yesterday", "Mon 23 Nov 17:00 JST")]
    [InlineData("Australia/Sydney", "2026-11-23T15:00:00Z", "Send it yesterday", "Mon 23 Nov 17:00 AEDT")]
    public void Create_WithPastDueDate_IsRejectedWithWhatWasUnderstood(string zone, string nowUtc, string text, string understood)
    {
        var error = Assert.IsType<CommandError>(Parser.Parse(text, TestDates.Context(zone, nowUtc)));
        Assert.Equal(understood, error.Understood);
        Assert.Contains("already passed", error.Message);
        Assert.Equal(CreateHint, error.Hint);
    }

    [Fact]
    public void Create_WithAmbiguousHour_NamesBothReadings()
    {
        var error = Assert.IsType<CommandError>(Parser.Parse("Call Dana tomorrow at 7", TestDates.NewYorkMonday));
        Assert.Contains("Tue 24 Nov 07:00 EST", error.Message);
        Assert.Contains("Tue 24 Nov 19:00 EST", error.Message);
    }

    [Fact]
    public void Create_WithoutDate_SaysSoAndNamesTheVerbs()
    {
        var error = Assert.IsType<CommandError>(Parser.Parse("frobnicate the widgets", TestDates.NewYorkMonday));
        Assert.Contains("couldn't find a due date in \"frobnicate the widgets\"", error.Message);
        Assert.Contains("list, show, done, extend", error.Message);
        Assert.Equal(CreateHint, error.Hint);
    }

    [Fact]
    public void Create_WithTitleOver200Characters_IsRejected()
    {
        var title = new string('x', 201);
        var error = Assert.IsType<CommandError>(Parser.Parse($"add {title} by Friday", TestDates.NewYorkMonday));
        Assert.Contains("200", error.Message);
    }

    [Fact]
    public void Create_WithTitleOf200Characters_IsAccepted()
    {
        var title = new string('x', 200);
        var create = Assert.IsType<CreatePromiseCommand>(Parser.Parse($"add {title} by Friday", TestDates.NewYorkMonday));
        Assert.Equal(title, create.Title);
    }

    [Fact]
    public void Create_WithCustomerOver100Characters_IsRejected()
    {
        var customer = new string('c', 101);
        var error = Assert.IsType<CommandError>(Parser.Parse($"Send it by Friday for {customer}", TestDates.NewYorkMonday));
        Assert.Contains("100", error.Message);
    }

    [Fact]
    public void Parse_TextOver2000Characters_IsRejected()
    {
        var error = Assert.IsType<CommandError>(Parser.Parse("done 12 " + new string('a', 2000), TestDates.NewYorkMonday));
        Assert.Contains("2,000", error.Message);
    }

    [Fact]
    public void Create_KeepsThePhraseAsTyped()
    {
        var create = Assert.IsType<CreatePromiseCommand>(Parser.Parse("Send it by Friday 5PM!", TestDates.NewYorkMonday));
        Assert.Equal("Friday 5PM", create.Due.Phrase);
        Assert.Equal(new UserId("U9"), Assert.IsType<CreatePromiseCommand>(Parser.Parse("Send it by Friday <@U9>", TestDates.NewYorkMonday)).Owner);
    }

    [Fact]
    public void Parse_DoesNotConsultTheDateParser_ForNumberedVerbs()
    {
        var dates = new Moq.Mock<IDueDateParser>(Moq.MockBehavior.Strict);
        var parser = new CommandParser(dates.Object);
        Assert.IsType<CompletePromiseCommand>(parser.Parse("done 12 shipped", TestDates.NewYorkMonday));
        Assert.IsType<ListPromisesCommand>(parser.Parse("list mine", TestDates.NewYorkMonday));
    }
}
