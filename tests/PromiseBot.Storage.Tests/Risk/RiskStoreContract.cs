using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Risk;
using PromiseBot.Core.UseCases;
using PromiseBot.Storage.Tests.Contract;
using static PromiseBot.Storage.Tests.StoreFixture;

namespace PromiseBot.Storage.Tests.Risk;

/// <summary>What risk stores (migrations 0027 / PostgreSQL 0008), on any provider: a promise's flags and their history, absences, capacity.</summary>
public abstract class RiskStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly UserId Sam = new("U-sam");

    private IAwayStore Away => Provider.Get<IAwayStore>();

    private IPromiseStore Promises => Provider.Promises;

    [Fact]
    public async Task Flags_RoundTripOnCreate_AndAChangeIsStoredWithItsEvent()
    {
        var flags = RiskFlagSet.Of([RiskFlag.Vendor, RiskFlag.CustomerInput]);
        var created = (await Promises.CreateAsync(NewPromise(Acme) with { Risk = flags }, null, Ct))!;
        Assert.Equal(flags, (await Promises.GetAsync(Acme, created.Number, Ct))!.Risk);

        var change = Assert.IsType<PromiseTransitions.Changed>(PromiseTransitions.Decide(
            created, new SetRiskCommand(created.Number, RiskFlagSet.Of([RiskFlag.UnclearScope]), RiskFlagSet.Of([RiskFlag.Vendor])), new UserId("U1"), Now));
        Assert.Equal(UpdateOutcome.Updated, await Promises.UpdateAsync(change.Promise, 1, change.Event, null, Ct));

        var read = (await Promises.GetAsync(Acme, created.Number, Ct))!;
        Assert.Equal(change.Promise, read);
        Assert.Equal("unclear-scope,customer-input", read.Risk.ToText());
        var history = await Promises.GetHistoryAsync(Acme, created.Number, Ct);
        var risk = Assert.Single(history, e => e.Kind == PromiseEventKind.RiskChanged);
        Assert.Equal(("vendor,customer-input", "unclear-scope,customer-input"), (risk.OldValue, risk.NewValue));
    }

    [Fact]
    public async Task Away_Set_ReplacesOverlappingPeriods_ListsFromADay_AndStaysInItsWorkspace()
    {
        await Away.SetAsync(Acme, new AwayPeriod(Sam, new LocalDate(2026, 12, 21), new LocalDate(2026, 12, 28)), Sam, Now, Ct);
        await Away.SetAsync(Acme, new AwayPeriod(Sam, new LocalDate(2027, 1, 10), new LocalDate(2027, 1, 12)), Sam, Now, Ct);
        await Away.SetAsync(Acme, new AwayPeriod(Sam, new LocalDate(2026, 12, 27), new LocalDate(2026, 12, 31)), Sam, Now, Ct);
        await Away.SetAsync(Acme, new AwayPeriod(new UserId("U-ana"), new LocalDate(2026, 12, 1), new LocalDate(2026, 12, 2)), Sam, Now, Ct);

        var all = await Away.ListAsync(Acme, new LocalDate(2026, 12, 1), person: null, Ct);
        Assert.Equal(
            ["U-ana 2026-12-01..2026-12-02", "U-sam 2026-12-27..2026-12-31", "U-sam 2027-01-10..2027-01-12"],
            all.Select(a => $"{a.Person.Value} {a.First:yyyy-MM-dd}..{a.Last:yyyy-MM-dd}"));
        Assert.Equal(2, (await Away.ListAsync(Acme, new LocalDate(2026, 12, 3), Sam, Ct)).Count);
        Assert.Empty(await Away.ListAsync(Globex, new LocalDate(2026, 12, 1), person: null, Ct));
    }

    [Fact]
    public async Task Away_Clear_ForgetsWhatIsNotOver_InItsWorkspaceOnly()
    {
        await Away.SetAsync(Acme, new AwayPeriod(Sam, new LocalDate(2026, 12, 21), new LocalDate(2026, 12, 28)), Sam, Now, Ct);
        await Away.SetAsync(Globex, new AwayPeriod(Sam, new LocalDate(2026, 12, 21), new LocalDate(2026, 12, 28)), Sam, Now, Ct);

        Assert.Equal(1, await Away.ClearAsync(Acme, Sam, new LocalDate(2026, 12, 1), Ct));
        Assert.Equal(0, await Away.ClearAsync(Acme, Sam, new LocalDate(2026, 12, 1), Ct));
        Assert.Empty(await Away.ListAsync(Acme, new LocalDate(2026, 12, 1), person: null, Ct));
        Assert.Single(await Away.ListAsync(Globex, new LocalDate(2026, 12, 1), person: null, Ct));
    }

    [Fact]
    public async Task Capacity_IsASetting_AndOffAgain()
    {
        var settings = Core.Scheduling.WorkspaceSettings.Defaults(Acme) with { Capacity = 8 };
        await Provider.Schedules.SaveSettingsAsync(settings, ChatPlatform.Slack, Sam, Now, Ct);
        Assert.Equal(8, (await Provider.Schedules.GetSettingsAsync(Acme, Ct)).Capacity);

        await Provider.Schedules.SaveSettingsAsync(settings with { Capacity = null }, ChatPlatform.Slack, Sam, Now, Ct);
        Assert.Null((await Provider.Schedules.GetSettingsAsync(Acme, Ct)).Capacity);
        Assert.Null((await Provider.Schedules.GetSettingsAsync(Globex, Ct)).Capacity);
    }
}

public sealed class SqliteRiskStoreContract : RiskStoreContract<SqliteProvider>;
