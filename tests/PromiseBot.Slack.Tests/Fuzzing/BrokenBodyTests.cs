using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Slack.Http;
using PromiseBot.Slack.Verification;

namespace PromiseBot.Slack.Tests.Fuzzing;

/// <summary>
/// A body the client broke off or framed wrongly (Kestrel throws <see cref="BadHttpRequestException"/> while it is
/// read: fewer bytes than its Content-Length, a bad chunk) is answered 400 by the receivers, not left to escape as an
/// unhandled exception (found by <c>bench/http-fuzz.sh</c>).
/// </summary>
public sealed class BrokenBodyTests
{
    private sealed class BreaksOff(string message) : MemoryStream("token=x&team_id=T1&text=li"u8.ToArray())
    {
        private bool _first = true;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_first)
            {
                _first = false;
                return await base.ReadAsync(buffer, cancellationToken);
            }

            throw new BadHttpRequestException(message, StatusCodes.Status400BadRequest);
        }
    }

    [Theory]
    [InlineData("Unexpected end of request content.")]
    [InlineData("Bad chunk size data.")]
    public async Task ABrokenOffBody_IsAnswered400(string kestrelSays)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new BreaksOff(kestrelSays);
        var verifier = new SlackRequestVerifier("s", new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)));

        var (body, refusal) = await SlackHttpRequest.ReadVerifiedAsync(context, 32 * 1024, verifier, NullLogger.Instance);

        Assert.Null(body);
        var result = Assert.IsAssignableFrom<IStatusCodeHttpResult>(refusal);
        Assert.Equal(400, result.StatusCode);
    }
}
