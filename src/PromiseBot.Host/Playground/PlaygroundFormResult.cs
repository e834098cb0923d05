namespace PromiseBot.Host.Playground;

/// <summary>A submitted form: the reply when the promise was made, else the problems by field (title, due, …).</summary>
public sealed record PlaygroundFormResult(PlaygroundReply? Reply, IReadOnlyDictionary<string, string> Problems);
