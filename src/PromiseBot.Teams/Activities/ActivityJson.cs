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
