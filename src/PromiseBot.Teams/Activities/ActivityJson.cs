using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromiseBot.Teams.Activities;

public static class ActivityJson
{
    /// <summary>
    /// Parses a request body. Returns null with a short reason (answer 400) for anything that is not a JSON object
    /// of the activity shape; never throws for bad input.
    /// </summary>
    public static Activity? TryParse(ReadOnlySpan<byte> body, out string? error)
    {
        try
        {
            var activity = JsonSerializer.Deserialize(body, ActivityJsonContext.Default.Activity);
            if (activity is not null && !global::PromiseBot.Http.JsonStrings.AllReadable(body))
            {
                // Its strings are read later (the card's value, the text): refuse it now, not with an exception then.
                error = "The body holds a string that is not valid UTF-8.";
                return null;
            }

            error = activity is null ? "The body is not an activity." : null;
            return activity;
        }
        catch (JsonException)
        {
            error = "The body is not a well-formed activity JSON object.";
            return null;
        }
    }
}
