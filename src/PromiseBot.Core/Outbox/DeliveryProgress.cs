namespace PromiseBot.Core.Outbox;

/// <summary>
/// How far a send that takes several platform calls got (a message, then its files), kept on the outbox row so a
/// retry, or another host after a crash, resumes instead of repeating a step that must happen once.
/// <paramref name="MessageId"/> and <paramref name="Conversation"/> are set once the text is posted;
/// <paramref name="Files"/> holds one entry per file of the message, in order, for the files started so far.
/// </summary>
public sealed record DeliveryProgress(string? MessageId, string? Conversation, IReadOnlyList<FileProgress> Files)
{
    public static DeliveryProgress None { get; } = new(null, null, []);

    /// <summary>True once the text went out: a retry must not post it again.</summary>
    public bool IsPosted => MessageId is not null;

    /// <summary>The entry of the file at <paramref name="index"/>, or null when that file was not started.</summary>
    public FileProgress? File(int index) => index < Files.Count ? Files[index] : null;

    /// <summary>This progress with the file at <paramref name="index"/> (the next one, or one already started) set to <paramref name="file"/>.</summary>
    public DeliveryProgress WithFile(int index, FileProgress file)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, Files.Count);
        var files = Files.ToList();
        if (index == files.Count)
        {
            files.Add(file);
        }
        else
        {
            files[index] = file;
        }

        return this with { Files = files };
    }

    public bool Equals(DeliveryProgress? other) =>
        other is not null && MessageId == other.MessageId && Conversation == other.Conversation && Files.SequenceEqual(other.Files);

    public override int GetHashCode() => HashCode.Combine(MessageId, Conversation, Files.Count);
}
