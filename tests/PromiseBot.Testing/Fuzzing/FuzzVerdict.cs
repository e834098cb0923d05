namespace PromiseBot.Testing.Fuzzing;

/// <summary>What the product did with one fuzz input.</summary>
public enum FuzzVerdict
{
    /// <summary>Read it as something (a command, a payload).</summary>
    Accepted,

    /// <summary>Turned it down with a well-formed refusal.</summary>
    Refused,
}
