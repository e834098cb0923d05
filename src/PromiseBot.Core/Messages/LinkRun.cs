using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>A link. Renderers must only emit http(s) URLs as links; anything else becomes plain text.</summary>
public sealed record LinkRun(string Url, string Label) : TextRun;
