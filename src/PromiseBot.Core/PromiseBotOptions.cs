using NodaTime;
using NodaTime.Text;

namespace PromiseBot.Core;

/// <summary>Product settings (configuration section <c>PromiseBot</c>).</summary>
public sealed class PromiseBotOptions
{
    /// <summary>IANA zone used for people whose own zone is not known yet. Default <c>UTC</c>.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>Local time of the daily digest, <c>HH:mm</c>. Default <c>09:00</c>.</summary>
    public string DigestTime { get; set; } = "09:00";

    private static readonly LocalTimePattern DigestTimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>The digest time read as <c>HH:mm</c>, or null when it is not a time (checked at start-up).</summary>
    public LocalTime? DigestLocalTime => DigestTimePattern.Parse(DigestTime ?? "") is { Success: true } parsed ? parsed.Value : null;
}
