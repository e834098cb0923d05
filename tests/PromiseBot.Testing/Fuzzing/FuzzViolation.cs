namespace PromiseBot.Testing.Fuzzing;

/// <summary>A fuzz property that did not hold (or an exception that escaped the product), with the input.</summary>
public sealed class FuzzViolation : Exception
{
    public FuzzViolation()
    {
    }

    public FuzzViolation(string message) : base(message)
    {
    }

    public FuzzViolation(string message, Exception inner) : base(message, inner)
    {
    }
}
