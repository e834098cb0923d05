using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core.Dates;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Failures;

/// <summary>The start-up warm-up proves the date reader works before the host reports healthy.</summary>
public sealed class WarmUpTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task AReaderThatSilentlyReadsNothing_KeepsHealthzAt503()
    {
        await using var host = new BotHost(_db.ConnectionString) { ExtraServices = s => s.AddSingleton<IDueDateParser, SilentDueDateParser>() };
        using var client = host.CreateClient();

        using var first = await client.GetAsync("/healthz");
        using var again = await client.GetAsync("/healthz");

        Assert.Equal(503, (int)first.StatusCode);
        Assert.Equal(503, (int)again.StatusCode);
    }

    [Fact]
    public async Task TheRealReader_PassesTheCheck_AndHealthzIsOk()
    {
        await using var host = new BotHost(_db.ConnectionString);
        using var client = host.CreateClient();

        using var health = await client.GetAsync("/healthz");

        Assert.Equal(200, (int)health.StatusCode);
    }
}
