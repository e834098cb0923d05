using System.Text;

namespace PromiseBot.Slack.Commands;

/// <summary>
/// The form fields Slack POSTs to a slash-command URL (<c>application/x-www-form-urlencoded</c>).
/// See https://docs.slack.dev/interactivity/implementing-slash-commands. The deprecated <c>token</c> field is
/// ignored: requests are authenticated by their signature.
/// </summary>
/// <param name="Text">Everything after the command and its first space; may be empty. Mentions arrive as
/// <c>&lt;@U123|name&gt;</c>, which is also the neutral form, so it is passed on unchanged.</param>
/// <param name="IsSslCheck">Slack's certificate probe (<c>ssl_check=1</c>): answer 200 and do nothing else.
/// Such a payload carries no other fields.</param>
public sealed record SlashCommandPayload(
    string Command,
    string Text,
    string? TeamId,
    string? EnterpriseId,
    string ChannelId,
    string? ChannelName,
    string UserId,
    string? UserName,
    string? TriggerId,
    string? ResponseUrl,
    string? ApiAppId,
    bool IsSslCheck = false)
{
    /// <summary>The probe payload; Slack may send it unsigned, so it must never reach command handling.</summary>
    public static SlashCommandPayload SslCheck { get; } =
        new(string.Empty, string.Empty, null, null, string.Empty, null, string.Empty, null, null, null, null, IsSslCheck: true);

    /// <summary>
    /// Parses a form body. Returns false with a short, safe-to-log reason (the host answers 400) when the body is
    /// not valid form encoding, repeats a field, or lacks a workspace (<c>team_id</c>/<c>enterprise_id</c>),
    /// <c>user_id</c>, <c>channel_id</c> or <c>trigger_id</c>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> formBody, out SlashCommandPayload? payload, out string? error)
    {
        payload = null;
        string? command = null, text = null, teamId = null, enterpriseId = null, channelId = null, channelName = null;
        string? userId = null, userName = null, triggerId = null, responseUrl = null, apiAppId = null, sslCheck = null;

        var rest = formBody;
        while (!rest.IsEmpty)
        {
            var amp = rest.IndexOf((byte)'&');
            var pair = amp < 0 ? rest : rest[..amp];
            rest = amp < 0 ? default : rest[(amp + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var eq = pair.IndexOf((byte)'=');
            var rawKey = eq < 0 ? pair : pair[..eq];
            var rawValue = eq < 0 ? default : pair[(eq + 1)..];

            if (!FormDecoding.TryDecode(rawKey, out var key) || !FormDecoding.TryDecode(rawValue, out var value))
            {
                error = "The form body is not valid application/x-www-form-urlencoded UTF-8.";
                return false;
            }

            // A repeated field would make "which value wins" a question for an attacker to answer; Slack never
            // repeats one, so refuse.
            var duplicate = key switch
            {
                "command" => !Set(ref command, value),
                "text" => !Set(ref text, value),
                "team_id" => !Set(ref teamId, value),
                "enterprise_id" => !Set(ref enterpriseId, value),
                "channel_id" => !Set(ref channelId, value),
                "channel_name" => !Set(ref channelName, value),
                "user_id" => !Set(ref userId, value),
                "user_name" => !Set(ref userName, value),
                "trigger_id" => !Set(ref triggerId, value),
                "response_url" => !Set(ref responseUrl, value),
                "api_app_id" => !Set(ref apiAppId, value),
                "ssl_check" => !Set(ref sslCheck, value),
                _ => false,
            };
            if (duplicate)
            {
                error = $"The form field '{key}' appears more than once.";
                return false;
            }
        }

        if (sslCheck == "1")
        {
            // Everything else in a probe body is discarded, as bolt-js does, so nothing unauthenticated is used.
            payload = SslCheck;
            error = null;
            return true;
        }

        return TryCreate(command, text, teamId, enterpriseId, channelId, channelName, userId, userName, triggerId, responseUrl, apiAppId, out payload, out error);
    }

    /// <summary>
    /// Builds a payload from fields that are already decoded: Socket Mode delivers a slash command as a JSON object
    /// of the same fields the HTTP form carries (https://docs.slack.dev/apis/events-api/using-socket-mode). The
    /// same rules as <see cref="TryParse"/> apply (a workspace, <c>user_id</c>, <c>channel_id</c> and <c>trigger_id</c> are required);
    /// <c>ssl_check</c> means nothing here, since Socket Mode traffic is authenticated by the app token.
    /// </summary>
    public static bool TryFromFields(IReadOnlyDictionary<string, string> fields, out SlashCommandPayload? payload, out string? error)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return TryCreate(
            Field(fields, "command"), Field(fields, "text"), Field(fields, "team_id"), Field(fields, "enterprise_id"),
            Field(fields, "channel_id"), Field(fields, "channel_name"), Field(fields, "user_id"), Field(fields, "user_name"),
            Field(fields, "trigger_id"), Field(fields, "response_url"), Field(fields, "api_app_id"),
            out payload, out error);
    }

    /// <summary>True when the body is Slack's unsigned <c>ssl_check=1</c> probe (checked before verification).</summary>
    public static bool IsSslCheckBody(ReadOnlySpan<byte> formBody) =>
        TryParse(formBody, out var payload, out _) && payload!.IsSslCheck;

    // The one place that decides what a usable slash command is, whichever transport carried it.
    private static bool TryCreate(
        string? command, string? text, string? teamId, string? enterpriseId, string? channelId, string? channelName,
        string? userId, string? userName, string? triggerId, string? responseUrl, string? apiAppId,
        out SlashCommandPayload? payload, out string? error)
    {
        payload = null;
        if (string.IsNullOrEmpty(teamId) && string.IsNullOrEmpty(enterpriseId))
        {
            error = "The slash command has no team_id (or enterprise_id).";
            return false;
        }

        if (string.IsNullOrEmpty(userId))
        {
            error = "The slash command has no user_id.";
            return false;
        }

        if (string.IsNullOrEmpty(channelId))
        {
            error = "The slash command has no channel_id.";
            return false;
        }

        // Slack sends a trigger_id with every invocation, and it is what makes a replayed delivery recognisable: without
        // one the same command could be applied twice.
        if (string.IsNullOrEmpty(triggerId))
        {
            error = "The slash command has no trigger_id.";
            return false;
        }

        payload = new SlashCommandPayload(
            command ?? string.Empty,
            text ?? string.Empty,
            NullIfEmpty(teamId),
            NullIfEmpty(enterpriseId),
            channelId,
            NullIfEmpty(channelName),
            userId,
            NullIfEmpty(userName),
            NullIfEmpty(triggerId),
            NullIfEmpty(responseUrl),
            NullIfEmpty(apiAppId));
        error = null;
        return true;
    }

    private static string? Field(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) ? value : null;

    private static bool Set(ref string? field, string value)
    {
        if (field is not null)
        {
            return false;
        }

        field = value;
        return true;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
