using System.Globalization;
using System.Text.Json.Nodes;
using PromiseBot.Core.Messages;

namespace PromiseBot.Slack.Interactivity;

/// <summary>
/// The Approve and Decline buttons of an <see cref="ApprovalPromptBlock"/> (https://docs.slack.dev/reference/block-kit/blocks/actions-block):
/// <c>promise_offer_approve</c> (value <c>approve:3</c>) and <c>promise_offer_decline</c> (value <c>decline:3</c>, behind
/// a confirm dialog, https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object). They
/// share the offers' prefix, so a click runs through <see cref="SlackOfferActions"/>: read back into <c>approve 3</c> or
/// <c>decline 3</c> and nothing else, and run as the person who clicked; the server decides whether they may.
/// </summary>
public static class ApprovalActions
{
    public const string Approve = OfferActions.Prefix + "approve";
    public const string Decline = OfferActions.Prefix + "decline";

    /// <summary>The block id of a request's buttons: <c>approval:3</c>.</summary>
    public static string BlockId(long requestId) => "approval:" + requestId.ToString(CultureInfo.InvariantCulture);

    public static JsonObject Block(ApprovalPromptBlock approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var id = approval.RequestId.ToString(CultureInfo.InvariantCulture);
        var approve = Button(Approve, "Approve", "approve:" + id, "primary");
        var decline = Button(Decline, "Decline", "decline:" + id, "danger");
        decline["confirm"] = new JsonObject
        {
            ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = $"Decline request {id}?" },
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = approval.DeclineQuestion },
            ["confirm"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Decline" },
            ["deny"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Keep it waiting" },
            ["style"] = "danger",
        };
        return new JsonObject { ["type"] = "actions", ["block_id"] = BlockId(approval.RequestId), ["elements"] = new JsonArray(approve, decline) };
    }

    /// <summary>The command a click stands for (<c>approve 3</c>, <c>decline 3</c>), or null for anything we never drew.</summary>
    public static string? CommandOf(string? actionId, string? value)
    {
        if (actionId is not (Approve or Decline) || value?.Split(':') is not [var verb, var n]
            || !long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return null;
        }

        return (actionId, verb) switch
        {
            (Approve, "approve") => $"approve {id}",
            (Decline, "decline") => $"decline {id}",
            _ => null,
        };
    }

    private static JsonObject Button(string actionId, string text, string value, string style) => new()
    {
        ["type"] = "button",
        ["action_id"] = actionId,
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text },
        ["value"] = value,
        ["style"] = style,
    };
}
