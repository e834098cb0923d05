using System.Text;

namespace PromiseBot.Testing.Fuzzing;

/// <summary>
/// Seeded text mutations of real inputs: characters inserted, deleted or replaced, two inputs spliced, a token
/// duplicated or dropped, and pieces from the hostile pools below (unicode with RTL marks, emoji, combining marks and
/// zero-width characters; control characters; huge and odd numbers; Slack and Teams markup).
/// </summary>
public static class FuzzText
{
    /// <summary>Unicode that is easy to get wrong: bidi controls, RTL scripts, emoji sequences, combining marks,
    /// zero-width characters, lone surrogates, full-width and other digits, odd spaces and line breaks.</summary>
    public static readonly string[] Unicode =
    [
        "\u202E", "\u202D", "\u200F", "\u200E", "\u2066", "\u2069", "مرحبا", "שלום", "عميل", "٣", "۱۲", "１２", "５ｐｍ",
        "👍", "👍🏽", "👨‍👩‍👧", "🇺🇸", "❤️", "\U0001F4A9", "e\u0301", "\u0301", "a\u0300\u0301\u0302\u0303\u0304",
        "Z\u0351\u0352\u0357\u0358\u035B\u0346", "\u200B", "\u200C", "\u200D", "\uFEFF", "\u2060", "\u00AD", "\uD800",
        "\uDC00", "\uDBFF\uDFFF", "\u00A0", "\u2009", "\u3000", "\u2028", "\u2029", "ß", "İ", "ı", "ǅ", "Ω", "ﬁ",
        "日本語", "中文", "한국어", "ไทย", "\uFFFD", "\uFFFF", "\uFFFE", "ℌ", "Ⅻ", "①", "½",
    ];

    /// <summary>Control characters (C0, DEL and C1), which the grammar refuses, and the whitespace it keeps.</summary>
    public static readonly string[] Controls =
    [
        "\0", "\u0001", "\u0007", "\b", "\u000B", "\f", "\u001B", "\u001F", "\u007F", "\u0085", "\u009B", "\u009F",
        "\t", "\n", "\r", "\r\n", "\n\n\n",
    ];

    /// <summary>Numbers that overflow, underflow or are not quite numbers.</summary>
    public static readonly string[] Numbers =
    [
        "0", "-1", "-0", "00000000000000000001", "2147483647", "2147483648", "-2147483649", "4294967296",
        "9223372036854775807", "9223372036854775808", "99999999999999999999999999999999999999", "1e308", "1e309",
        "NaN", "Infinity", "0x7fffffff", "1_000", "1,000,000,000,000", "1.5", "3.", ".5", "+7", "٣٣", "１２３",
        "$99999999999999999999", "€-5", "100%", "1000000%", "-100%", "99999 days", "9999999 business hours",
        "0 days", "25:61", "99:99pm", "13pm", "00:00", "24:00", "2026-02-30", "9999-12-31", "0001-01-01", "31/31",
    ];

    /// <summary>Markup a person could type to ping everyone, mention someone or hide a link, raw and as Slack sends it
    /// entity-encoded, plus Teams and card markdown.</summary>
    public static readonly string[] Markup =
    [
        "<!channel>", "<!here>", "<!everyone>", "<!subteam^S0EVIL|@admins>", "<!subteam^S0EVIL>", "<@U0EVIL1>",
        "<@U0EVIL2|boss>", "<@W0EVIL3>", "<#C0EVIL|general>", "<http://evil.example|click me>", "<https://evil.example>",
        "<mailto:evil@evil.example|mail>", "<tel:123|call>", "&lt;!channel&gt;", "&lt;!here&gt;", "&lt;@U0EVIL1&gt;",
        "&lt;https://evil.example|x&gt;", "&amp;lt;!channel&amp;gt;", "&amp;", "&lt;", "&gt;", "<", ">", "<<!here>>",
        "<!here|here>", "<!date^1392734382^{date}|x>", "[click](https://evil.example)", "[x](javascript:alert(1))",
        "<at>Maya</at>", "<at>", "</at>", "**bold**", "_it_", "~s~", "`code`", "```", "# heading", "- item", "1. item",
        "> quote", "|", "\\", "{", "}", "${{x}}", "{{user}}", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "%00", "%", "%zz", "+", "=", "\"", "'", "--", ";", "/promise", "@channel", "@here", "#general", "https://evil.example/x",
    ];

    /// <summary>Words of the grammar, so mutations land near real verbs and clauses.</summary>
    public static readonly string[] Words =
    [
        "add", "list", "done", "extend", "pause", "resume", "assign", "backup", "cancel", "broken", "reopen", "show",
        "history", "help", "ack", "digest", "config", "calendar", "sla", "guarantee", "credit", "credits", "risk",
        "away", "suggest", "use", "authority", "approve", "decline", "approvals", "report", "export", "recover",
        "feedback", "update", "by", "before", "due", "for", "until", "in", "within", "at", "on", "to", "aim", "value",
        "tomorrow", "today", "Friday", "next", "end", "of", "month", "week", "eod", "noon", "midnight", "business",
        "days", "hours", "minutes", "5pm", "10am", "Dec", "3", "12", "#web", "#callback", "<@U1>", "me", "all",
        "mine", "overdue", "risky", "+vendor", "-customer-input", "premium", "basic", "full-refund", "$2,400", "€1,200",
        "USD", "EUR", "per", "max", "late", "refund", "if", "holiday", "hours", "zone", "mon-fri", "9-17", "Europe/Paris",
    ];

    private static readonly string[][] Pools = [Unicode, Controls, Numbers, Markup, Words];

    /// <summary>One mutant of a random entry of <paramref name="corpus"/>: 1 to 4 mutations, sometimes none, so the
    /// real inputs themselves are in the run.</summary>
    public static string Mutate(int seed, IReadOnlyList<string> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var random = new Random(seed);
        var text = corpus[random.Next(corpus.Count)];
        var steps = random.Next(10) == 0 ? 0 : random.Next(1, 5);
        for (var i = 0; i < steps; i++)
        {
            text = MutateOnce(random, text, corpus);
        }

        return text;
    }

    /// <summary>A random piece of one of the hostile pools.</summary>
    public static string Piece(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var pool = Pools[random.Next(Pools.Length)];
        return pool[random.Next(pool.Length)];
    }

    public static string MutateOnce(Random random, string text, IReadOnlyList<string> corpus)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(corpus);
        var at = text.Length == 0 ? 0 : random.Next(text.Length + 1);
        switch (random.Next(12))
        {
            case 0: // insert a random character
                return text.Insert(at, RandomChar(random).ToString());
            case 1: // delete a run of characters
                if (text.Length == 0)
                {
                    return text;
                }

                var from = random.Next(text.Length);
                return text.Remove(from, Math.Min(text.Length - from, random.Next(1, 8)));
            case 2: // replace a character
                if (text.Length == 0)
                {
                    return RandomChar(random).ToString();
                }

                var i = random.Next(text.Length);
                return string.Concat(text.AsSpan(0, i), RandomChar(random).ToString(), text.AsSpan(i + 1));
            case 3: // splice with another input
                var other = corpus[random.Next(corpus.Count)];
                var cut = other.Length == 0 ? 0 : random.Next(other.Length + 1);
                return string.Concat(text.AsSpan(0, at), other.AsSpan(cut));
            case 4: // duplicate a token
            {
                var tokens = text.Split(' ');
                var t = random.Next(tokens.Length);
                var copies = random.Next(5) == 0 ? random.Next(2, 50) : 1;
                var list = tokens.ToList();
                list.InsertRange(t, Enumerable.Repeat(tokens[t], copies));
                return string.Join(' ', list);
            }
            case 5: // drop a token
            {
                var tokens = text.Split(' ').ToList();
                tokens.RemoveAt(random.Next(tokens.Count));
                return string.Join(' ', tokens);
            }
            case 6: // swap two tokens
            {
                var tokens = text.Split(' ');
                var a = random.Next(tokens.Length);
                var b = random.Next(tokens.Length);
                (tokens[a], tokens[b]) = (tokens[b], tokens[a]);
                return string.Join(' ', tokens);
            }
            case 7: // a huge run of one piece
                return text.Insert(at, string.Concat(Enumerable.Repeat(Piece(random), random.Next(2, random.Next(3) == 0 ? 600 : 20))));
            case 8: // change the case
                return random.Next(2) == 0 ? text.ToUpperInvariant() : text.ToLowerInvariant();
            default: // insert a hostile piece, often as its own word
                var piece = Piece(random);
                return random.Next(2) == 0 ? text.Insert(at, piece) : text.Insert(at, " " + piece + " ");
        }
    }

    /// <summary>A character from anywhere: printable ASCII most often, else any UTF-16 unit, surrogates included.</summary>
    public static char RandomChar(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(4) switch
        {
            0 or 1 => (char)random.Next(0x20, 0x7F),
            2 => (char)random.Next(0, 0x20),
            _ => (char)random.Next(0, 0x10000),
        };
    }

    /// <summary>Random hostile text built from the pools alone (no real input behind it).</summary>
    public static string Noise(int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder();
        var pieces = random.Next(1, 12);
        for (var i = 0; i < pieces; i++)
        {
            builder.Append(Piece(random));
            if (random.Next(2) == 0)
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }
}
