using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Tests.Dates;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests;

/// <summary>
/// A sample of the deadline phrase table sent as signed slash commands: what is stored (title, customer, due) is
/// exactly what the parser reads, and what the table says; a refusal stores nothing and answers with a 200.
/// </summary>
public sealed class DeadlinePhrasesThroughSlackTests : IDisposable
{
    private const int SampleSize = 30;

    private readonly TempDatabase _db = new();
    private readonly BotHost _host;

    public DeadlinePhrasesThroughSlackTests() => _host = new BotHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    /// <summary>Every fourth New York row (the host's users read in New York), ordered by moment: the clock only moves forward.</summary>
    private static List<(string Moment, string Text, string Title, string Expected)> Sample() =>
        DeadlinePhraseTable.Rows
            .Where(r => DeadlinePhraseTable.Moments[r.Moment].Zone == "America/New_York")
            .Where((_, i) => i % 4 == 0)
            .Take(SampleSize)
            .OrderBy(r => DeadlinePhraseTable.Context(r.Moment).Now)
            .ToList();

    [Fact]
    public async Task SampleOfThePhraseTable_IsStoredAsTheParserReadsIt()
    {
        var sample = Sample();
        Assert.Equal(SampleSize, sample.Count);
        Assert.Contains(sample, r => r.Expected.StartsWith('!'));
        var parser = new CommandParser(new RecognizerDueDateParser());
        var number = 0;
        foreach (var (moment, text, title, expected) in sample)
        {
            var context = DeadlinePhraseTable.Context(moment);
            if (_host.Clock.GetUtcNow() < context.Now.ToDateTimeOffset())
            {
                _host.Clock.SetUtcNow(context.Now.ToDateTimeOffset());
            }

            var (status, json, _) = await _host.CommandAsync(text);
            Assert.Equal(200, status);
            var parsed = parser.Parse(text, context);
            if (expected.StartsWith('!'))
            {
                Assert.IsType<CommandError>(parsed);
                Assert.Equal("ephemeral", json!.Type());
                Assert.Equal(number, _host.Count("promises"));
                continue;
            }

            number++;
            var create = Assert.IsType<CreatePromiseCommand>(parsed);
            using var c = new SqliteConnection(_db.ConnectionString);
            var row = c.QuerySingle<(string Title, string? Customer, long DueAt)>(
                "SELECT title, customer, due_at FROM promises WHERE workspace = 'T1' AND number = @number", new { number });
            Assert.Equal((create.Title, create.Customer, create.Due.Due.ToUnixTimeMilliseconds()), (row.Title, row.Customer, row.DueAt));
            var (expectedTitle, customer) = DeadlinePhraseTable.ExpectedTitle(title);
            Assert.Equal((expectedTitle, customer), (row.Title, row.Customer));
            Assert.True(
                DeadlinePhraseTable.ExpectedInstant(expected) == Instant.FromUnixTimeMilliseconds(row.DueAt),
                $"\"{text}\": expected {expected}, stored {Instant.FromUnixTimeMilliseconds(row.DueAt)}");
        }
    }
}
