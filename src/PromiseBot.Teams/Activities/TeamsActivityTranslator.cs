using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Conversations;
using PromiseBot.Core.Promises;
using PromiseBot.Core.UseCases;

namespace PromiseBot.Teams.Activities;

/// <summary>
/// Turns a verified activity into neutral input. Teams-specific rules live here and nowhere else:
/// the bot's own mention is removed by its entity (never by display name, which changes and is localized), other
/// mentions become the neutral <c>&lt;@29:id|Name&gt;</c>, the workspace is <c>teams:{tenantId}</c>, and a channel
/// thread's <c>;messageid=</c> suffix is dropped so a channel is one conversation.
/// </summary>
public static class TeamsActivityTranslator
{
    public const string WorkspacePrefix = WorkspaceId.TeamsPrefix;
    public const string DeliveryKeyPrefix = "teams:act:";

    /// <summary>The message that asks for the new-promise form card (<c>@PromiseBot new</c>; in a personal chat <c>new</c>).</summary>
    public const string NewFormCommand = "new";

    /// <summary>What a channel thread's conversation id carries after the channel id.</summary>
    public const string ThreadSuffix = ";messageid=";

    public static WorkspaceId WorkspaceFor(string tenantId) => new(WorkspacePrefix + tenantId);

    public static TeamsInbound Translate(Activity activity, Instant receivedAt)
    {
        ArgumentNullException.ThrowIfNull(activity);
        switch (activity.Type)
        {
            case ActivityTypes.Message:
            case ActivityTypes.Invoke:
            case ActivityTypes.ConversationUpdate:
            case ActivityTypes.InstallationUpdate:
                break;
            default:
                return new TeamsInbound.Ignored($"activity type '{activity.Type}'");
        }

        if (activity.Type == ActivityTypes.Invoke && activity.Name is not (ActivityTypes.AdaptiveCardAction or ActivityTypes.FileConsent))
        {
            return new TeamsInbound.Ignored($"invoke '{activity.Name}'");
        }

        if (ReferenceOf(activity, receivedAt) is not { } reference)
        {
            return new TeamsInbound.Invalid("The activity lacks a conversation id, tenant, service URL or recipient.");
        }

        switch (activity.Type)
        {
            case ActivityTypes.ConversationUpdate:
                // Removed from the team or chat: nothing can be sent there any more, so nothing is worth remembering.
                return activity.MembersRemoved?.Any(m => m.Id == reference.BotId) == true
                    ? new TeamsInbound.Ignored("bot removed")
                    : new TeamsInbound.ConversationSeen(reference, UserInstalled: false);
            case ActivityTypes.InstallationUpdate:
                return activity.Action is { } action && action.StartsWith("remove", StringComparison.OrdinalIgnoreCase)
                    ? new TeamsInbound.Ignored("uninstalled")
                    : new TeamsInbound.ConversationSeen(reference, UserInstalled: reference.ConversationType == ConversationTypes.Personal);
        }

        if (string.IsNullOrEmpty(activity.From?.Id))
        {
            return new TeamsInbound.Invalid("The activity has no sender.");
        }

        if (IsFromBot(activity))
        {
            return new TeamsInbound.Ignored("sent by a bot");
        }

        if (activity.Type == ActivityTypes.Invoke && activity.Name == ActivityTypes.FileConsent)
        {
            return TranslateFileConsent(activity, reference, receivedAt);
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            return TranslateCardAction(activity, activity.Value is { } v ? ActionData(v) : null, reference, receivedAt, isInvoke: true);
        }

        // Action.Submit (the fallback for clients without Universal Actions) arrives as a message with data in value.
        if (string.IsNullOrWhiteSpace(activity.Text) && activity.Value is { ValueKind: JsonValueKind.Object } submitted)
        {
            return TranslateCardAction(activity, submitted, reference, receivedAt, isInvoke: false);
        }

        var text = CommandText(activity);
        var inbound = Inbound(activity, reference, text, receivedAt);
        if (text.Equals(NewFormCommand, StringComparison.OrdinalIgnoreCase))
        {
            return new TeamsInbound.FormRequested(inbound, reference) { ReplyTo = ReplyAddressOf(activity, reference) };
        }

        return new TeamsInbound.Command(inbound, reference, FromCard: false) { ReplyTo = ReplyAddressOf(activity, reference) };
    }

    /// <summary>
    /// Where an answer to <paramref name="activity"/> goes. In a channel: the thread it was posted in
    /// (<c>{channel};messageid={root}</c>, the root being the <c>;messageid=</c> of its conversation id, else its
    /// <c>replyToId</c>, else its own id: a new post starts a thread). Elsewhere: the conversation.
    /// </summary>
    public static string ReplyAddressOf(Activity activity, ConversationReference reference)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.ConversationType != ConversationTypes.Channel)
        {
            return reference.ConversationId;
        }

        var id = activity.Conversation?.Id ?? string.Empty;
        var at = id.IndexOf(ThreadSuffix, StringComparison.OrdinalIgnoreCase);
        var root = at > 0 ? id[(at + ThreadSuffix.Length)..] : null;
        if (!IsThreadRoot(root))
        {
            root = IsThreadRoot(activity.ReplyToId) ? activity.ReplyToId : activity.Id;
        }

        return IsThreadRoot(root) ? reference.ConversationId + ThreadSuffix + root : reference.ConversationId;
    }

    /// <summary>A message id that can root a thread: short, and none of the characters of a conversation id.</summary>
    internal static bool IsThreadRoot(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 100 && id.AsSpan().IndexOfAny(";/?#@: ") < 0;

    /// <summary>
    /// The message text for the grammar: the bot's own mention removed (by entity), other mentions in the neutral
    /// form, a leading <c>promise</c> (the Teams spelling of Slack's <c>/promise</c>) dropped.
    /// </summary>
    public static string CommandText(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        // Typed text must not be able to forge a neutral mention token.
        var text = new StringBuilder((activity.Text ?? string.Empty).Replace("<@", "< @", StringComparison.Ordinal));
        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (!IsType(entity, "mention") || StringProperty(entity, "text") is not { Length: > 0 } mentionText
                || !entity.TryGetProperty("mentioned", out var mentioned) || mentioned.ValueKind != JsonValueKind.Object
                || StringProperty(mentioned, "id") is not { Length: > 0 } id)
            {
                continue;
            }

            if (string.Equals(id, botId, StringComparison.Ordinal))
            {
                text.Replace(mentionText, " ");
                continue;
            }

            if (id.AsSpan().IndexOfAny(" <>|") >= 0)
            {
                continue;
            }

            ReplaceFirst(text, mentionText, $"<@{id}|{MentionLabel(StringProperty(mentioned, "name"))}>");
        }

        var result = CollapseSpaces(text.ToString()).Trim();
        foreach (var prefix in (string[])["/promise", "promise"])
        {
            if (result.Length > prefix.Length && result.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(result[prefix.Length]))
            {
                return result[prefix.Length..].Trim();
            }

            if (result.Equals(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return string.Empty;
            }
        }

        return result;
    }

    /// <summary>The IANA zone the sender's client reports (clientInfo entity, else <c>localTimezone</c>).</summary>
    public static string? TimeZoneOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        foreach (var entity in activity.Entities ?? [])
        {
            if (IsType(entity, "clientInfo") && StringProperty(entity, "timezone") is { Length: > 0 } zone)
            {
                return zone;
            }
        }

        return string.IsNullOrWhiteSpace(activity.LocalTimezone) ? null : activity.LocalTimezone;
    }

    /// <summary>The conversation reference an activity implies, or null when a required part is missing.</summary>
    public static ConversationReference? ReferenceOf(Activity activity, Instant at)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversation = activity.Conversation;
        var tenant = conversation?.TenantId is { Length: > 0 } t ? t : activity.ChannelData?.Tenant?.Id;
        if (string.IsNullOrEmpty(conversation?.Id) || string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(activity.ServiceUrl)
            || string.IsNullOrEmpty(activity.Recipient?.Id))
        {
            return null;
        }

        var type = conversation.ConversationType is { Length: > 0 } ct
            ? ct
            : conversation.IsGroup == true ? ConversationTypes.GroupChat : ConversationTypes.Personal;
        var personal = type == ConversationTypes.Personal;
        return new ConversationReference(
            WorkspaceFor(tenant),
            ConversationIdOf(conversation.Id),
            type,
            activity.ServiceUrl,
            tenant,
            activity.Recipient.Id,
            personal ? activity.From?.Id : null,
            personal ? activity.From?.AadObjectId : null,
            at);
    }

    /// <summary>A channel conversation id without the <c>;messageid=</c> of the thread a message was posted in.</summary>
    public static string ConversationIdOf(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var thread = conversationId.IndexOf(ThreadSuffix, StringComparison.OrdinalIgnoreCase);
        return thread > 0 ? conversationId[..thread] : conversationId;
    }

    private static TeamsInbound TranslateCardAction(Activity activity, JsonElement? data, ConversationReference reference, Instant receivedAt, bool isInvoke)
    {
        TeamsInbound Bad(string message) => new TeamsInbound.BadCardAction(message, isInvoke)
        {
            Inbound = Inbound(activity, reference, string.Empty, receivedAt),
            ReplyTo = ReplyAddressOf(activity, reference),
        };

        if (data is not { ValueKind: JsonValueKind.Object } values)
        {
            return Bad("The card action carries no data.");
        }

        var verb = (StringProperty(values, "verb") ?? string.Empty).ToLowerInvariant();
        if (verb == CardVerbs.Create)
        {
            var form = new TeamsFormValues(
                StringProperty(values, CardVerbs.Form.Title),
                StringProperty(values, CardVerbs.Form.DueDate),
                StringProperty(values, CardVerbs.Form.DueTime),
                StringProperty(values, CardVerbs.Form.Customer),
                PersonOf(activity, StringProperty(values, CardVerbs.Form.Owner)),
                PersonOf(activity, StringProperty(values, CardVerbs.Form.Backup)),
                StringProperty(values, CardVerbs.Form.Category),
                StringProperty(values, CardVerbs.Form.Aim),
                StringProperty(values, CardVerbs.Form.Risk));
            return new TeamsInbound.FormSubmitted(Inbound(activity, reference, string.Empty, receivedAt), reference, form, isInvoke)
            {
                ReplyTo = ReplyAddressOf(activity, reference),
            };
        }

        if (verb == Cards.RecoveryCard.Verb)
        {
            if (NumberProperty(values, "number") is not { } recovering || recovering <= 0)
            {
                return Bad("That button does not say which promise it is for.");
            }

            var note = new Core.Recovery.RecoveryFormInput(
                StringProperty(values, Cards.RecoveryCard.Inputs.CustomerTold),
                StringProperty(values, Cards.RecoveryCard.Inputs.ApologyGiven),
                StringProperty(values, Cards.RecoveryCard.Inputs.Cause),
                StringProperty(values, Cards.RecoveryCard.Inputs.CauseText),
                StringProperty(values, Cards.RecoveryCard.Inputs.Fix),
                StringProperty(values, Cards.RecoveryCard.Inputs.Prevention));
            return new TeamsInbound.RecoverySubmitted(Inbound(activity, reference, $"recover {recovering}", receivedAt), reference, new PromiseNumber(recovering), note, isInvoke)
            {
                ReplyTo = ReplyAddressOf(activity, reference),
            };
        }

        if (verb is Cards.ApprovalCard.ApproveVerb or Cards.ApprovalCard.DeclineVerb)
        {
            // Read back into approve N / decline N [reason], run as the clicker (the server checks they may).
            if (NumberProperty(values, Cards.ApprovalCard.RequestKey) is not { } request)
            {
                return Bad("That button does not say which request it is for.");
            }

            var reason = verb == Cards.ApprovalCard.DeclineVerb
                ? StringProperty(values, Cards.ApprovalCard.ReasonInputId(request))?.Trim()
                : null;
            var decisionText = $"{verb} {request}" + (string.IsNullOrEmpty(reason) ? "" : " " + reason);
            return new TeamsInbound.OfferAction(Inbound(activity, reference, decisionText, receivedAt), reference, isInvoke)
            {
                ReplyTo = ReplyAddressOf(activity, reference),
            };
        }

        if (verb is CardVerbs.Feedback or CardVerbs.CustomerUpdate or CardVerbs.UseSuggestion)
        {
            if (NumberProperty(values, "number") is not { } offerNumber || offerNumber <= 0)
            {
                return Bad("That button does not say which promise it is for.");
            }

            string offerText;
            if (verb == CardVerbs.Feedback)
            {
                if (NumberProperty(values, CardVerbs.ScoreKey) is not { } score || score is < 1 or > 5)
                {
                    return Bad("That button does not carry a score from 1 to 5.");
                }

                offerText = $"feedback {offerNumber} {score}";
            }
            else if (verb == CardVerbs.UseSuggestion)
            {
                if (NumberProperty(values, CardVerbs.VersionKey) is not { } suggestedVersion || suggestedVersion <= 0
                    || LongProperty(values, CardVerbs.DueKey) is not { } dueMs || dueMs <= 0 || dueMs > NodaTime.Instant.MaxValue.ToUnixTimeMilliseconds())
                {
                    return Bad("That button does not carry the suggested deadline.");
                }

                offerText = $"use {offerNumber} {suggestedVersion} {NodaTime.Text.InstantPattern.General.Format(NodaTime.Instant.FromUnixTimeMilliseconds(dueMs))}";
            }
            else
            {
                offerText = $"update {offerNumber}";
            }

            return new TeamsInbound.OfferAction(Inbound(activity, reference, offerText, receivedAt), reference, isInvoke)
            {
                ReplyTo = ReplyAddressOf(activity, reference),
            };
        }

        PromiseVerb? promiseVerb = verb switch
        {
            CardVerbs.Done => PromiseVerb.Done,
            CardVerbs.Extend => PromiseVerb.Extend,
            CardVerbs.Ack => PromiseVerb.Ack,
            _ => null,
        };
        if (promiseVerb is not { } known)
        {
            return Bad("That button is not one I know.");
        }

        if (NumberProperty(values, "number") is not { } number)
        {
            return Bad("That button does not say which promise it is for.");
        }

        // The version the card was drawn at; a card from before versions were carried reads as one no promise has,
        // so it is answered as stale (redrawn as it stands now), never applied blindly.
        var version = values.TryGetProperty(CardVerbs.VersionKey, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var drawn) && drawn > 0
            ? drawn
            : CardVerbs.UnknownVersion;
        string text;
        string? phrase = null;
        if (known == PromiseVerb.Extend)
        {
            var due = (StringProperty(values, CardVerbs.DueInputId(number)) ?? StringProperty(values, CardVerbs.DueInput))?.Trim();
            if (due is { Length: > 100 })
            {
                return Bad("That date is too long to read.");
            }

            // No date: Core answers that it needs one (the card's date input is required, so only odd clients get here).
            phrase = string.IsNullOrEmpty(due) ? null : DueText(due);
            text = phrase is null ? $"extend {number}" : $"extend {number} to {phrase}";
        }
        else
        {
            text = $"{verb} {number}";
        }

        // The text is what typing the click would have been; the action model does not read it, logs and tests do.
        var inbound = Inbound(activity, reference, text, receivedAt);
        var click = new CardClick(new PromiseAction(new PromiseNumber(number), version, known), phrase)
        {
            Rows = isInvoke ? RowsOf(values, number) : [],
            Title = isInvoke ? TitleOf(values) : null,
        };
        return isInvoke
            ? new TeamsInbound.CardAction(inbound, reference, click)
            : new TeamsInbound.Command(inbound, reference, FromCard: true) { ReplyTo = ReplyAddressOf(activity, reference), Click = click };
    }

    /// <summary>
    /// A people picker's value as a user id. The picker searches Graph, whose values are Entra object ids; the person
    /// submitting is known by both ids, so picking oneself comes back as one's Teams id (and "backup is the owner" is
    /// seen). Anyone else stays as picked.
    /// </summary>
    private static string? PersonOf(Activity activity, string? picked) =>
        picked is not null && activity.From?.AadObjectId is { Length: > 0 } aad && string.Equals(picked.Trim(), aad, StringComparison.OrdinalIgnoreCase)
            ? activity.From.Id
            : picked;

    /// <summary>The card's rows from a button's data: positive numbers, at most 50, and only if the clicked one is among them.</summary>
    private static IReadOnlyList<int> RowsOf(JsonElement values, int clicked)
    {
        if (!values.TryGetProperty(CardVerbs.RowsKey, out var rows) || rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() > 50)
        {
            return [];
        }

        var numbers = new List<int>();
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Number || !row.TryGetInt32(out var n) || n <= 0)
            {
                return [];
            }

            if (!numbers.Contains(n))
            {
                numbers.Add(n);
            }
        }

        return numbers.Count > 1 && numbers.Contains(clicked) ? numbers : [];
    }

    private static string? TitleOf(JsonElement values) =>
        StringProperty(values, CardVerbs.TitleKey) is { Length: > 0 and <= 200 } title ? title : null;

    // Input.Date submits yyyy-MM-dd; the grammar reads "27 Nov 2026" unambiguously in every culture.
    private static string DueText(string due) =>
        DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("d MMM yyyy", CultureInfo.InvariantCulture)
            : due;

    // Action.Execute: value = { action: { type, verb, data } }; the verb may also sit in data.
    private static JsonElement? ActionData(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        var verb = StringProperty(action, "verb");
        if (verb is null)
        {
            return data.ValueKind == JsonValueKind.Object ? data : null;
        }

        // Re-shape into one object {verb, number, due} so Execute and Submit share the rest of the path.
        var merged = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (data.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in data.EnumerateObject())
            {
                merged[property.Name] = property.Value;
            }
        }

        merged["verb"] = JsonSerializer.SerializeToElement(verb, ActivityJsonContext.Default.String);
        return JsonSerializer.SerializeToElement(merged, ActivityJsonContext.Default.DictionaryStringJsonElement);
    }

    /// <summary>
    /// The answer to a file consent card (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4):
    /// <c>value</c> is <c>{type: "fileUpload", action: "accept"|"decline", context, uploadInfo}</c>; the context is the
    /// one the card carried (<c>{file: id}</c>), and an accepted one says where to put the bytes.
    /// </summary>
    private static TeamsInbound TranslateFileConsent(Activity activity, ConversationReference reference, Instant receivedAt)
    {
        var value = activity.Value ?? default;
        var action = StringProperty(value, "action");
        if (StringProperty(value, "type") != "fileUpload"
            || action is not ("accept" or "decline")
            || !value.TryGetProperty("context", out var context)
            || StringProperty(context, FileConsentContextKey) is not { Length: > 0 and <= 64 } file)
        {
            return new TeamsInbound.Invalid("The file consent answer lacks its type, action or the card's context.");
        }

        var inbound = Inbound(activity, reference, "export", receivedAt);
        if (action == "decline")
        {
            return new TeamsInbound.FileConsent(inbound, reference, file, Upload: null);
        }

        if (!value.TryGetProperty("uploadInfo", out var info)
            || StringProperty(info, "uploadUrl") is not { Length: > 0 } uploadUrl
            || StringProperty(info, "contentUrl") is not { Length: > 0 } contentUrl
            || StringProperty(info, "name") is not { Length: > 0 } name)
        {
            return new TeamsInbound.Invalid("An accepted file consent answer lacks its uploadInfo.");
        }

        return new TeamsInbound.FileConsent(
            inbound, reference, file, new FileUploadInfo(uploadUrl, contentUrl, name, StringProperty(info, "uniqueId") ?? "", StringProperty(info, "fileType") ?? ""));
    }

    /// <summary>The member of a file consent card's accept and decline context that names the held file.</summary>
    public const string FileConsentContextKey = "file";

    private static InboundCommand Inbound(Activity activity, ConversationReference reference, string text, Instant receivedAt) => new(
        ChatPlatform.Teams,
        reference.Workspace,
        reference.ConversationId,
        reference.ConversationType == ConversationTypes.Personal,
        new UserId(activity.From!.Id!),
        text,
        receivedAt,
        DeliveryKeyOf(activity),
        TimeZoneOf(activity));

    /// <summary>Teams activity ids are unique within a conversation, so the key names both.</summary>
    public static string? DeliveryKeyOf(Activity activity) =>
        string.IsNullOrEmpty(activity?.Id) || string.IsNullOrEmpty(activity.Conversation?.Id)
            ? null
            : DeliveryKeyPrefix + activity.Conversation.Id + "|" + activity.Id;

    private static bool IsFromBot(Activity activity) =>
        string.Equals(activity.From!.Id, activity.Recipient?.Id, StringComparison.Ordinal)
        || string.Equals(activity.From.Role, "bot", StringComparison.OrdinalIgnoreCase)
        || activity.From.Id!.StartsWith("28:", StringComparison.Ordinal);

    private static string MentionLabel(string? name)
    {
        var label = new StringBuilder();
        foreach (var c in name ?? string.Empty)
        {
            if (c is not ('<' or '>' or '|') && !char.IsControl(c))
            {
                label.Append(c);
            }
        }

        var cleaned = CollapseSpaces(label.ToString()).Trim();
        return cleaned.Length == 0 ? "someone" : cleaned;
    }

    // Removing and inserting mentions leaves double spaces; the grammar would collapse them anyway, but echoed titles
    // and labels read better without.
    private static string CollapseSpaces(string text)
    {
        if (!text.Contains("  ", StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == ' ' && builder.Length > 0 && builder[^1] == ' ')
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static void ReplaceFirst(StringBuilder builder, string find, string replacement)
    {
        var index = builder.ToString().IndexOf(find, StringComparison.Ordinal);
        if (index >= 0)
        {
            builder.Remove(index, find.Length).Insert(index, " " + replacement + " ");
        }
    }

    private static bool IsType(JsonElement entity, string type) =>
        entity.ValueKind == JsonValueKind.Object && string.Equals(StringProperty(entity, "type"), type, StringComparison.OrdinalIgnoreCase);

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static int? NumberProperty(JsonElement element, string name) =>
        LongProperty(element, name) is { } n && n <= int.MaxValue ? (int)n : null;

    // A positive whole number, written as a JSON number or a string of digits (Teams sends both).
    private static long? LongProperty(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) && n > 0 => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => n,
            _ => null,
        };
    }
}
