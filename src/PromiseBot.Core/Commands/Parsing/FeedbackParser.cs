using System.Globalization;
using System.Text.RegularExpressions;
using PromiseBot.Core.Feedback;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Commands.Parsing;

/// <summary>
/// <c>feedback N 4/5 [comment]</c>, also <c>4</c>, <c>4 / 5</c> and <c>4 out of 5</c>. Only whole scores from 1 to 5
/// are taken: anything else (0, 6, 4.5, 4/10, a word) is refused with what was read and an example, never rounded or
/// rescaled.
/// </summary>
internal static partial class FeedbackParser
{
    /// <summary>Longer comments are refused (a comment is a sentence or two the customer said).</summary>
    public const int MaxComment = 500;

    /// <summary>True when the text after the number starts like a score (a digit, or a sign and a digit).</summary>
    public static bool StartsWithNumber(string? rest) =>
        rest is { Length: > 0 } && (char.IsAsciiDigit(rest[0]) || (rest.Length > 1 && rest[0] is '+' or '-' && char.IsAsciiDigit(rest[1])));

    public static ParsedCommand Parse(PromiseNumber number, string? rest)
    {
        var understood = $"feedback on {number}";
        if (rest is null)
        {
            return new CommandError("What did the customer give it? Add a score from 1 to 5, then any comment.", understood, Usage.Feedback);
        }

        var match = Score().Match(rest);
        if (!match.Success)
        {
            return new CommandError(
                $"I couldn't find a score in \"{CommandText.Excerpt(rest)}\". Feedback starts with a score from 1 to 5, then an optional comment.",
                understood,
                Usage.Feedback);
        }

        var scoreText = match.Groups["score"].Value;
        var outOf = match.Groups["outof"];
        var read = outOf.Success ? $"{scoreText}/{outOf.Value}" : scoreText;
        understood = $"feedback on {number}, score {read}";
        if (outOf.Success && outOf.Value != "5")
        {
            return new CommandError($"Scores are out of 5, and I read {read}. Give the customer's score as 1 to 5 (I won't convert it for you).", understood, Usage.Feedback);
        }

        if (!int.TryParse(scoreText, NumberStyles.None, CultureInfo.InvariantCulture, out var score)
            || score < CustomerFeedback.MinScore || score > CustomerFeedback.MaxScore)
        {
            return new CommandError($"A score is a whole number from 1 to 5, and I read {read}.", understood, Usage.Feedback);
        }

        var comment = match.Groups["comment"].Value.Trim();
        if (comment.Length > MaxComment)
        {
            return new CommandError($"That comment is {comment.Length:N0} characters long; keep it under {MaxComment}.", understood, Usage.Feedback);
        }

        return new RecordFeedbackCommand(number, score, TitleText.Clean(comment));
    }

    // A score, optionally "/ N" or "out of N", then whitespace and the comment (or the end). "4.5" and "-1" are read
    // as numbers so that the refusal can say what it read.
    [GeneratedRegex(@"^(?<score>[+-]?\d+(?:[.,]\d+)?)(?:\s*(?:/|out\s+of)\s*(?<outof>\d+(?:[.,]\d+)?))?(?:\s+(?<comment>.*))?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Score();
}
