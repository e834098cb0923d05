using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Reports;
using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Reports;

/// <summary>Core's <see cref="IReportScheduleStore"/>, on any provider.</summary>
public abstract class ReportScheduleStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly ReportSchedule Weekly = new(
        Acme, ChatPlatform.Slack, "C-SALES", ReportCadence.Weekly, IsoDayOfWeek.Friday, new LocalTime(16, 30), "Europe/London", new UserId("U-ANA"), Now);

    private static readonly ReportSchedule Monthly = Weekly with { Cadence = ReportCadence.Monthly, Day = IsoDayOfWeek.Monday, Time = new LocalTime(8, 0) };

    private IReportScheduleStore Store => Provider.Get<IReportScheduleStore>();

    [Fact]
    public async Task Save_ThenGet_RoundTripsEveryField()
    {
        await Store.SaveAsync(Weekly, Ct);

        Assert.Equal(Weekly, await Store.GetAsync(Acme, "C-SALES", ReportCadence.Weekly, Ct));
        Assert.Null(await Store.GetAsync(Acme, "C-SALES", ReportCadence.Monthly, Ct));
    }

    [Fact]
    public async Task Save_Again_ReplacesThatCadenceOnly()
    {
        await Store.SaveAsync(Weekly, Ct);
        await Store.SaveAsync(Monthly, Ct);
        var moved = Weekly with { Day = IsoDayOfWeek.Monday, Time = new LocalTime(9, 0), TimeZone = "America/New_York", CreatedBy = new UserId("U-BEN") };
        await Store.SaveAsync(moved, Ct);

        Assert.Equal([moved, Monthly], await Store.ListAsync(Acme, "C-SALES", Ct));
    }

    [Fact]
    public async Task Remove_TakesOneCadence_AndSaysWhetherThereWasOne()
    {
        await Store.SaveAsync(Weekly, Ct);
        await Store.SaveAsync(Monthly, Ct);

        Assert.True(await Store.RemoveAsync(Acme, "C-SALES", ReportCadence.Weekly, Ct));
        Assert.False(await Store.RemoveAsync(Acme, "C-SALES", ReportCadence.Weekly, Ct));
        Assert.Equal([Monthly], await Store.ListAsync(Acme, "C-SALES", Ct));
    }

    [Fact]
    public async Task EveryCallIsScopedToItsWorkspace()
    {
        await Store.SaveAsync(Weekly, Ct);
        var theirs = Weekly with { Workspace = Globex };
        await Store.SaveAsync(theirs, Ct);

        Assert.False(await Store.RemoveAsync(Globex, "C-SALES", ReportCadence.Monthly, Ct));
        Assert.True(await Store.RemoveAsync(Globex, "C-SALES", ReportCadence.Weekly, Ct));
        Assert.Equal(Weekly, await Store.GetAsync(Acme, "C-SALES", ReportCadence.Weekly, Ct));
        Assert.Empty(await Store.ListAsync(Globex, Ct));
        Assert.Equal([Weekly], await Store.ListAsync(Acme, Ct));
    }

    [Fact]
    public async Task ListAll_GivesEveryWorkspacesSchedules()
    {
        var other = Weekly with { Workspace = Globex, Channel = "C-OPS" };
        await Store.SaveAsync(other, Ct);
        await Store.SaveAsync(Monthly, Ct);
        await Store.SaveAsync(Weekly, Ct);

        Assert.Equal([Monthly, Weekly, other], await Store.ListAllAsync(Ct));
    }
}

public sealed class SqliteReportScheduleStoreContract : ReportScheduleStoreContract<SqliteProvider>;
