namespace PromiseBot.Testing.Slack;

/// <summary>
/// One file of the fake's external upload flow, as <c>files.getUploadURLExternal</c> created it: the bytes POSTed to its
/// upload URL, and, once <c>files.completeUploadExternal</c> took it, where it was shared, its title, the comment, and
/// how many completions were accepted (never more than one).
/// </summary>
public sealed record FakeSlackFile(string Id, string FileName, int Length, string? AltText)
{
    public byte[]? Bytes { get; internal set; }

    public string? Channel { get; internal set; }

    public string? Title { get; internal set; }

    public string? InitialComment { get; internal set; }

    public int Completions { get; internal set; }

    public bool IsCompleted => Completions > 0;
}
