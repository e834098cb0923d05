using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>A short title line.</summary>
public sealed record HeaderBlock(string Text) : ReplyBlock;
