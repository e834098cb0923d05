using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>A piece of rich text. Renderers escape <see cref="Text"/> for their markup.</summary>
public abstract record TextRun;
