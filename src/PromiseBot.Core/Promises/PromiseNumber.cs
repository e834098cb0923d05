using NodaTime;

namespace PromiseBot.Core.Promises;

/// <summary>The per-workspace number people type (<c>done 12</c>).</summary>
public readonly record struct PromiseNumber(int Value)
{
    public override string ToString() => "#" + Value;
}
