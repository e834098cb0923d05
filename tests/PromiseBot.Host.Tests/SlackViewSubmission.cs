using System.Text.Json.Nodes;

namespace PromiseBot.Host.Tests;

/// <summary>A <c>view_submission</c> payload the way Slack sends it for a modal the host opened (team T1).</summary>
internal static class SlackViewSubmission
{
    /// <summary>
    /// The submission of <paramref name="modal"/> (its callback id and private metadata) by <paramref name="user"/>,
    /// with each input's state by block id (the action id is <c>value</c>, as every modal of the host has it).
    /// </summary>
    public static JsonObject Of(JsonObject modal, string viewId, string user, IReadOnlyDictionary<string, JsonObject> values)
    {
        var state = new JsonObject();
        foreach (var (block, value) in values)
        {
            state[block] = new JsonObject { ["value"] = value.DeepClone() };
        }

        return new JsonObject
        {
            ["type"] = "view_submission",
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
            ["view"] = new JsonObject
            {
                ["id"] = viewId,
                ["type"] = "modal",
                ["callback_id"] = modal["callback_id"]!.DeepClone(),
                ["private_metadata"] = modal["private_metadata"]!.DeepClone(),
                ["state"] = new JsonObject { ["values"] = state },
            },
        };
    }
}
