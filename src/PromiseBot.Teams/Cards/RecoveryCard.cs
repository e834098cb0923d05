using System.Text.Json.Nodes;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;

namespace PromiseBot.Teams.Cards;

/// <summary>
/// The recovery-note form on a card: under a breach DM or the reminder, a "Write recovery note" button
/// (<c>Action.ShowCard</c>) that opens it in place; after a refused submit, the form itself with what it held and the
/// problem under each field. "Save recovery note" is <c>Action.Execute</c> verb <c>recover</c> with the promise number
/// (and an <c>Action.Submit</c> fallback with the same data).
/// </summary>
public static class RecoveryCard
{
    public const string Verb = "recover";

    /// <summary>The ids of the form's inputs.</summary>
    public static class Inputs
    {
        public const string Cause = "recovery-cause";
        public const string CauseText = "recovery-cause-text";
        public const string Fix = "recovery-fix";
        public const string Prevention = "recovery-prevention";
        public const string CustomerTold = "recovery-told";
        public const string ApologyGiven = "recovery-apology";
    }

    /// <summary>The button that shows the blank form.</summary>
    public static JsonObject Prompt(RecoveryPromptBlock prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var empty = new RecoveryFormInput(null, null, null, null, null, null);
        return new JsonObject
        {
            ["type"] = "ActionSet",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Action.ShowCard",
                ["title"] = "Write recovery note",
                ["card"] = new JsonObject
                {
                    ["type"] = "AdaptiveCard",
                    ["body"] = new JsonArray([.. Fields(empty, new Dictionary<RecoveryFormField, string>())]),
                    ["actions"] = new JsonArray(Save(prompt.Number)),
                },
            }),
        };
    }

    /// <summary>The form drawn in the card itself, with its problems.</summary>
    public static IEnumerable<JsonObject> Form(RecoveryFormBlock form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return [.. Fields(form.Values, form.Problems), new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(Save(form.Number)) }];
    }

    private static IEnumerable<JsonObject> Fields(RecoveryFormInput values, IReadOnlyDictionary<RecoveryFormField, string> problems)
    {
        IEnumerable<JsonObject> Field(JsonObject input, RecoveryFormField field)
        {
            yield return input;
            if (problems.TryGetValue(field, out var problem))
            {
                yield return new JsonObject
                {
                    ["type"] = "TextBlock",
                    ["text"] = AdaptiveCardRenderer.Escape(problem),
                    ["wrap"] = true,
                    ["color"] = "Attention",
                    ["size"] = "Small",
                    ["spacing"] = "None",
                };
            }
        }

        var cause = Input("Input.ChoiceSet", Inputs.Cause, "What caused it", values.Cause);
        cause["style"] = "compact";
        cause["isRequired"] = true;
        cause["errorMessage"] = "Pick the cause.";
        cause["placeholder"] = "Pick the cause";
        cause["choices"] = new JsonArray([.. RecoveryForm.CauseChoices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Label, ["value"] = c.Value })]);
        var causeText = Text(Inputs.CauseText, "In your words (needed for Other)", values.CauseText, multiline: false);
        causeText["placeholder"] = "the courier lost the parcel";
        var fix = Text(Inputs.Fix, "The fix: what we are doing to put it right", values.Fix, multiline: true);
        fix["placeholder"] = "sent a loaner the same day";
        var prevention = Text(Inputs.Prevention, "Prevention: what keeps it from happening again", values.Prevention, multiline: true);
        prevention["placeholder"] = "keep two spares in stock";
        return
        [
            .. Field(cause, RecoveryFormField.Cause),
            .. Field(causeText, RecoveryFormField.CauseText),
            .. Field(fix, RecoveryFormField.Fix),
            .. Field(prevention, RecoveryFormField.Prevention),
            .. Field(YesNo(Inputs.CustomerTold, "Customer told?", values.CustomerTold), RecoveryFormField.CustomerTold),
            .. Field(YesNo(Inputs.ApologyGiven, "Apology given?", values.ApologyGiven), RecoveryFormField.ApologyGiven),
        ];
    }

    private static JsonObject Save(PromiseNumber number) => new()
    {
        ["type"] = "Action.Execute",
        ["title"] = "Save recovery note",
        ["verb"] = Verb,
        ["style"] = "positive",
        ["data"] = new JsonObject { ["number"] = number.Value },
        ["fallback"] = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = "Save recovery note",
            ["data"] = new JsonObject { ["verb"] = Verb, ["number"] = number.Value },
        },
    };

    private static JsonObject Input(string type, string id, string label, string? value)
    {
        var input = new JsonObject { ["type"] = type, ["id"] = id, ["label"] = label };
        if (!string.IsNullOrEmpty(value))
        {
            input["value"] = value;
        }

        return input;
    }

    private static JsonObject Text(string id, string label, string? value, bool multiline)
    {
        var input = Input("Input.Text", id, label, value);
        input["maxLength"] = RecoveryForm.MaxText;
        if (multiline)
        {
            input["isMultiline"] = true;
        }

        return input;
    }

    private static JsonObject YesNo(string id, string label, string? value)
    {
        var input = Input("Input.ChoiceSet", id, label, value);
        input["style"] = "expanded";
        input["choices"] = new JsonArray(
            new JsonObject { ["title"] = "Yes", ["value"] = "yes" },
            new JsonObject { ["title"] = "No", ["value"] = "no" });
        return input;
    }
}
