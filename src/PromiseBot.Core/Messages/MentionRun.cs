using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>A mention of a user, rendered as the platform's native mention.</summary>
public sealed record MentionRun(UserId User) : TextRun;
