using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Feedback;

/// <summary>
/// The customer's score of a closed promise (1–5) and their comment, recorded on their behalf by anyone in the
/// workspace. One per promise: a later score replaces it (the history keeps both as events).
/// </summary>
public sealed record CustomerFeedback(
    WorkspaceId Workspace, PromiseNumber Number, int Score, string? Comment, UserId RecordedBy, Instant RecordedAt)
{
    public const int MinScore = 1;
    public const int MaxScore = 5;

    /// <summary>"4/5".</summary>
    public static string ScoreText(int score) => $"{score}/{MaxScore}";
}
