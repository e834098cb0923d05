using NodaTime;
using PromiseBot.Core.Dates;

namespace PromiseBot.Core.Tests.Dates;

public sealed class WarmUpTests
{
    [Fact]
    public void WarmUp_ChecksAKnownPhraseThroughTheRecognizer_AndAWorkingOnePasses()
    {
        TestDates.Parser.WarmUp();

        var read = TestDates.Parser.ParseWithRecognizer(RecognizerDueDateParser.WarmUpPhrase, new DateContext(Instant.FromUtc(2026, 1, 5, 12, 0), DateTimeZone.Utc));
        Assert.Equal(RecognizerDueDateParser.WarmUpAnswer, Assert.IsType<DueDateResult.Ok>(read).Value.Due);
    }
}
