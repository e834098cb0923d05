using System.Text.Json.Nodes;
using PromiseBot.Core.Messages;

namespace PromiseBot.Teams.Messaging;

/// <summary>
/// Renders a neutral <see cref="Reply"/> as an Adaptive Card (version ≤ 1.5, the bare card object with
/// <c>"type":"AdaptiveCard"</c>), which <see cref="TeamsMessenger"/> sends as an
/// <c>application/vnd.microsoft.card.adaptive</c> attachment
/// (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference#adaptive-card).
/// </summary>
public interface ITeamsCardRenderer
{
    JsonObject Render(Reply reply);
}
