using System.Collections.Concurrent;
using System.Text.Json;
using PromiseBot.Core.Promises;
using PromiseBot.Teams.Activities;

namespace PromiseBot.Teams.Cards;

/// <summary>Display names for Teams user ids, so a card can show <c>@Ana Lopez</c> in a mention.</summary>
public interface ITeamsUserNames
{
    /// <summary>The last display name seen for <paramref name="user"/>, or null.</summary>
    string? NameOf(UserId user);
}
