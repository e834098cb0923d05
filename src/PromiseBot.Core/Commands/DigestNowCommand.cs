using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary><c>digest</c>: post this channel's digest now (doubles as a preview).</summary>
public sealed record DigestNowCommand : ParsedCommand;
