using Microsoft.Extensions.Options;

namespace PromiseBot.Slack.WebApi;

/// <summary><c>Slack__BotToken</c> for every workspace: the single-workspace setup.</summary>
public sealed class ConfiguredSlackToken(IOptions<SlackOptions> options) : ISlackTokenSource
{
    private readonly string? _token = string.IsNullOrWhiteSpace(options.Value.BotToken) ? null : options.Value.BotToken;

    public bool MayHaveTokens => _token is not null;

    public ValueTask<string?> GetBotTokenAsync(string teamId, CancellationToken cancellationToken) => ValueTask.FromResult(_token);
}
