namespace PromiseBot.Core;

internal static class Whitespace
{
    /// <summary>
    /// Trims and collapses every whitespace run (newlines, tabs, non-breaking spaces) to one space. Returns the input
    /// itself (no allocation) when it is already clean.
    /// </summary>
    public static string Collapse(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        var pendingSpace = false;
        var changed = false;
        foreach (var c in text)
        {
            changed |= char.IsWhiteSpace(c) && (c != ' ' || pendingSpace || builder.Length == 0);
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            builder.Append(c);
        }

        changed |= pendingSpace;
        return changed ? builder.ToString() : text;
    }
}
