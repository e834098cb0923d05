using System.Text.RegularExpressions;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Postgres;

/// <summary>
/// The whole app on PostgreSQL (the provider chosen from a <c>Host=</c> connection string), and two hosts on one
/// database, each with its own services, writer and connection pool, as two processes behind a load balancer have.
/// </summary>
public sealed partial class PostgresHostTests : IDisposable
{
    private readonly TempPostgresDatabase _database = PostgresServer.CreateDatabase();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CreateListDoneAndShow_WorkOnPostgres_AndAnotherHostSeesTheChange()
    {
        await using var first = new BotHost(_database.ConnectionString);
        await using var second = new BotHost(_database.ConnectionString);

        var created = await first.CommandAsync("send the quote to Acme by friday 5pm");
        Assert.Equal(200, created.Status);
        Assert.StartsWith("Promise #1: send the quote to Acme", created.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var listed = await second.CommandAsync("list");
        Assert.Contains("send the quote to Acme", listed.Raw, StringComparison.Ordinal);

        var done = await second.CommandAsync("done 1");
        Assert.Equal(200, done.Status);

        var shown = await first.CommandAsync("show 1");
        Assert.Contains("Done", shown.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var history = await first.CommandAsync("history 1");
        Assert.Contains("done", history.Raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CreatesSentToTwoHostsAtOnce_GetDistinctGaplessNumbers()
    {
        await using var first = new BotHost(_database.ConnectionString);
        await using var second = new BotHost(_database.ConnectionString);
        const int creates = 60;

        var replies = await Task.WhenAll(Enumerable.Range(0, creates).Select(i =>
            (i % 2 == 0 ? first : second).CommandAsync($"call back customer {i} by friday 5pm")));

        Assert.All(replies, r => Assert.Equal(200, r.Status));
        var numbers = replies.Select(r => int.Parse(Number().Match(r.Json!["text"]!.GetValue<string>()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(1, creates), numbers.Order());
        Assert.Equal(creates, await CountAsync("SELECT COUNT(*) FROM promises WHERE workspace = 'T1'"));
        Assert.Equal(creates + 1, await CountAsync("SELECT next_number FROM workspace_counters WHERE workspace = 'T1'"));
    }

    [Fact]
    public async Task AReplayedRequest_SentToTheOtherHost_IsRecognisedThere()
    {
        await using var first = new BotHost(_database.ConnectionString);
        await using var second = new BotHost(_database.ConnectionString);

        await first.CommandAsync("send the quote by friday 5pm", triggerId: "trigger-1");
        var replay = await second.CommandAsync("send the quote by friday 5pm", triggerId: "trigger-1");

        Assert.Contains("already handled", replay.Raw, StringComparison.Ordinal);
        var listed = await second.CommandAsync("list");
        Assert.Contains("(1)", listed.Raw, StringComparison.Ordinal);
    }

    // Straight from PostgreSQL: proves the hosts really ran on it, not on a SQLite file of their own.
    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, sql);
    }

    [GeneratedRegex(@"^Promise #(\d+):")]
    private static partial Regex Number();
}
