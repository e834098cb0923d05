using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromiseBot.Teams.Activities;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class ActivityJsonContext : JsonSerializerContext;
