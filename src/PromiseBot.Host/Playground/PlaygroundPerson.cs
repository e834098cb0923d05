using PromiseBot.Core.Promises;

namespace PromiseBot.Host.Playground;

/// <summary>A demo person. <see cref="Id"/> is both the user id and the handle typed after <c>@</c>.</summary>
public sealed record PlaygroundPerson(string Id, string Name, string TimeZone, string Role, bool IsManager)
{
    public UserId UserId => new(Id);
}
