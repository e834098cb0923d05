using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromiseBot.Testing.Teams.Auth;

namespace PromiseBot.Host.Tests.Teams;

/// <summary>Builds Teams activities the way the Bot Framework channel sends them, and posts them with a token.</summary>
public sealed class TeamsTraffic(BotHost host, FakeOpenIdServer openId)
{
    public const string AppId = "00000000-1111-2222-3333-444444444444";
    public const string BotId = "28:" + AppId;
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    public const string Channel = "19:general@thread.tacv2";

    private int _nextId;

    /// <summary>
    /// Inbound settings. The password and a dead loopback token endpoint satisfy the outbound side's start-up checks
    /// while keeping every call on 127.0.0.1: without a token no reply is ever sent to the (real) service URL.
    /// </summary>
    public static Dictionary<string, string?> Settings(FakeOpenIdServer openId) => new()
    {
        ["Teams:AppId"] = AppId,
        ["Teams:AppPassword"] = "test-app-password",
        ["Teams:TenantId"] = "contoso",
        ["Teams:OpenIdMetadataUrl"] = openId.MetadataUrl,
        ["Teams:TokenEndpoint"] = "http://127.0.0.1:9/contoso/oauth2/v2.0/token",
    };

    public JsonObject Message(string text, string tenant = "contoso", string user = "29:ana", string conversation = Channel + ";messageid=1700000000000",
        string conversationType = "channel", string? id = null)
    {
        var activity = Base("message", tenant, user, conversation, conversationType, id);
        activity["text"] = "<at>PromiseBot</at> " + text;
        activity["textFormat"] = "plain";
        activity["entities"] = new JsonArray(
            new JsonObject { ["type"] = "mention", ["text"] = "<at>PromiseBot</at>", ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "PromiseBot" } },
            new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["timezone"] = "America/New_York" });
        return activity;
    }

    /// <summary>An Action.Execute click. <paramref name="version"/>: the promise's version the card was drawn at (cards
    /// carry it in the button's data); null is a card from before they did.</summary>
    public JsonObject Invoke(string verb, int number, string tenant = "contoso", string user = "29:ana", string conversation = "a:1on1-ana",
        JsonObject? extraData = null, int? version = null)
    {
        var data = extraData ?? new JsonObject();
        data["number"] = number;
        if (version is { } drawn)
        {
            data["version"] = drawn;
        }

        return Execute(verb, data, tenant, user, conversation);
    }

    /// <summary>An Action.Execute invoke with this verb and data (a card's inputs are sent inside data).</summary>
    public JsonObject Execute(string verb, JsonObject data, string tenant = "contoso", string user = "29:ana", string conversation = "a:1on1-ana")
    {
        var activity = Base("invoke", tenant, user, conversation, "personal", "f:" + Guid.NewGuid().ToString("N"));
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    public JsonObject Base(string type, string tenant, string user, string conversation, string conversationType, string? id = null) => new()
    {
        ["type"] = type,
        ["id"] = id ?? (1700000000000 + Interlocked.Increment(ref _nextId)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["timestamp"] = "2026-11-23T15:00:00.000Z",
        ["channelId"] = "msteams",
        ["serviceUrl"] = ServiceUrl,
        ["from"] = new JsonObject { ["id"] = user, ["name"] = "Ana Lopez", ["aadObjectId"] = "aad-" + user },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "PromiseBot" },
        ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = conversationType, ["tenantId"] = tenant },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } },
        ["locale"] = "en-US",
    };

    /// <summary>Posts with a valid token (or one spoiled as <paramref name="bad"/> says).</summary>
    public Task<(int Status, JsonObject? Json, string Raw)> PostAsync(JsonObject activity, BadToken? bad = null) =>
        PostRawAsync(activity.ToJsonString(), "Bearer " + openId.MintToken(ServiceUrl, bad));

    /// <summary>
    /// Sends <paramref name="text"/> as a message to the bot and returns the reply card it queued in the outbox,
    /// rendered and held against the Adaptive Cards validator.
    /// </summary>
    public async Task<JsonObject> ReplyCardAsync(string text)
    {
        var activity = Message(text);
        var (status, _, _) = await PostAsync(activity);
        Assert.Equal(200, status);
        using var c = new Microsoft.Data.Sqlite.SqliteConnection(host.ConnectionString);
        c.Open();
        var message = Dapper.SqlMapper.QuerySingle<string>(c, "SELECT message FROM outbox WHERE idempotency_key = @Key AND platform = 'Teams'",
            new { Key = $"teams:reply:teams:act:{activity["conversation"]!["id"]}|{activity["id"]}" });
        var card = new PromiseBot.Teams.Cards.AdaptiveCardRenderer(new PromiseBot.Teams.Cards.TeamsUserNameCache())
            .RenderCard(PromiseBot.Core.Messages.ReplyJson.Deserialize(message));
        var valid = await PromiseBot.Testing.PlatformValidators.AdaptiveCardAsync(card.ToJsonString());
        Assert.True(valid.IsValid, valid.ToString());
        return card;
    }

    public async Task<(int Status, JsonObject? Json, string Raw)> PostRawAsync(string body, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await host.SendAsync(request);
    }
}

public static class JsonText
{
    /// <summary>Every string value anywhere in the JSON, one per line.</summary>
    public static string AllStrings(JsonNode? node)
    {
        var sb = new StringBuilder();
        Collect(node, sb);
        return sb.ToString();
    }

    private static void Collect(JsonNode? node, StringBuilder sb)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, sb);
                }

                break;
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, sb);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                sb.Append(value.GetValue<string>()).Append('\n');
                break;
        }
    }
}
