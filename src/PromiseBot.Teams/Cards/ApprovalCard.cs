using System.Globalization;
using System.Text.Json.Nodes;
using PromiseBot.Core.Messages;

namespace PromiseBot.Teams.Cards;

/// <summary>
/// The Approve and Decline buttons of an <see cref="ApprovalPromptBlock"/> on a card: Approve is <c>Action.Execute</c>
/// verb <c>approve</c> with the request id; Decline opens (<c>Action.ShowCard</c>) its confirmation in place, with an
/// optional reason and "Decline request N" (<c>Action.Execute</c> verb <c>decline</c>). Each has an
/// <c>Action.Submit</c> fallback with the same data. A click runs <c>approve N</c> / <c>decline N [reason]</c> as the
/// person who clicked; the server decides whether they may.
/// </summary>
public static class ApprovalCard
{
    public const string ApproveVerb = "approve";
    public const string DeclineVerb = "decline";
    public const string RequestKey = "request";

    /// <summary>The id of the decline reason's input (inputs must be unique in a card, and a list may hold several requests).</summary>
    public static string ReasonInputId(long requestId) => "decline-reason-" + requestId.ToString(CultureInfo.InvariantCulture);

    public static JsonObject Buttons(ApprovalPromptBlock approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var id = approval.RequestId.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["type"] = "ActionSet",
            ["actions"] = new JsonArray(
                Execute("Approve", ApproveVerb, approval.RequestId, "positive"),
                new JsonObject
                {
                    ["type"] = "Action.ShowCard",
                    ["title"] = "Decline",
                    ["card"] = new JsonObject
                    {
                        ["type"] = "AdaptiveCard",
                        ["body"] = new JsonArray(
                            new JsonObject { ["type"] = "TextBlock", ["text"] = AdaptiveCardRenderer.Escape(approval.DeclineQuestion), ["wrap"] = true },
                            new JsonObject
                            {
                                ["type"] = "Input.Text",
                                ["id"] = ReasonInputId(approval.RequestId),
                                ["label"] = "Reason (optional)",
                                ["maxLength"] = 500,
                            }),
                        ["actions"] = new JsonArray(Execute($"Decline request {id}", DeclineVerb, approval.RequestId, "destructive")),
                    },
                }),
        };
    }

    private static JsonObject Execute(string title, string verb, long requestId, string style) => new()
    {
        ["type"] = "Action.Execute",
        ["title"] = title,
        ["verb"] = verb,
        ["style"] = style,
        ["data"] = new JsonObject { [RequestKey] = requestId },
        ["fallback"] = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = title,
            ["data"] = new JsonObject { ["verb"] = verb, [RequestKey] = requestId },
        },
    };
}
