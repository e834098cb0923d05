using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Playground;

/// <summary>The calendar commands in the playground: the same command path as Slack and Teams.</summary>
public sealed class PlaygroundCalendarTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundCalendarTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task ImportAndShow_AndAHolidayTypedIn()
    {
        var imported = await _host.CommandAsync("/promise calendar holidays import UK");
        var added = await _host.CommandAsync("calendar holiday add 24 Dec 2026 Christmas Eve <b>early</b>");
        var shown = await _host.CommandAsync("calendar");
        var help = await _host.CommandAsync("help calendar");

        Assert.Contains("public holidays of the United Kingdom", (string)imported["html"]!);
        Assert.Contains("Boxing Day", (string)imported["html"]!);
        Assert.Contains("Christmas Eve &lt;b&gt;early&lt;/b&gt;", (string)added["html"]!);
        Assert.Contains("Thu 24 Dec 2026 Christmas Eve", (string)shown["html"]!);
        Assert.Contains("Mon–Fri 09:00–17:00, Sat closed, Sun closed", (string)shown["html"]!);
        Assert.Contains("calendar hours 24/7", (string)help["html"]!);
    }
}
