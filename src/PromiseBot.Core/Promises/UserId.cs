using NodaTime;

namespace PromiseBot.Core.Promises;

/// <summary>A chat user, as the platform names them (Slack <c>U123</c>, Teams <c>29:...</c>).</summary>
public readonly record struct UserId(string Value)
{
    public override string ToString() => Value;
}
