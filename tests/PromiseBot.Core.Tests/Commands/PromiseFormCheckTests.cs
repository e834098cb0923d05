using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Tests.Commands;

public sealed class PromiseFormCheckTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0);
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly WorkspaceId Ws = new("T1");
    private static readonly UserId Ana = new("U-ANA");
    private static readonly UserId Ben = new("U-BEN");

    private static PromiseFormInput Input(UserId? backup = null, Instant? due = null, string title = "Send the quote") =>
        new(title, new ResolvedDue(due ?? Now + Duration.FromDays(1), TimeDefaulted: false, "tomorrow"), "Acme", "#quotes", Ana, backup);

    private static Task<PromiseFormCheck> CheckAsync(PromiseFormInput input, IPersonDirectory? people = null) =>
        PromiseForm.CheckAsync(input, Ws, Now, NewYork, people, CancellationToken.None);

    [Fact]
    public async Task AGoodForm_BecomesTheSameCommandAsTyping()
    {
        var check = await CheckAsync(Input(backup: Ben) with { SourceLink = "https://acme.slack.com/archives/C1/p1" });
        Assert.True(check.IsValid);
        Assert.Empty(check.Problems);
        Assert.Equal(new CreatePromiseCommand("Send the quote", Input().Due!, "Acme", Ana, "quotes", Ben, "https://acme.slack.com/archives/C1/p1"), check.Command);
    }

    [Fact]
    public async Task TheBackup_IsNotTheOwner()
    {
        var check = await CheckAsync(Input(backup: Ana));
        Assert.False(check.IsValid);
        Assert.Equal(PromiseForm.BackupIsOwner, check.Problems[PromiseFormField.Backup]);
    }

    [Fact]
    public async Task EveryProblem_IsShownAtOnce_UnderItsField()
    {
        var check = await CheckAsync(new PromiseFormInput("  ", null, new string('c', PromiseForm.MaxCustomer + 1), "two words", Ana, Ana));
        Assert.Null(check.Command);
        Assert.Equal(
            [PromiseFormField.Title, PromiseFormField.Due, PromiseFormField.Customer, PromiseFormField.Category, PromiseFormField.Backup],
            check.Problems.Keys.Order());
        Assert.Equal("Pick when it is due.", check.Problems[PromiseFormField.Due]);
    }

    [Fact]
    public async Task TheSurfacesOwnDateProblem_IsShownAsItSaidIt()
    {
        var check = await CheckAsync(Input() with { Due = null, DueProblem = "Pick a time as well." });
        Assert.Equal("Pick a time as well.", check.Problems[PromiseFormField.Due]);
    }

    [Fact]
    public async Task APickedDate_IsInTheFuture_AndWithinTwoYears_LikeATypedOne()
    {
        Assert.Contains("already passed", (await CheckAsync(Input(due: Now - Duration.FromMinutes(1)))).Problems[PromiseFormField.Due]);
        Assert.True((await CheckAsync(Input(due: Now + Duration.FromDays(700)))).IsValid);
        Assert.Contains("more than 2 years", (await CheckAsync(Input(due: Now + Duration.FromDays(800)))).Problems[PromiseFormField.Due]);
    }

    [Theory]
    [InlineData(PersonStanding.Bot, "Pick a person, not a bot.")]
    [InlineData(PersonStanding.Deactivated, "That account is deactivated; pick someone else.")]
    [InlineData(PersonStanding.Unknown, "I can't find that person in this workspace.")]
    [InlineData(PersonStanding.CouldNotTell, null)]
    [InlineData(PersonStanding.Person, null)]
    public async Task OwnerAndBackup_ArePeopleOfTheWorkspace(PersonStanding standing, string? problem)
    {
        var people = new Directory(new() { [Ana] = PersonStanding.Person, [Ben] = standing });
        var asBackup = await CheckAsync(Input(backup: Ben), people);
        var asOwner = await CheckAsync(Input() with { Owner = Ben }, people);
        Assert.Equal(problem, asBackup.Problems.GetValueOrDefault(PromiseFormField.Backup));
        Assert.Equal(problem, asOwner.Problems.GetValueOrDefault(PromiseFormField.Owner));
        Assert.Equal(problem is null, asBackup.IsValid && asOwner.IsValid);
    }

    private sealed class Directory(Dictionary<UserId, PersonStanding> standings) : IPersonDirectory
    {
        public Task<PersonStanding> StandingAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken) =>
            Task.FromResult(workspace == Ws ? standings.GetValueOrDefault(user, PersonStanding.Unknown) : PersonStanding.Unknown);
    }
}
