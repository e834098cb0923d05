using System.Net;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Playground;

/// <summary>
/// "Jump to" on the playground clock (<c>POST /playground/api/clock/set</c>): a local date and time in the viewer's
/// zone, forward (what came due runs, as when advancing) or back (nothing runs; what was sent stays, once).
/// </summary>
public sealed class PlaygroundJumpTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly PlaygroundHost _host;

    public PlaygroundJumpTests() => _host = new PlaygroundHost(_db.ConnectionString);

    public void Dispose()
    {
        _host.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task JumpingForward_RunsWhatCameDue_AndJumpingBackRunsNothing_AndNothingIsSentTwice()
    {
        // Mon 23 Nov 2026 10:00 in New York (Maya's zone); due Wed 25 Nov 15:00, so the 24 h reminder is Tue 15:00.
        await _host.CommandAsync("/promise add Call Globex back Wednesday 3pm for Globex");

        var (status, forward) = await _host.JumpAsync("2026-11-24T16:30");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 21, 30, 0, TimeSpan.Zero), (DateTimeOffset)forward["now"]!);
        Assert.True((int)forward["escalations"]! >= 1);
        var reminder = Assert.Single(await _host.FeedAsync("people/maya/dms"));
        Assert.Contains("Call Globex back", reminder);

        var (backStatus, back) = await _host.JumpAsync("2026-11-23 12:00");
        Assert.Equal(HttpStatusCode.OK, backStatus);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero), (DateTimeOffset)back["now"]!);
        Assert.Equal(0, (int)back["escalations"]!);
        Assert.Single(await _host.FeedAsync("people/maya/dms")); // what was sent stays

        // Passing the reminder's moment a second time does not send it again.
        await _host.JumpAsync("2026-11-24T16:45");
        Assert.Single(await _host.FeedAsync("people/maya/dms"));
    }

    [Fact]
    public async Task TheTimeIsReadInTheViewersZone()
    {
        // Sam is in London: 16:30 there is 16:30 UTC in November.
        var (_, body) = await _host.JumpAsync("2026-11-24T16:30", person: "sam");
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 30, 0, TimeSpan.Zero), (DateTimeOffset)body["now"]!);
    }

    [Theory]
    [InlineData("maya", "tomorrow", "2026-12-04 16:30")]               // not a date and time
    [InlineData("nobody", "2026-11-24T16:30", "Unknown person")]
    [InlineData("maya", "2027-03-14 02:30", "does not exist")]          // New York's spring gap
    [InlineData("maya", "2026-11-01 01:30", "happens twice")]           // New York's autumn repeat
    [InlineData("maya", "2029-06-01 09:00", "two years ahead")]
    [InlineData("maya", "2025-06-01 09:00", "a year back")]
    public async Task BadJumps_Get400WithWhatToType_AndTheClockStays(string person, string at, string expected)
    {
        var (status, body) = await _host.JumpAsync(at, person);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, (string)body["error"]!, StringComparison.Ordinal);
        var reply = await _host.CommandAsync("list");
        Assert.Equal(BotHost.Start, (DateTimeOffset)reply["now"]!);
    }
}
