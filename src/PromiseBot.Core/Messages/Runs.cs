namespace PromiseBot.Core.Messages;

/// <summary>Short constructors so message builders read like the message.</summary>
internal static class Runs
{
    public static PlainRun T(string text) => new(text);

    public static BoldRun B(string text) => new(text);

    public static CodeRun C(string text) => new(text);

    public static ItalicRun I(string text) => new(text);
}
