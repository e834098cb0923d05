using PromiseBot.Core.Promises;

namespace PromiseBot.Host.Playground;

public sealed record PlaygroundChannel(string Id, string Name);
