using System.Text;
using Microsoft.Extensions.Time.Testing;
using PromiseBot.Slack.Verification;
using PromiseBot.Testing.Slack;

namespace PromiseBot.Slack.Tests.Verification;

public sealed class SlackRequestVerifierTests
{
    // Slack's published worked example (https://docs.slack.dev/authentication/verifying-requests-from-slack),
    // also pinned in python-slack-sdk tests/slack_sdk/signature/test_signature_verifier.py.
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static readonly DateTimeOffset ExampleTime = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    private static SlackRequestVerifier VerifierAt(DateTimeOffset now, string secret = Secret) =>
        new(secret, new FakeTimeProvider(now));

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Verify_SlacksWorkedExample_IsValid()
    {
        Assert.Equal(SignatureCheck.Valid, VerifierAt(ExampleTime).Verify(Bytes(Body), Timestamp, Signature));
    }

    [Fact]
    public void SlackSigner_ReproducesSlacksWorkedExample()
    {
        Assert.Equal((Timestamp, Signature), SlackSigner.Sign(Secret, Body, ExampleTime));
    }

    [Theory]
    [InlineData(300, SignatureCheck.Valid)]
    [InlineData(-300, SignatureCheck.Valid)]
    [InlineData(301, SignatureCheck.Stale)]
    [InlineData(-301, SignatureCheck.Stale)]
    [InlineData(86_400, SignatureCheck.Stale)]
    public void Verify_ClockSkew_IsAbsoluteFiveMinutes(int nowMinusTimestampSeconds, SignatureCheck expected)
    {
        var verifier = VerifierAt(ExampleTime.AddSeconds(nowMinusTimestampSeconds));
        Assert.Equal(expected, verifier.Verify(Bytes(Body), Timestamp, Signature));
    }

    [Fact]
    public void Verify_ReplayedAfterTimePasses_BecomesStale()
    {
        var time = new FakeTimeProvider(ExampleTime);
        var verifier = new SlackRequestVerifier(Secret, time);
        Assert.Equal(SignatureCheck.Valid, verifier.Verify(Bytes(Body), Timestamp, Signature));

        time.Advance(TimeSpan.FromSeconds(301));

        Assert.Equal(SignatureCheck.Stale, verifier.Verify(Bytes(Body), Timestamp, Signature));
    }

    [Theory]
    [InlineData(Body + "&text=extra")]
    [InlineData("")]
    [InlineData("token=xyzz0WbapA4vBCDEFasx0q6G")]
    public void Verify_TamperedBody_IsMismatch(string body)
    {
        Assert.Equal(SignatureCheck.Mismatch, VerifierAt(ExampleTime).Verify(Bytes(body), Timestamp, Signature));
    }

    [Fact]
    public void Verify_OneFlippedByte_IsMismatch()
    {
        var body = Bytes(Body);
        body[^1] ^= 1;
        Assert.Equal(SignatureCheck.Mismatch, VerifierAt(ExampleTime).Verify(body, Timestamp, Signature));
    }

    [Fact]
    public void Verify_WrongSecret_IsMismatch()
    {
        Assert.Equal(SignatureCheck.Mismatch, VerifierAt(ExampleTime, "another-secret").Verify(Bytes(Body), Timestamp, Signature));
    }

    [Fact]
    public void Verify_TimestampHeaderChangedButSignatureKept_IsMismatch()
    {
        Assert.Equal(SignatureCheck.Mismatch, VerifierAt(ExampleTime).Verify(Bytes(Body), "1531420619", Signature));
    }

    [Theory]
    [InlineData(null, Signature)]
    [InlineData("", Signature)]
    [InlineData(Timestamp, null)]
    [InlineData(Timestamp, "")]
    [InlineData(null, null)]
    public void Verify_MissingHeader_IsMissing(string? timestamp, string? signature)
    {
        Assert.Equal(SignatureCheck.Missing, VerifierAt(ExampleTime).Verify(Bytes(Body), timestamp, signature));
    }

    [Theory]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("V0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("sha256=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50\u00e9")]
    public void Verify_UnknownVersionOrNonAscii_IsMalformed(string signature)
    {
        Assert.Equal(SignatureCheck.Malformed, VerifierAt(ExampleTime).Verify(Bytes(Body), Timestamp, signature));
    }

    [Theory]
    [InlineData("v0=")]
    [InlineData("v0=a2114d57")]
    [InlineData("v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50300")]
    public void Verify_WrongLengthOrCase_IsMismatch(string signature)
    {
        Assert.Equal(SignatureCheck.Mismatch, VerifierAt(ExampleTime).Verify(Bytes(Body), Timestamp, signature));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1531420618.5")]
    [InlineData("-1531420618")]
    [InlineData("+1531420618")]
    [InlineData(" 1531420618")]
    [InlineData("1e9")]
    [InlineData("99999999999999999999999")]
    public void Verify_NonNumericTimestamp_IsMalformed(string timestamp)
    {
        Assert.Equal(SignatureCheck.Malformed, VerifierAt(ExampleTime).Verify(Bytes(Body), timestamp, Signature));
    }

    [Fact]
    public void Verify_LargeBodyAboveStackBuffer_RoundTripsWithSigner()
    {
        var body = "text=" + new string('x', 50_000);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var (timestamp, signature) = SlackSigner.Sign("s3cret", body, now);

        Assert.Equal(SignatureCheck.Valid, VerifierAt(now, "s3cret").Verify(Bytes(body), timestamp, signature));
        Assert.Equal(SignatureCheck.Mismatch, VerifierAt(now, "s3cret").Verify(Bytes(body + "y"), timestamp, signature));
    }

    [Fact]
    public void Verify_NonAsciiSecretAndBody_UsesUtf8()
    {
        const string secret = "sécret-ü";
        const string body = "text=caf%C3%A9&user_name=Zoë";
        var (timestamp, signature) = SlackSigner.Sign(secret, body, ExampleTime);

        Assert.Equal(SignatureCheck.Valid, VerifierAt(ExampleTime, secret).Verify(Bytes(body), timestamp, signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Verify_WithoutASecret_RejectsEveryRequest(string? secret)
    {
        // Socket Mode only: the handlers are built without a secret, and nothing that arrives over HTTP may pass.
        var verifier = new SlackRequestVerifier(secret, new FakeTimeProvider(ExampleTime));
        var (timestamp, signature) = SlackSigner.Sign(secret ?? string.Empty, Body, ExampleTime);

        Assert.Equal(SignatureCheck.NotConfigured, verifier.Verify(Bytes(Body), timestamp, signature));
        Assert.Equal(SignatureCheck.NotConfigured, verifier.Verify(Bytes(Body), Timestamp, Signature));
        Assert.Equal(SignatureCheck.NotConfigured, verifier.Verify(Bytes(Body), null, null));
    }

    [Fact]
    public void Verify_ValidRequest_DoesNotAllocate()
    {
        var verifier = VerifierAt(ExampleTime);
        var body = Bytes(Body);
        verifier.Verify(body, Timestamp, Signature); // warm up (JIT, pool)

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            verifier.Verify(body, Timestamp, Signature);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
