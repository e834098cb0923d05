using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

public sealed record StrikeRun(string Text) : TextRun;
