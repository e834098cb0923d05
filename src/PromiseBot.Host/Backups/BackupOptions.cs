namespace PromiseBot.Host.Backups;

/// <summary>Configuration section <c>PromiseBot:Backup</c>: the nightly online backup of the SQLite file.</summary>
public sealed class BackupOptions
{
    public const string SectionName = "PromiseBot:Backup";

    /// <summary>Backs the SQLite file up every night (PostgreSQL: nothing, a log line points to pg_dump). Default: on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the backups go; unset, the database file's own folder.</summary>
    public string? Folder { get; set; }

    /// <summary>How many backups to keep (1–365; default 7): the oldest beyond that are deleted after each backup.</summary>
    public int Keep { get; set; } = 7;

    /// <summary>The time of day (UTC, 24-hour <c>HH:mm</c>; default <c>03:00</c>) the backup runs.</summary>
    public string Time { get; set; } = "03:00";

    /// <summary><see cref="Time"/> read, or null when it is not a 24-hour <c>HH:mm</c>.</summary>
    public TimeOnly? TimeOfDay =>
        TimeOnly.TryParseExact(Time, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t) ? t : null;
}
