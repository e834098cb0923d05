namespace PromiseBot.Core.Messages;

/// <summary>
/// A file that goes with a message: a chart (<c>image/png</c>, with its size in pixels) or an export (<c>text/csv</c>).
/// Adapters deliver it their platform's way (Slack: the external upload flow; Teams: an inline image or a file
/// consent card; the playground: inline or a download). <paramref name="AltText"/> describes the file for a reader
/// who cannot see it.
/// </summary>
public sealed record FileBlock(string FileName, string MediaType, string Title, string AltText, byte[] Content, int? Width = null, int? Height = null) : ReplyBlock
{
    public const string Png = "image/png";
    public const string Csv = "text/csv";
    public const string Zip = "application/zip";

    public bool IsImage => MediaType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>The content's size as people read it: "412 bytes", "10.2 KB", "1.5 MB".</summary>
    public string SizeText => Content.Length < 1024
        ? Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes"
        : Content.Length < 1024 * 1024
            ? (Content.Length / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " KB"
            : (Content.Length / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";

    /// <summary>Equal when every field and every byte of the content are equal.</summary>
    public bool Equals(FileBlock? other) =>
        other is not null && FileName == other.FileName && MediaType == other.MediaType && Title == other.Title
        && AltText == other.AltText && Width == other.Width && Height == other.Height && Content.AsSpan().SequenceEqual(other.Content);

    public override int GetHashCode() => HashCode.Combine(FileName, MediaType, Title, Content.Length, Width, Height);
}
