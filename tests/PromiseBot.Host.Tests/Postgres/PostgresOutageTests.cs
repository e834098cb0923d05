using Npgsql;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Postgres;

/// <summary>
/// PostgreSQL down at start and lost mid-run: the host starts anyway, says it is not ready, keeps trying, and once the
/// database answers it migrates and works; a command during an outage is told "I can't save right now, so nothing was changed", and nothing is.
/// </summary>
public sealed class PostgresOutageTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempPostgresDatabase _database = PostgresServer.CreateDatabase();
    private readonly TcpGate _gate;

    public PostgresOutageTests() =>
        _gate = new TcpGate(new NpgsqlConnectionStringBuilder(_database.ConnectionString).Port);

    public async ValueTask DisposeAsync()
    {
        await _gate.DisposeAsync();
        _database.Dispose();
    }

    private string ThroughTheGate => new NpgsqlConnectionStringBuilder(_database.ConnectionString)
    {
        Port = _gate.Port,
        Timeout = 3,
        CommandTimeout = 5,
    }.ConnectionString;

    [Fact]
    public async Task DownAtStart_TheHostListensUnready_ThenMigratesAndWorksOnceTheDatabaseAnswers()
    {
        await using var host = new BotHost(ThroughTheGate);
        using var client = host.CreateClient(); // starts the host: the database refuses every connection

        using (var health = await client.GetAsync("/healthz"))
        {
            Assert.Equal(503, (int)health.StatusCode);
            Assert.Contains("cannot be reached", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var early = await host.CommandAsync("send the quote by friday 5pm");
        Assert.Equal(503, early.Status);
        Assert.Contains("not ready", early.Raw, StringComparison.Ordinal);

        _gate.Open();
        var body = await WaitUntilHealthyAsync(client);
        Assert.StartsWith("ok", body, StringComparison.Ordinal);
        Assert.Contains("database: postgres://", body, StringComparison.Ordinal);

        var created = await host.CommandAsync("send the quote by friday 5pm");
        Assert.Equal(200, created.Status);
        Assert.StartsWith("Promise #1:", created.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LostMidRun_ACommandIsToldItCannotSaveRightNow_AndNothingIsSaved_ThenWorkResumes()
    {
        _gate.Open();
        await using var host = new BotHost(ThroughTheGate);
        using var client = host.CreateClient();
        Assert.Equal(200, (await host.CommandAsync("send the quote by friday 5pm")).Status);

        await _gate.CloseAsync();
        var during = await host.CommandAsync("send the invoice by friday 5pm");
        using (var health = await client.GetAsync("/healthz"))
        {
            Assert.Equal(503, (int)health.StatusCode);
        }

        Assert.Equal(200, during.Status);
        Assert.Contains("I can't save right now, so nothing was changed.", during.Raw, StringComparison.Ordinal);

        _gate.Open();
        await WaitUntilHealthyAsync(client);
        var after = await host.CommandAsync("send the contract by friday 5pm");
        Assert.StartsWith("Promise #2:", after.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var direct = new NpgsqlConnection(_database.ConnectionString);
        Assert.Equal(2L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(direct, "SELECT COUNT(*) FROM promises"));
    }

    private static async Task<string> WaitUntilHealthyAsync(HttpClient client)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var health = await client.GetAsync("/healthz");
            var body = await health.Content.ReadAsStringAsync();
            if ((int)health.StatusCode == 200)
            {
                return body;
            }

            Assert.True(waited.Elapsed < Patience, $"still not healthy after {Patience}: {body}");
            await Task.Delay(200);
        }
    }
}
