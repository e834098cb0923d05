using NodaTime;

namespace PromiseBot.Core.Dates;

/// <summary>Outcome of reading a date phrase: either a <see cref="ResolvedDue"/> or a reason it was refused.</summary>
public abstract record DueDateResult
{
    public sealed record Ok(ResolvedDue Value) : DueDateResult;

    public sealed record Refused(DueDateProblem Problem, string Message, string? Understood) : DueDateResult;
}
