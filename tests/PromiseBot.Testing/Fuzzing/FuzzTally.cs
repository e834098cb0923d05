using System.Globalization;

namespace PromiseBot.Testing.Fuzzing;

/// <summary>The counts of one fuzz property's run.</summary>
public sealed class FuzzTally(string property)
{
    public string Property { get; } = property;
    public int Inputs { get; private set; }
    public int Refusals { get; private set; }
    public int Accepted { get; private set; }
    public int Exceptions { get; set; }
    public int Violations { get; set; }
    public double Seconds { get; set; }

    public void Add(FuzzVerdict verdict)
    {
        Inputs++;
        if (verdict == FuzzVerdict.Refused)
        {
            Refusals++;
        }
        else
        {
            Accepted++;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"FUZZ {Property,-28} inputs={Inputs,7} refusals={Refusals,7} accepted={Accepted,7} exceptions={Exceptions} violations={Violations} seconds={Seconds:F1}");
}
