using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

public sealed record CodeRun(string Text) : TextRun;
