using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PromiseBot.Slack.WebApi;
using PromiseBot.Testing;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Host.Tests;

/// <summary>auth.test at start-up names the bot; a bad token is a warning, never a crash.</summary>
public sealed class SlackIdentityCheckTests
{
    [Fact]
    public async Task AGoodToken_IsIdentifiedThroughAuthTest()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.BaseUrl,
        });

        var me = await host.Services.GetRequiredService<SlackIdentityCheck>().CheckAsync(CancellationToken.None);

        Assert.NotNull(me);
        Assert.False(string.IsNullOrEmpty(me.UserId));
        Assert.Contains(slack.CallsTo("auth.test"), c => c.Authorization == "Bearer " + slack.BotToken);
    }

    [Fact]
    public async Task ARejectedToken_IsAWarning_AndCommandsStillWork()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.FailMethod("auth.test", "invalid_auth");
        slack.FailMethod("users.info", "invalid_auth");
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.BaseUrl,
        });

        var me = await host.Services.GetRequiredService<SlackIdentityCheck>().CheckAsync(CancellationToken.None);
        var (status, json, _) = await host.CommandAsync("Send the quote by Friday 5pm");

        Assert.Null(me);
        Assert.Equal(200, status);
        Assert.Contains("#1", json.AllText());
    }

    [Fact]
    public async Task AnUnreachableSlack_IsAWarning_NotACrash()
    {
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-test",
            // Nothing listens on port 9 (discard) on loopback: the connection is refused at once.
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/",
        });

        var me = await host.Services.GetRequiredService<SlackIdentityCheck>().CheckAsync(CancellationToken.None);

        Assert.Null(me);
    }

    [Fact]
    public async Task WithOnlyOAuthInstalls_ThereIsNoOneTokenToCheck_SoItIsSkippedWithoutAWarning()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        using var db = new TempDatabase();
        using var host = new BotHost(db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Slack:ClientId"] = slack.ClientId,
            ["Slack:ClientSecret"] = slack.ClientSecret,
            ["Slack:ApiBaseUrl"] = slack.BaseUrl,
        });
        var log = new CapturingLogs();
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);

        var me = await host.Services.GetRequiredService<SlackIdentityCheck>().CheckAsync(CancellationToken.None);

        Assert.Null(me);
        Assert.Empty(slack.CallsTo("auth.test"));
        var lines = log.For(typeof(SlackIdentityCheck).FullName!);
        Assert.DoesNotContain(lines, l => l.Level >= LogLevel.Warning);
        Assert.Contains(lines, l => l.Message.Contains("/slack/install", StringComparison.Ordinal));
    }

    private sealed class CapturingLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _lines = new();

        public IReadOnlyList<(LogLevel Level, string Message)> For(string category) =>
            [.. _lines.Where(l => l.Category == category).Select(l => (l.Level, l.Message))];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
