using NodaTime;
using PromiseBot.Core.Calendars;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;
using PromiseBot.Storage.Tests.Contract;

namespace PromiseBot.Storage.Tests.Calendars;

/// <summary>Core's <see cref="ICalendarStore"/>, on any provider.</summary>
public abstract class CalendarStoreContract<TProvider> : ContractTests<TProvider> where TProvider : StorageProvider, new()
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private ICalendarStore _store = null!;

    public override Task InitializeAsync()
    {
        _store = Provider.Calendars;
        return Task.CompletedTask;
    }

    private static BusinessWeek SplitShifts() => BusinessWeek.Default
        .With([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday], [new(new LocalTime(8, 30), new LocalTime(12, 0)), new(new LocalTime(13, 0), new LocalTime(17, 30))])
        .With([IsoDayOfWeek.Saturday], [new(new LocalTime(18, 0), LocalTime.Midnight)]);

    private static void AssertSameWeek(BusinessWeek expected, BusinessWeek actual)
    {
        for (var d = 1; d <= 7; d++)
        {
            Assert.Equal(expected.On((IsoDayOfWeek)d), actual.On((IsoDayOfWeek)d));
        }
    }

    [Fact]
    public async Task TheDefault_NeverStored_IsNineToFiveInTheWorkspaceZone_AndOtherNamesAreNull()
    {
        var calendar = await _store.GetAsync(StoreFixture.Acme, null, NewYork, Ct);

        Assert.NotNull(calendar);
        Assert.True(calendar.IsDefault);
        Assert.Equal(NewYork, calendar.Zone);
        AssertSameWeek(BusinessWeek.Default, calendar.Week);
        Assert.False(await _store.IsStoredAsync(StoreFixture.Acme, BusinessCalendar.DefaultName, Ct));
        Assert.Null(await _store.GetAsync(StoreFixture.Acme, "uk-support", NewYork, Ct));
        Assert.Empty(await _store.ListNamesAsync(StoreFixture.Acme, Ct));
    }

    [Fact]
    public async Task Save_RoundTripsZoneAndHours_IncludingSplitShiftsAnd2400_AndKeepsHolidays()
    {
        var first = new BusinessCalendar(BusinessCalendar.DefaultName, NewYork, BusinessWeek.Default);
        await _store.SetHolidayAsync(StoreFixture.Acme, first, new LocalDate(2026, 12, 25), "Christmas Day", Ct);

        await _store.SaveAsync(StoreFixture.Acme, new BusinessCalendar(BusinessCalendar.DefaultName, London, SplitShifts()), Ct);

        var stored = (await _store.GetAsync(StoreFixture.Acme, null, NewYork, Ct))!;
        Assert.Equal(London, stored.Zone);
        AssertSameWeek(SplitShifts(), stored.Week);
        Assert.True(stored.Week.On(IsoDayOfWeek.Saturday)[0].EndsAtMidnight);
        Assert.Equal("Christmas Day", stored.Holidays[new LocalDate(2026, 12, 25)]);
        Assert.True(await _store.IsStoredAsync(StoreFixture.Acme, BusinessCalendar.DefaultName, Ct));
    }

    [Fact]
    public async Task HoursInMinutesOfTheDay_AreStoredFrom0To1440()
    {
        await _store.SaveAsync(StoreFixture.Acme, new BusinessCalendar("24-7", NewYork, BusinessWeek.AlwaysOpen), Ct);

        var rows = await Provider.QueryAsync<(long Open, long Close)>(
            "SELECT open_minute, close_minute FROM calendar_hours WHERE workspace = @W AND calendar = '24-7'", new { W = StoreFixture.Acme.Value });

        Assert.Equal(7, rows.Count);
        Assert.All(rows, r => Assert.Equal((0L, 1440L), r));
    }

    [Fact]
    public async Task Create_RefusesATakenName_AndRemoveDeletesHoursAndHolidays()
    {
        var calendar = new BusinessCalendar("uk-support", London, BusinessWeek.Default, new Dictionary<LocalDate, string> { [new(2026, 12, 28)] = "Boxing Day (substitute day)" });

        Assert.True(await _store.CreateAsync(StoreFixture.Acme, calendar, Ct));
        Assert.False(await _store.CreateAsync(StoreFixture.Acme, new BusinessCalendar("uk-support", NewYork, BusinessWeek.AlwaysOpen), Ct));
        var stored = (await _store.GetAsync(StoreFixture.Acme, "uk-support", NewYork, Ct))!;
        Assert.Equal(London, stored.Zone);
        Assert.Single(stored.Holidays);
        Assert.Equal(["uk-support"], await _store.ListNamesAsync(StoreFixture.Acme, Ct));

        Assert.True(await _store.RemoveAsync(StoreFixture.Acme, "uk-support", Ct));
        Assert.False(await _store.RemoveAsync(StoreFixture.Acme, "uk-support", Ct));
        Assert.Null(await _store.GetAsync(StoreFixture.Acme, "uk-support", NewYork, Ct));
        Assert.Equal(0L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM calendar_hours"));
        Assert.Equal(0L, await Provider.ScalarAsync<long>("SELECT COUNT(*) FROM calendar_holidays"));
    }

    [Fact]
    public async Task AddHolidays_IsIdempotent_AndKeepsANameAlreadyThere()
    {
        var calendar = BusinessCalendar.Default(NewYork);
        await _store.SetHolidayAsync(StoreFixture.Acme, calendar, new LocalDate(2026, 12, 25), "Office closed", Ct);
        var imported = new Dictionary<LocalDate, string> { [new(2026, 12, 25)] = "Christmas", [new(2027, 1, 1)] = "New Year's Day" };

        var first = await _store.AddHolidaysAsync(StoreFixture.Acme, calendar, imported, Ct);
        var second = await _store.AddHolidaysAsync(StoreFixture.Acme, calendar, imported, Ct);

        Assert.Equal([new LocalDate(2027, 1, 1)], first);
        Assert.Empty(second);
        var holidays = (await _store.GetAsync(StoreFixture.Acme, null, NewYork, Ct))!.Holidays;
        Assert.Equal("Office closed", holidays[new LocalDate(2026, 12, 25)]);
        Assert.Equal(2, holidays.Count);
    }

    [Fact]
    public async Task AddingAHolidayToTheUnstoredDefault_StoresItInTheWorkspaceZoneWithNineToFive()
    {
        await _store.AddHolidaysAsync(StoreFixture.Acme, BusinessCalendar.Default(NewYork), new Dictionary<LocalDate, string> { [new(2026, 11, 26)] = "Thanksgiving" }, Ct);

        var stored = (await _store.GetAsync(StoreFixture.Acme, null, London, Ct))!;
        Assert.Equal(NewYork, stored.Zone); // stored now: the workspace zone given later no longer applies
        AssertSameWeek(BusinessWeek.Default, stored.Week);
        Assert.True(stored.Holidays.ContainsKey(new LocalDate(2026, 11, 26)));
    }

    [Fact]
    public async Task SetAndRemoveHoliday()
    {
        var calendar = BusinessCalendar.Default(NewYork);
        await _store.SetHolidayAsync(StoreFixture.Acme, calendar, new LocalDate(2026, 12, 25), "Christmas", Ct);
        await _store.SetHolidayAsync(StoreFixture.Acme, calendar, new LocalDate(2026, 12, 25), "Christmas Day", Ct);

        Assert.Equal("Christmas Day", (await _store.GetAsync(StoreFixture.Acme, null, NewYork, Ct))!.Holidays[new LocalDate(2026, 12, 25)]);
        Assert.True(await _store.RemoveHolidayAsync(StoreFixture.Acme, BusinessCalendar.DefaultName, new LocalDate(2026, 12, 25), Ct));
        Assert.False(await _store.RemoveHolidayAsync(StoreFixture.Acme, BusinessCalendar.DefaultName, new LocalDate(2026, 12, 25), Ct));
        Assert.Empty((await _store.GetAsync(StoreFixture.Acme, null, NewYork, Ct))!.Holidays);
    }

    [Fact]
    public async Task EverythingIsScopedToTheWorkspace()
    {
        await _store.CreateAsync(StoreFixture.Acme, new BusinessCalendar("uk-support", London, BusinessWeek.Default), Ct);
        await _store.SaveAsync(StoreFixture.Acme, new BusinessCalendar(BusinessCalendar.DefaultName, London, BusinessWeek.AlwaysOpen), Ct);
        await _store.SetHolidayAsync(StoreFixture.Acme, BusinessCalendar.Default(London), new LocalDate(2026, 12, 25), "Christmas", Ct);

        Assert.Null(await _store.GetAsync(StoreFixture.Globex, "uk-support", NewYork, Ct));
        var globexDefault = (await _store.GetAsync(StoreFixture.Globex, null, NewYork, Ct))!;
        Assert.Equal(NewYork, globexDefault.Zone);
        AssertSameWeek(BusinessWeek.Default, globexDefault.Week);
        Assert.Empty(globexDefault.Holidays);
        Assert.Empty(await _store.ListNamesAsync(StoreFixture.Globex, Ct));
        Assert.False(await _store.RemoveAsync(StoreFixture.Globex, "uk-support", Ct));
        Assert.False(await _store.RemoveHolidayAsync(StoreFixture.Globex, BusinessCalendar.DefaultName, new LocalDate(2026, 12, 25), Ct));
        Assert.True(await _store.CreateAsync(StoreFixture.Globex, new BusinessCalendar("uk-support", NewYork, BusinessWeek.Default), Ct));
        Assert.Equal(London, (await _store.GetAsync(StoreFixture.Acme, "uk-support", NewYork, Ct))!.Zone);
    }

    [Fact]
    public async Task Calendars_SurviveARestart()
    {
        await _store.CreateAsync(StoreFixture.Acme, new BusinessCalendar("uk-support", London, SplitShifts()), Ct);

        await Provider.RestartAsync();

        var stored = (await Provider.Calendars.GetAsync(StoreFixture.Acme, "uk-support", NewYork, Ct))!;
        AssertSameWeek(SplitShifts(), stored.Week);
    }

    [Fact]
    public async Task NoCategoryUsesACalendarYet() =>
        Assert.Empty(await _store.CategoriesUsingAsync(StoreFixture.Acme, BusinessCalendar.DefaultName, Ct));
}

public sealed class SqliteCalendarStoreContract : CalendarStoreContract<SqliteProvider>;
