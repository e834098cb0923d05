using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands;

/// <summary>
/// A platform-neutral request, produced by an adapter after it verified and translated the platform payload.
/// Mentions in <see cref="Text"/> are in the neutral form <c>&lt;@ID&gt;</c> or <c>&lt;@ID|label&gt;</c>.
/// </summary>
public sealed record InboundCommand(
    ChatPlatform Platform,
    WorkspaceId Workspace,
    string Channel,
    bool IsDirectMessage,
    UserId User,
    string Text,
    Instant ReceivedAt,
    string? DeliveryKey,
    string? UserTimeZone);
