using System.Text;
using System.Text.Json.Nodes;

namespace PromiseBot.Testing.Fuzzing;

/// <summary>
/// Seeded mutations of real JSON payloads: structural (a value replaced by one of another type, a hostile string, a
/// huge number, a deeply nested array or object; a property removed or duplicated), textual (the JSON text cut short
/// or mutated character by character, so it is often invalid) and byte-level (invalid UTF-8).
/// </summary>
public static class FuzzJson
{
    public static byte[] Mutate(int seed, IReadOnlyList<string> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var random = new Random(seed);
        var json = corpus[random.Next(corpus.Count)];
        switch (random.Next(10))
        {
            case 0: // untouched: the real payload
                return Encoding.UTF8.GetBytes(json);
            case 1: // text-level mutation: mostly invalid JSON
                return Encoding.UTF8.GetBytes(FuzzText.MutateOnce(random, FuzzText.MutateOnce(random, json, corpus), corpus));
            case 2: // cut short
                return Encoding.UTF8.GetBytes(json[..random.Next(json.Length + 1)]);
            case 3: // bytes
                return FuzzBytes.MutateOnce(random, Encoding.UTF8.GetBytes(json));
            case 4: // deep nesting on its own
                return Encoding.UTF8.GetBytes(Deep(random, random.Next(1, 3) == 1 ? random.Next(10, 200) : random.Next(200, 5000)));
            default: // structural, 1 to 4 changes
                var node = JsonNode.Parse(json);
                var steps = random.Next(1, 5);
                for (var i = 0; i < steps; i++)
                {
                    node = MutateNode(random, node);
                }

                return Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");
        }
    }

    /// <summary>An array or object nested <paramref name="depth"/> deep, sometimes unclosed.</summary>
    public static string Deep(Random random, int depth)
    {
        ArgumentNullException.ThrowIfNull(random);
        var builder = new StringBuilder();
        var objects = random.Next(2) == 0;
        for (var i = 0; i < depth; i++)
        {
            builder.Append(objects ? "{\"a\":" : "[");
        }

        builder.Append("1");
        if (random.Next(4) != 0)
        {
            for (var i = 0; i < depth; i++)
            {
                builder.Append(objects ? '}' : ']');
            }
        }

        return builder.ToString();
    }

    private static string Closed(int depth, bool objects) =>
        string.Concat(Enumerable.Repeat(objects ? "{\"a\":" : "[", depth)) + "1" + new string(objects ? '}' : ']', depth);

    private static JsonNode? MutateNode(Random random, JsonNode? root)
    {
        if (root is null || random.Next(20) == 0)
        {
            return RandomValue(random);
        }

        var containers = new List<JsonNode>();
        Collect(root, containers);
        var target = containers[random.Next(containers.Count)];
        switch (target)
        {
            case JsonObject obj when obj.Count > 0:
            {
                var keys = obj.Select(p => p.Key).ToList();
                var key = keys[random.Next(keys.Count)];
                switch (random.Next(5))
                {
                    case 0:
                        obj.Remove(key);
                        break;
                    case 1:
                        obj[key + FuzzText.Piece(random)] = RandomValue(random);
                        break;
                    case 2 when obj[key] is JsonValue v && v.TryGetValue<string>(out var s):
                        obj[key] = FuzzText.MutateOnce(random, s, FuzzText.Markup);
                        break;
                    default:
                        obj[key] = RandomValue(random);
                        break;
                }

                break;
            }

            case JsonArray array when array.Count > 0:
                var index = random.Next(array.Count);
                if (random.Next(3) == 0)
                {
                    array.RemoveAt(index);
                }
                else
                {
                    array[index] = RandomValue(random);
                }

                break;
            case JsonArray array:
                array.Add(RandomValue(random));
                break;
            case JsonObject obj:
                obj["x"] = RandomValue(random);
                break;
        }

        return root;
    }

    private static void Collect(JsonNode node, List<JsonNode> containers)
    {
        switch (node)
        {
            case JsonObject obj:
                containers.Add(obj);
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Collect(child, containers);
                    }
                }

                break;
            case JsonArray array:
                containers.Add(array);
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Collect(child, containers);
                    }
                }

                break;
        }

        if (containers.Count == 0)
        {
            containers.Add(new JsonObject());
        }
    }

    private static JsonNode? RandomValue(Random random) => random.Next(12) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
        3 => JsonValue.Create(double.MaxValue),
        4 => JsonValue.Create(-0.0000001),
        5 => new JsonArray(),
        6 => new JsonObject(),
        7 => JsonNode.Parse(Closed(random.Next(2, 60), random.Next(2) == 0)),
        8 => JsonValue.Create(new string('x', random.Next(1, 50_000))),
        9 => JsonValue.Create(FuzzText.Noise(random.Next())),
        _ => JsonValue.Create(FuzzText.Piece(random)),
    };
}
