namespace PromiseBot.Core.Commands;

/// <summary>A checked form: the command to run, or the problems to show under their fields (never both).</summary>
public sealed record PromiseFormCheck(CreatePromiseCommand? Command, IReadOnlyDictionary<PromiseFormField, string> Problems)
{
    public bool IsValid => Command is not null;
}
