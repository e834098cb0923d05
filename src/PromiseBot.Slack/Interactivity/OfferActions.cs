using System.Globalization;
using System.Text.Json.Nodes;
using PromiseBot.Core.Feedback;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;

namespace PromiseBot.Slack.Interactivity;

/// <summary>
/// The buttons of a <see cref="PromiseOfferBlock"/> (https://docs.slack.dev/reference/block-kit/blocks/actions-block):
/// the 1–5 customer-feedback scores (<c>promise_offer_feedback_4</c>, value <c>feedback:12:4</c>) and "Draft customer
/// update" (<c>promise_offer_update</c>, value <c>update:12</c>) and "Use …" under a suggested deadline
/// (<c>promise_offer_use</c>, value <c>use:12:1:1764540000000</c>: number, version, Unix ms). A click is read back into the command it stands for,
/// and nothing else: the value is never run as text.
/// </summary>
public static class OfferActions
{
    public const string Prefix = "promise_offer_";
    private const string BlockPrefix = "offer:";

    public static bool Handles(string? actionId) => actionId is not null && actionId.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The block id of a promise's offer: <c>offer:CustomerFeedback:12</c>.</summary>
    public static string BlockId(PromiseOffer offer, PromiseNumber number) =>
        BlockPrefix + offer + ":" + number.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>True for any offer block of the promise (redrawing its row replaces them).</summary>
    public static bool IsOfferBlock(string? blockId, PromiseNumber number) =>
        blockId is not null && blockId.StartsWith(BlockPrefix, StringComparison.Ordinal)
        && blockId.EndsWith(":" + number.Value.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The prompt and the buttons of an offer: a context line, then an actions block.</summary>
    public static IReadOnlyList<JsonObject> Blocks(PromiseOfferBlock offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var n = offer.Number.Value.ToString(CultureInfo.InvariantCulture);
        var buttons = new JsonArray();
        if (offer.Offer == PromiseOffer.CustomerFeedback)
        {
            for (var score = CustomerFeedback.MinScore; score <= CustomerFeedback.MaxScore; score++)
            {
                var s = score.ToString(CultureInfo.InvariantCulture);
                buttons.Add(Button(Prefix + "feedback_" + s, s, "feedback:" + n + ":" + s));
            }
        }
        else if (offer.Offer == PromiseOffer.UseSuggestion && offer.Due is { } due && offer.Version is { } version)
        {
            var value = "use:" + n + ":" + version.ToString(CultureInfo.InvariantCulture) + ":" + due.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            buttons.Add(Button(Prefix + "use", offer.Buttons[0].Label, value));
        }
        else
        {
            buttons.Add(Button(Prefix + "update", "Draft customer update", "update:" + n));
        }

        return
        [
            new JsonObject
            {
                ["type"] = "context",
                ["block_id"] = BlockPrefix + offer.Offer + "Prompt:" + n,
                ["elements"] = new JsonArray(new JsonObject { ["type"] = "plain_text", ["text"] = offer.Prompt }),
            },
            new JsonObject { ["type"] = "actions", ["block_id"] = BlockId(offer.Offer, offer.Number), ["elements"] = buttons },
        ];
    }

    /// <summary>The command a click stands for (<c>feedback 12 4</c>, <c>update 12</c>), or null for a value we never drew.</summary>
    public static string? CommandOf(string? actionId, string? value)
    {
        if (ApprovalActions.CommandOf(actionId, value) is { } decision)
        {
            return decision;
        }

        if (!Handles(actionId) || value is null)
        {
            return null;
        }

        var parts = value.Split(':');
        if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return null;
        }

        return parts switch
        {
            ["feedback", _, var s] when actionId == Prefix + "feedback_" + s
                && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var score)
                && score is >= CustomerFeedback.MinScore and <= CustomerFeedback.MaxScore => $"feedback {number} {score}",
            ["update", _] when actionId == Prefix + "update" => $"update {number}",
            ["use", _, var v, var ms] when actionId == Prefix + "use"
                && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
                && long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs) && unixMs <= NodaTime.Instant.MaxValue.ToUnixTimeMilliseconds()
                => $"use {number} {version} {NodaTime.Text.InstantPattern.General.Format(NodaTime.Instant.FromUnixTimeMilliseconds(unixMs))}",
            _ => null,
        };
    }

    /// <summary>The promise a click is for (to find its row), from the same value.</summary>
    public static PromiseNumber? NumberOf(string? value) =>
        value?.Split(':') is [_, var n, ..] && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? new PromiseNumber(number)
            : null;

    private static JsonObject Button(string actionId, string text, string value) => new()
    {
        ["type"] = "button",
        ["action_id"] = actionId,
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text },
        ["value"] = value,
    };
}
