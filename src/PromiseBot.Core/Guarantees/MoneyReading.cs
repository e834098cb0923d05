namespace PromiseBot.Core.Guarantees;

/// <summary>What <see cref="MoneyParser.Parse"/> read: the amount, or why it could not take it (a sentence for a refusal).</summary>
public sealed record MoneyReading(Money? Value, string? Problem)
{
    public static MoneyReading Ok(Money value) => new(value, null);

    public static MoneyReading Refused(string problem) => new(null, problem);
}
