using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PromiseBot.Core.Promises;
using PromiseBot.Host.Backups;
using PromiseBot.Testing;

namespace PromiseBot.Host.Tests.Backups;

/// <summary>
/// The nightly backup of the SQLite file (<see cref="BackupJob"/> through Storage's VACUUM INTO): a backup restored by
/// the README's procedure is the database the host runs on, with the promises made before it and none after; only the
/// newest Keep backups stay; the settings are checked at start; PostgreSQL is left to pg_dump.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private string BackupFolder => Path.Combine(_db.Folder, "backups");

    [Fact]
    public async Task ABackupRestoredAsTheDatabase_IsOpenedByTheHost_AndHoldsThePromisesMadeBeforeIt()
    {
        string backupFile;
        await using (var host = new BotHost(_db.ConnectionString, settings: new Dictionary<string, string?> { ["PromiseBot:Backup:Folder"] = BackupFolder }))
        {
            Assert.Equal(200, (await host.CommandAsync("add Send the quote to Acme by Friday")).Status);
            Assert.Equal(200, (await host.CommandAsync("add Call Globex back tomorrow 10am")).Status);
            Assert.Equal(200, (await host.CommandAsync("add Ship the parts to Initech by Monday", team: "T2")).Status);

            var result = await host.Services.GetRequiredService<BackupJob>().RunAsync(CancellationToken.None);

            Assert.NotNull(result);
            backupFile = result.File;
            Assert.Equal(BackupFolder, Path.GetDirectoryName(backupFile));
            Assert.Equal("promisebot-backup-20261123T150000Z.db", Path.GetFileName(backupFile));
            Assert.True(result.Bytes > 0);
            Assert.Empty(result.Removed);
            Assert.Empty(Directory.GetFiles(BackupFolder, "*.partial"));

            // Made after the backup: the restore goes back to before it.
            Assert.Equal(200, (await host.CommandAsync("add Renew the Hooli contract by Friday")).Status);
        }

        // The restore, as the README says: the backup copied in as the database file (here into a fresh folder, as
        // on a new machine: connections of the stopped test host may linger in this process and write to the old file).
        using var target = new TempDatabase();
        File.Copy(backupFile, target.FilePath);

        await using var restored = new BotHost(target.ConnectionString);
        var store = restored.Services.GetRequiredService<IPromiseStore>();
        var first = await store.GetAsync(new WorkspaceId("T1"), new PromiseNumber(1), CancellationToken.None);
        var second = await store.GetAsync(new WorkspaceId("T1"), new PromiseNumber(2), CancellationToken.None);
        var other = await store.GetAsync(new WorkspaceId("T2"), new PromiseNumber(1), CancellationToken.None);
        Assert.Equal("Send the quote to Acme", first?.Title);
        Assert.Equal("Call Globex back", second?.Title);
        Assert.Equal("Ship the parts to Initech", other?.Title);
        Assert.Null(await store.GetAsync(new WorkspaceId("T1"), new PromiseNumber(3), CancellationToken.None));

        // The restored database takes commands: the next number follows the restored ones.
        var next = await restored.CommandAsync("add Renew the Hooli contract by Friday");
        Assert.StartsWith("Promise #3:", next.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterManyNights_OnlyTheNewestKeepBackupsRemain_AndOtherFilesAreLeftAlone()
    {
        Directory.CreateDirectory(BackupFolder);
        var unrelated = new[] { "notes.txt", "other-backup-20200101T000000Z.db", "promisebot-backup-manual.db" }
            .Select(name => Path.Combine(BackupFolder, name)).ToList();
        foreach (var file in unrelated)
        {
            await File.WriteAllTextAsync(file, "not ours");
        }

        await using var host = new BotHost(_db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["PromiseBot:Backup:Folder"] = BackupFolder,
            ["PromiseBot:Backup:Keep"] = "3",
        });
        Assert.Equal(200, (await host.CommandAsync("add Send the quote to Acme by Friday")).Status);
        var job = host.Services.GetRequiredService<BackupJob>();

        var removed = new List<string>();
        for (var night = 0; night < 5; night++)
        {
            var result = await job.RunAsync(CancellationToken.None);
            removed.AddRange(result!.Removed);
            host.Clock.Advance(TimeSpan.FromDays(1));
        }

        var kept = Directory.GetFiles(BackupFolder, "promisebot-backup-2*.db").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "promisebot-backup-20261125T150000Z.db", "promisebot-backup-20261126T150000Z.db", "promisebot-backup-20261127T150000Z.db" }, kept);
        Assert.Equal(new[] { "promisebot-backup-20261123T150000Z.db", "promisebot-backup-20261124T150000Z.db" }, removed.Select(Path.GetFileName));
        Assert.All(unrelated, file => Assert.True(File.Exists(file), file));
    }

    [Fact]
    public async Task WithoutAFolder_TheBackupGoesBesideTheDatabase()
    {
        await using var host = new BotHost(_db.ConnectionString);
        Assert.Equal(200, (await host.CommandAsync("add Send the quote to Acme by Friday")).Status);

        var result = await host.Services.GetRequiredService<BackupJob>().RunAsync(CancellationToken.None);

        Assert.Equal(Path.Combine(_db.Folder, "promisebot-backup-20261123T150000Z.db"), result?.File);
        await using var connection = new SqliteConnection($"Data Source={result!.File};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT title FROM promises WHERE workspace = 'T1'";
        Assert.Equal("Send the quote to Acme", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task BackupsSwitchedOff_WriteNothing()
    {
        await using var host = new BotHost(_db.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["PromiseBot:Backup:Enabled"] = "false",
            ["PromiseBot:Backup:Folder"] = BackupFolder,
        });
        Assert.Equal(200, (await host.CommandAsync("add Send the quote to Acme by Friday")).Status);

        Assert.Null(await host.Services.GetRequiredService<BackupJob>().RunAsync(CancellationToken.None));
        Assert.False(Directory.Exists(BackupFolder));
    }

    [Theory]
    [InlineData("PromiseBot:Backup:Keep", "0")]
    [InlineData("PromiseBot:Backup:Keep", "366")]
    [InlineData("PromiseBot:Backup:Time", "25:00")]
    [InlineData("PromiseBot:Backup:Time", "3am")]
    public void ABackupSettingOutOfRange_StopsTheHostAtStartWithTheSettingNamed(string key, string value)
    {
        using var host = new BotHost(_db.ConnectionString, settings: new Dictionary<string, string?> { [key] = value });

        var e = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains(key, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnPostgres_TheBackupDoesNothing_ForPgDumpIsTheWay()
    {
        using var database = PostgresServer.CreateDatabase();
        await using var host = new BotHost(database.ConnectionString, settings: new Dictionary<string, string?> { ["PromiseBot:Backup:Folder"] = BackupFolder });
        Assert.Equal(200, (await host.CommandAsync("add Send the quote to Acme by Friday")).Status);

        Assert.Null(await host.Services.GetRequiredService<BackupJob>().RunAsync(CancellationToken.None));
        Assert.False(host.Services.GetRequiredService<PromiseBot.Storage.Backups.IDatabaseBackup>().IsSupported);
        Assert.False(Directory.Exists(BackupFolder));
    }

    [Fact]
    public async Task TheBackupTrigger_FiresDailyAtTheConfiguredUtcTime_AndBackupsOffRemoveIt()
    {
        await using var host = new BotHost(_db.ConnectionString, settings: new Dictionary<string, string?> { ["PromiseBot:Scheduler:Enabled"] = "true" });
        // The host's own schedule (backups on, 03:00 by default) is in place before the test changes it.
        var hosted = host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<BackupSchedule>().Single();
        await hosted.ExecuteTask!;
        var scheduler = await host.Services.GetRequiredService<PromiseBot.Host.Scheduling.QuartzSchedulerAccess>().GetAsync(CancellationToken.None);

        Assert.Equal("0 0 3 * * ?", Assert.IsAssignableFrom<Quartz.ICronTrigger>(await scheduler.GetTrigger(BackupJob.TriggerKey)).CronExpressionString);

        await BackupSchedule.EnsureAsync(scheduler, new BackupOptions { Time = "02:30" }, host.Clock, CancellationToken.None);

        var trigger = Assert.IsAssignableFrom<Quartz.ICronTrigger>(await scheduler.GetTrigger(BackupJob.TriggerKey));
        Assert.Equal(BackupJob.Key, trigger.JobKey);
        Assert.Equal("0 30 2 * * ?", trigger.CronExpressionString);
        // On the host's (fake) clock, Mon 23 Nov 15:00 UTC: the next backup is Tue 02:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 2, 30, 0, TimeSpan.Zero), trigger.NextFireTimeUtc);

        await BackupSchedule.EnsureAsync(scheduler, new BackupOptions { Enabled = false }, host.Clock, CancellationToken.None);
        Assert.Null(await scheduler.GetTrigger(BackupJob.TriggerKey));
    }
}
