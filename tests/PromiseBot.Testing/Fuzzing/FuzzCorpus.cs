using System.Reflection;
using Xunit;

namespace PromiseBot.Testing.Fuzzing;

/// <summary>
/// Real inputs the fuzzers mutate: commands from the README's command table, examples and help texts, and the
/// payload shapes Slack and Teams send (taken from the tests that pin them). A test project may add the strings of
/// its own <c>[InlineData]</c> tables (<see cref="InlineStrings"/>).
/// </summary>
public static class FuzzCorpus
{
    public static readonly string[] Commands =
    [
        "Send the quote to Acme by Friday 5pm", "add Call back Dana at Globex tomorrow 10am for Globex #callback",
        "Refund confirmed for order 1182 by Dec 3 <@U123ABC> #refunds", "Ship replacement part in 3 days for Contoso",
        "Reply to Soylent about the outage within 4 hours", "list overdue #refunds", "extend 3 to Monday 10am because the customer asked",
        "add Send the quote to Acme tomorrow 5pm", "list", "add Call back Dana in 2 days for Globex <@U0SAM> #callback", "digest",
        "done 1", "list mine", "list <@U0DANA|dana>", "list #web", "list overdue", "list due", "list all 2", "show 12", "history 12",
        "done 12 sent it over", "extend 12 to Friday 5pm because the vendor is late", "pause 12 waiting on customer", "resume 12",
        "assign 12 <@U0SAM>", "backup 12 <@U0DANA|dana>", "cancel 12 no longer needed", "broken 12 the part never came",
        "reopen 12 closed by mistake", "list kept", "list late", "list broken", "recompute outcomes",
        "recover 12 cause vendor; fix sent a loaner; prevent keep two spares", "recover 12 cause vendor; told yes; apology no",
        "apology 12", "feedback 12 4/5 great job", "feedback #12 4 out of 5", "update 12",
        "report last week #web <@U0SAM> for Acme", "report 1 Nov to 15 Nov", "report last 30 days",
        "Send the quote to Acme by Friday 5pm #web risk vendor,customer-input", "risk 12 +vendor -customer-input", "risk 12",
        "list risky", "suggest #web", "away <@U0SAM> 2026-12-21 to 2026-12-28", "away <@U0SAM> off", "away",
        "guarantee basic credit 5% per business day late max 25%", "guarantee premium credit 10% per day late max 100%",
        "guarantee full-refund refund 100% if late", "guarantee list", "guarantee remove basic",
        "Fix the site for Acme by Friday #web guarantee premium value $2,400", "Send the plan by Monday guarantee basic value €1,200.50",
        "credit 12 issue", "credit 12 waive goodwill", "credits", "credits last month", "credits 2026-11", "config currency EUR",
        "ack 12", "authority", "authority extend 2 business days", "authority extend 3 days", "authority extend off",
        "authority credit $100", "authority credit off", "approvals", "approve 3", "decline 3 not this time",
        "digest on 09:00 weekdays America/New_York quiet", "digest off", "digest settings", "config", "config manager <@U0MAYA>",
        "config quiet 20:00-08:00", "config quiet off", "config reminders 24h,4h", "config buffer 20%", "config capacity 8",
        "config timezone Europe/London", "help", "help outcomes", "help risk", "help guarantee", "export", "export last month #web",
        "Send the quote to Acme by Friday 5pm aim Thursday noon", "use 12 3", "calendar", "calendar hours mon-fri 09:00-17:00",
        "calendar hours mon-fri 08:30-12:00,13:00-17:30", "calendar hours sat 10:00-14:00", "calendar hours sun closed",
        "calendar hours 24/7", "calendar new uk-support Europe/London", "calendar remove uk-support", "calendar uk-support",
        "calendar zone Europe/London", "calendar holiday add 2026-12-25 Christmas Day", "calendar holiday remove 2026-12-25",
        "calendar holidays 2027", "calendar holidays import US", "calendar uk-support hours mon-fri 09:00-17:00",
        "sla #quotes 2 business days", "sla #support 4 business hours", "sla #support buffer 25%", "sla #support buffer default",
        "sla #support off", "sla #support pause-on customer", "sla #support warn 25%,80%", "sla #urgent 1 business hour calendar 24-7",
        "sla", "Reset the router for Acme #support", "Call back Dana in 1 business day", "Send the report by eod",
        "Quote for Initech by next Tuesday 3pm", "Follow up with Umbrella by end of month", "Prep for Monday by Friday",
    ];

    public static readonly string[] Dates =
    [
        "Friday 5pm", "tomorrow 10am", "Dec 3", "3rd December at 9:15am", "next Tuesday 3pm", "tomorrow evening", "in 3 days",
        "within 4 hours", "in 45 min", "the 15th", "by the 3rd", "Christmas", "New Year's Eve", "Thanksgiving", "EOD",
        "end of the business day", "COB", "close of business", "first thing Monday", "tomorrow EOD", "EOD tomorrow",
        "Monday COB", "end of next week", "end of the month", "end of quarter", "end of year", "in 1 business day",
        "in 4 business hours", "in 2 weeks", "by Friday", "before Friday 5pm", "on Dec 3 at 5pm", "at noon", "midnight",
        "2026-12-03 17:00", "12/03/2026", "3/12", "in 2 hours", "next Friday", "this week", "Monday 10am Europe/London",
        "Friday 5pm PST", "tomorrow at 9:30 CET", "in 90 minutes", "Dec 31 11:59pm", "February 29", "due Friday",
    ];

    public static readonly string[] Calendars = [.. Commands.Where(c => c.StartsWith("calendar", StringComparison.Ordinal))];

    public static readonly string[] Slas = [.. Commands.Where(c => c.StartsWith("sla", StringComparison.Ordinal) || c.Contains("business", StringComparison.Ordinal))];

    public static readonly string[] Guarantees =
    [
        .. Commands.Where(c => c.Contains("guarantee", StringComparison.Ordinal) || c.StartsWith("credit", StringComparison.Ordinal) || c.Contains("currency", StringComparison.Ordinal)),
        "guarantee gold credit 2.5% per business hour late max 50%", "Send it by Friday guarantee premium value 2400 EUR",
        "Send it by Friday guarantee premium value USD 2,400", "Send it by Friday guarantee basic value ¥300000",
    ];

    public static readonly string[] Authority =
    [
        .. Commands.Where(c => c.StartsWith("authority", StringComparison.Ordinal) || c.StartsWith("approv", StringComparison.Ordinal) || c.StartsWith("decline", StringComparison.Ordinal)),
        "authority credit 100 USD", "authority credit €50", "authority credit £20.50", "authority extend 0 days", "authority extend 90 business days",
    ];

    /// <summary>Slack slash command form bodies (application/x-www-form-urlencoded, as Slack posts them).</summary>
    public static readonly string[] SlashBodies =
    [
        "token=x&team_id=T0001&team_domain=acme&channel_id=C0001&channel_name=general&user_id=U0001&user_name=maya&command=%2Fpromise&text=add+Send+the+quote+to+Acme+by+Friday+5pm&api_app_id=A1&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1%2F2%2F3&trigger_id=1.2.3",
        "token=x&team_id=T0001&channel_id=D0001&channel_name=directmessage&user_id=U0001&command=%2Fpromise&text=list+mine&trigger_id=4.5.6",
        "token=x&team_id=T0001&enterprise_id=E0001&channel_id=C0001&user_id=U0001&command=%2Fpromise&text=extend+3+to+Monday+10am+because+%26lt%3B%21channel%26gt%3B&trigger_id=7.8.9",
        "token=x&team_id=T0001&channel_id=C0001&user_id=U0001&command=%2Fpromise&text=&trigger_id=1.1.1",
        "ssl_check=1&token=x",
        "team_id=T0001&channel_id=C0001&user_id=U0001&command=%2Fpromise&text=Call+back+%3C%40U0SAM%7Csam%3E+tomorrow+10am+%23callback&trigger_id=2.2.2&is_enterprise_install=false",
    ];

    /// <summary>Slack interaction payloads (the JSON in the <c>payload</c> form field).</summary>
    public static readonly string[] Interactions =
    [
        """{"type":"block_actions","team":{"id":"T0001","domain":"acme"},"user":{"id":"U0001","name":"maya","team_id":"T0001"},"api_app_id":"A1","trigger_id":"1.2.3","channel":{"id":"C0001","name":"general"},"container":{"type":"message","message_ts":"1700000000.000100","channel_id":"C0001","is_ephemeral":false},"message":{"ts":"1700000000.000100","text":"x","blocks":[]},"response_url":"https://hooks.slack.com/actions/1/2/3","actions":[{"type":"button","action_id":"promise_done","block_id":"p12","value":"12:3","action_ts":"1700000001.000200"}]}""",
        """{"type":"block_actions","team":{"id":"T0001"},"user":{"id":"U0001"},"trigger_id":"1.2.3","container":{"type":"view","view_id":"V1"},"view":{"id":"V1","type":"home","hash":"h"},"actions":[{"type":"overflow","action_id":"promise_more","block_id":"p12","selected_option":{"value":"extend:12:3"}}]}""",
        """{"type":"view_submission","team":{"id":"T0001"},"user":{"id":"U0001"},"trigger_id":"1.2.3","view":{"id":"V1","type":"modal","callback_id":"new_promise","private_metadata":"{\"channel\":\"C0001\"}","hash":"h","state":{"values":{"title":{"title":{"type":"plain_text_input","value":"Send the quote"}},"due":{"due":{"type":"plain_text_input","value":"Friday 5pm"}},"customer":{"customer":{"type":"plain_text_input","value":"Acme"}},"owner":{"owner":{"type":"users_select","selected_user":"U0001"}},"backup":{"backup":{"type":"users_select","selected_user":null}},"category":{"category":{"type":"plain_text_input","value":"web"}}}}}}""",
        """{"type":"view_submission","team":{"id":"T0001"},"user":{"id":"U0001"},"view":{"id":"V2","callback_id":"extend_promise","private_metadata":"12:3:C0001:1700000000.000100","state":{"values":{"due":{"due":{"type":"plain_text_input","value":"Monday 10am"}},"reason":{"reason":{"type":"plain_text_input","value":"customer asked"}}}}}}""",
        """{"type":"shortcut","team":{"id":"T0001"},"user":{"id":"U0001"},"callback_id":"new_promise","trigger_id":"1.2.3"}""",
        """{"type":"message_action","team":{"id":"T0001"},"user":{"id":"U0001"},"callback_id":"track_promise","trigger_id":"1.2.3","channel":{"id":"C0001"},"message":{"ts":"1700000000.000100","text":"I'll send the quote by Friday 5pm","user":"U0002"},"message_ts":"1700000000.000100"}""",
        """{"type":"view_closed","team":{"id":"T0001"},"user":{"id":"U0001"},"view":{"id":"V1"}}""",
    ];

    /// <summary>Slack Events API bodies.</summary>
    public static readonly string[] Events =
    [
        """{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""",
        """{"token":"x","team_id":"T0001","api_app_id":"A1","event":{"type":"message","channel":"D0001","user":"U0001","text":"Send the quote to Acme by Friday 5pm","ts":"1700000000.000100","channel_type":"im","event_ts":"1700000000.000100"},"type":"event_callback","event_id":"Ev0001","event_time":1700000000,"authorizations":[{"team_id":"T0001","user_id":"U0BOT","is_bot":true}]}""",
        """{"token":"x","team_id":"T0001","api_app_id":"A1","event":{"type":"app_mention","channel":"C0001","user":"U0001","text":"<@U0BOT> list mine","ts":"1700000000.000200","event_ts":"1700000000.000200"},"type":"event_callback","event_id":"Ev0002","event_time":1700000000,"authorizations":[{"team_id":"T0001","user_id":"U0BOT","is_bot":true}]}""",
        """{"token":"x","team_id":"T0001","event":{"type":"app_home_opened","user":"U0001","channel":"D0001","tab":"home","event_ts":"1700000000.000300"},"type":"event_callback","event_id":"Ev0003","event_time":1700000000}""",
        """{"token":"x","team_id":"T0001","event":{"type":"app_uninstalled","event_ts":"1700000000.000400"},"type":"event_callback","event_id":"Ev0004","event_time":1700000000}""",
        """{"token":"x","team_id":"T0001","event":{"type":"tokens_revoked","tokens":{"bot":["U0BOT"]},"event_ts":"1700000000.000500"},"type":"event_callback","event_id":"Ev0005","event_time":1700000000}""",
        """{"token":"x","team_id":"T0001","event":{"type":"message","subtype":"message_changed","channel":"D0001","message":{"user":"U0001","text":"x","ts":"1"},"ts":"1700000000.000600"},"type":"event_callback","event_id":"Ev0006","event_time":1700000000}""",
    ];

    /// <summary>Bot Framework activities as Teams posts them to <c>/api/messages</c>.</summary>
    public static readonly string[] Activities =
    [
        """{"type":"message","id":"1700000000000","timestamp":"2026-11-23T15:00:00.000Z","localTimestamp":"2026-11-23T10:00:00.000-05:00","localTimezone":"America/New_York","serviceUrl":"https://smba.trafficmanager.net/amer/","channelId":"msteams","from":{"id":"29:1maya","name":"Maya","aadObjectId":"00000000-0000-0000-0000-000000000001"},"conversation":{"conversationType":"personal","tenantId":"tenant-1","id":"a:1personal"},"recipient":{"id":"28:bot-app-id","name":"PromiseBot"},"textFormat":"plain","text":"Send the quote to Acme by Friday 5pm","entities":[{"type":"clientInfo","locale":"en-US","country":"US","platform":"Web","timezone":"America/New_York"}],"channelData":{"tenant":{"id":"tenant-1"}},"locale":"en-US"}""",
        """{"type":"message","id":"1700000000001","serviceUrl":"https://smba.trafficmanager.net/amer/","channelId":"msteams","from":{"id":"29:1maya","name":"Maya"},"conversation":{"conversationType":"channel","tenantId":"tenant-1","id":"19:abc@thread.tacv2;messageid=1700000000000","isGroup":true},"recipient":{"id":"28:bot-app-id","name":"PromiseBot"},"text":"<at>PromiseBot</at> list mine","entities":[{"type":"mention","text":"<at>PromiseBot</at>","mentioned":{"id":"28:bot-app-id","name":"PromiseBot"}}],"channelData":{"tenant":{"id":"tenant-1"},"team":{"id":"19:team@thread.tacv2"},"channel":{"id":"19:abc@thread.tacv2"}}}""",
        """{"type":"invoke","name":"adaptiveCard/action","id":"1700000000002","serviceUrl":"https://smba.trafficmanager.net/amer/","channelId":"msteams","from":{"id":"29:1maya","name":"Maya"},"conversation":{"conversationType":"personal","tenantId":"tenant-1","id":"a:1personal"},"recipient":{"id":"28:bot-app-id"},"replyToId":"1700000000000","value":{"action":{"type":"Action.Execute","verb":"promise.done","data":{"number":12,"version":3}},"trigger":"manual"},"channelData":{"tenant":{"id":"tenant-1"}}}""",
        """{"type":"invoke","name":"adaptiveCard/action","id":"1700000000003","serviceUrl":"https://smba.trafficmanager.net/amer/","channelId":"msteams","from":{"id":"29:1maya"},"conversation":{"conversationType":"personal","tenantId":"tenant-1","id":"a:1personal"},"recipient":{"id":"28:bot-app-id"},"value":{"action":{"type":"Action.Execute","verb":"promise.new.submit","data":{"title":"Send the quote","due":"Friday 5pm","customer":"Acme","owner":"29:1maya","category":"web"}}},"channelData":{"tenant":{"id":"tenant-1"}}}""",
        """{"type":"conversationUpdate","id":"1700000000004","serviceUrl":"https://smba.trafficmanager.net/amer/","channelId":"msteams","from":{"id":"29:1maya"},"conversation":{"conversationType":"personal","tenantId":"tenant-1","id":"a:1personal"},"recipient":{"id":"28:bot-app-id"},"membersAdded":[{"id":"28:bot-app-id"}],"channelData":{"tenant":{"id":"tenant-1"}}}""",
        """{"type":"installationUpdate","action":"add","id":"1700000000005","serviceUrl":"https://smba.trafficmanager.net/amer/","channelId":"msteams","from":{"id":"29:1maya"},"conversation":{"conversationType":"personal","tenantId":"tenant-1","id":"a:1personal"},"recipient":{"id":"28:bot-app-id"},"channelData":{"tenant":{"id":"tenant-1"}}}""",
        """{"type":"invoke","name":"fileConsent/invoke","id":"1700000000006","serviceUrl":"https://smba.trafficmanager.net/amer/","channelId":"msteams","from":{"id":"29:1maya"},"conversation":{"conversationType":"personal","tenantId":"tenant-1","id":"a:1personal"},"recipient":{"id":"28:bot-app-id"},"value":{"type":"fileUpload","action":"accept","context":{"file":"f1"},"uploadInfo":{"contentUrl":"https://contoso.sharepoint.com/x","name":"export.csv","uploadUrl":"https://upload.example/x","uniqueId":"u1","fileType":"csv"}},"channelData":{"tenant":{"id":"tenant-1"}}}""",
        """{"type":"message","id":"1700000000007","serviceUrl":"https://smba.trafficmanager.net/amer/","channelId":"msteams","from":{"id":"29:1maya"},"conversation":{"conversationType":"personal","tenantId":"tenant-1","id":"a:1personal"},"recipient":{"id":"28:bot-app-id"},"value":{"action":"promise.extend.submit","number":12,"version":3,"due":"Monday 10am","reason":"customer asked"},"channelData":{"tenant":{"id":"tenant-1"}}}""",
    ];

    /// <summary>The string arguments of every <c>[InlineData]</c> row in <paramref name="assembly"/> (the tests' tables
    /// of real phrases, outside the fuzz tests themselves), up to <paramref name="maxLength"/> characters each.</summary>
    public static IReadOnlyList<string> InlineStrings(Assembly assembly, int maxLength = 400)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var found = new HashSet<string>(StringComparer.Ordinal);
        // The fuzz tests' own tables (texts a refusal must never contain) are not inputs.
        foreach (var type in assembly.GetTypes().Where(t => t.Namespace?.EndsWith(".Fuzzing", StringComparison.Ordinal) != true))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                foreach (var data in method.GetCustomAttributes<InlineDataAttribute>())
                {
                    foreach (var row in data.GetData(method))
                    {
                        foreach (var value in row)
                        {
                            if (value is string { Length: > 0 } s && s.Length <= maxLength)
                            {
                                found.Add(s);
                            }
                        }
                    }
                }
            }
        }

        return [.. found.Order(StringComparer.Ordinal)];
    }
}
