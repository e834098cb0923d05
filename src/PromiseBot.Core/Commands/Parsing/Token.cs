using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>A word of a command, as a slice of the normalized text. A mention is one token even with spaces in its label.</summary>
internal readonly record struct Token(int Start, int Length)
{
    public int End => Start + Length;
}
