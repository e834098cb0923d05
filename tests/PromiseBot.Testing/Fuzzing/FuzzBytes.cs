using System.Text;

namespace PromiseBot.Testing.Fuzzing;

/// <summary>Seeded byte-level mutations: invalid UTF-8 (lone continuation bytes, overlong forms, truncated
/// sequences, surrogates encoded as UTF-8), NUL bytes, bad percent escapes, bytes cut or repeated.</summary>
public static class FuzzBytes
{
    private static readonly byte[][] Hostile =
    [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x00], [0xEF, 0xBB, 0xBF],
        "%"u8.ToArray(), "%G0"u8.ToArray(), "%C0%80"u8.ToArray(), "%ED%A0%80"u8.ToArray(), "%FF"u8.ToArray(),
        "%00"u8.ToArray(), "&&&"u8.ToArray(), "==="u8.ToArray(), "&text="u8.ToArray(), "&team_id="u8.ToArray(),
        "+"u8.ToArray(), "%2"u8.ToArray(),
    ];

    public static byte[] Mutate(int seed, IReadOnlyList<string> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var random = new Random(seed);
        var bytes = Encoding.UTF8.GetBytes(corpus[random.Next(corpus.Count)]);
        var steps = random.Next(8) == 0 ? 0 : random.Next(1, 5);
        for (var i = 0; i < steps; i++)
        {
            bytes = random.Next(3) == 0
                ? Encoding.UTF8.GetBytes(FuzzText.MutateOnce(random, Encoding.UTF8.GetString(bytes), corpus))
                : MutateOnce(random, bytes);
        }

        return bytes;
    }

    public static byte[] MutateOnce(Random random, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(bytes);
        var list = bytes.ToList();
        var at = random.Next(list.Count + 1);
        switch (random.Next(6))
        {
            case 0:
                list.InsertRange(at, Hostile[random.Next(Hostile.Length)]);
                break;
            case 1 when list.Count > 0:
                list.RemoveRange(Math.Min(at, list.Count - 1), Math.Min(list.Count - Math.Min(at, list.Count - 1), random.Next(1, 16)));
                break;
            case 2 when list.Count > 0:
                list[Math.Min(at, list.Count - 1)] = (byte)random.Next(256);
                break;
            case 3:
                return bytes[..random.Next(bytes.Length + 1)];
            case 4:
                var run = new byte[random.Next(1, random.Next(4) == 0 ? 70_000 : 300)];
                random.NextBytes(run);
                list.InsertRange(at, run);
                break;
            default:
                list.InsertRange(at, Hostile[random.Next(Hostile.Length)]);
                list.InsertRange(random.Next(list.Count + 1), Hostile[random.Next(Hostile.Length)]);
                break;
        }

        return [.. list];
    }
}
