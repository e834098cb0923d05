using PromiseBot.Testing;

namespace PromiseBot.Host.Tests;

/// <summary>Every kind of reply the bot sends, held against Slack's own types and documented limits.</summary>
public sealed class BlockKitConformanceTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly BotHost _host;

    public BlockKitConformanceTests() => _host = new BotHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task EveryReplyKind_PassesTheBlockKitValidator()
    {
        var texts = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            texts.Add($"add Promise {i} <!channel> & co by Friday 5pm for Customer {i} <@U2> #cat{i % 3}");
        }

        texts.AddRange(
        [
            "pause 1 waiting on vendor", "resume 1", "extend 1 to Monday 10am because reasons", "assign 1 <@U3>", "backup 1 <@U4>",
            "done 1 all good", "cancel 2 not needed", "show 1", "history 1", "list", "list all", "list all 2", "list mine",
            "list overdue", "list due #cat1", "help", "", "frobnicate", "done 99", "done 1", "add x by yesterday",
            "calendar", "calendar hours mon-fri 08:30-12:00,13:00-17:30", "calendar holidays import US", "calendar holidays",
            "calendar holiday add 2026-12-24 Christmas Eve <!channel>", "calendar new uk-support Europe/London", "calendar hours mon-fri 17:00-09:00",
            "calendar nope", "help calendar",
            "report", "report #cat1", "report last week", "report next week", "help report",
            "export", "export #cat1", "export last week", "export next week", "help export",
        ]);

        var replies = new List<(string Text, string Json)>();
        foreach (var text in texts)
        {
            var (status, _, raw) = await _host.CommandAsync(text, user: "U2");
            Assert.Equal(200, status);
            replies.Add((text, raw));
        }

        // Validate the distinct shapes (the 25 creates share one), a few at a time: in parallel to keep the test quick,
        // but not 40 Node processes at once on a busy two-core machine (each has a timeout).
        using var slots = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount));
        var results = await Task.WhenAll(replies.Skip(24).Select(async r =>
        {
            await slots.WaitAsync();
            try
            {
                return (r.Text, Result: await PlatformValidators.BlockKitAsync(r.Json));
            }
            finally
            {
                slots.Release();
            }
        }));
        foreach (var (text, result) in results)
        {
            Assert.True(result.IsValid, $"reply to '{text}' is not valid Block Kit:\n{result}");
        }
    }
}
