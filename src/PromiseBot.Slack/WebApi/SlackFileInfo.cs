namespace PromiseBot.Slack.WebApi;

/// <summary>What <c>files.info</c> says about one file: its id and the conversations it is shared in (from
/// <c>channels</c>, <c>groups</c>, <c>ims</c> and the keys of <c>shares.public</c> / <c>shares.private</c>).</summary>
public sealed record SlackFileInfo(string Id, IReadOnlySet<string> SharedIn);
