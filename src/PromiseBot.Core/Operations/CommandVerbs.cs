using System.Collections.Concurrent;
using System.Text;
using PromiseBot.Core.Commands;

namespace PromiseBot.Core.Operations;

/// <summary>
/// The verb a command is counted under in the metrics: its type's name without "Command", in snake case
/// (<c>CreatePromiseCommand</c> → <c>create_promise</c>, a refusal → <c>error</c>). Bounded by the command types, so a
/// label never carries user text.
/// </summary>
public static class CommandVerbs
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of(ParsedCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command is CommandError ? "error" : Names.GetOrAdd(command.GetType(), Name);
    }

    private static string Name(Type type)
    {
        var name = type.Name.EndsWith("Command", StringComparison.Ordinal) ? type.Name[..^"Command".Length] : type.Name;
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
