namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// A clause found by <see cref="CommandText.FindTrailingClause"/>: its word is token <paramref name="At"/>, its words run to
/// token <paramref name="End"/> (exclusive), and the tags after it from there to the end.
/// </summary>
internal sealed record TrailingClause(string Text, List<Token> Tokens, int At, int End)
{
    /// <summary>The clause's words from token <paramref name="from"/> (after its word) to <see cref="End"/>; "" when none.</summary>
    public string Phrase(int from) => from < End ? Text[Tokens[from].Start..(Tokens[End - 1].Start + Tokens[End - 1].Length)] : "";

    /// <summary>The promise without the clause: what came before it, then the tags after it.</summary>
    public string Body
    {
        get
        {
            var before = Text[..Tokens[At].Start].TrimEnd();
            var tags = End < Tokens.Count ? Text[Tokens[End].Start..] : "";
            return (before + " " + tags).Trim();
        }
    }
}
