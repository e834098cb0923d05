namespace PromiseBot.Core.Sla;

/// <summary>
/// Which open promises a change recounts: those counting on calendar <see cref="Calendar"/>, or those whose due came
/// from the target of category <see cref="Target"/>. Exactly one is set.
/// </summary>
public sealed record SlaScope
{
    private SlaScope(string? calendar, string? target) => (Calendar, Target) = (calendar, target);

    public string? Calendar { get; }

    public string? Target { get; }

    public static SlaScope OfCalendar(string name) => new(name ?? throw new ArgumentNullException(nameof(name)), null);

    public static SlaScope OfTarget(string category) => new(null, (category ?? throw new ArgumentNullException(nameof(category))).ToLowerInvariant());
}
