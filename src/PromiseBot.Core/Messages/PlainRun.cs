using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

public sealed record PlainRun(string Text) : TextRun;
