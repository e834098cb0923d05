using NodaTime;
using PromiseBot.Core.Approvals;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Tests.Approvals;

/// <summary>The approval state machine: only the manager decides, never their own request, once, and not on a promise that moved on.</summary>
public sealed class ApprovalRulesTests
{
    private static readonly UserId Sam = new("U_SAM");
    private static readonly UserId Maya = new("U_MAYA");
    private static readonly UserId Ana = new("U_ANA");
    private static readonly Instant Asked = Instant.FromUtc(2026, 12, 2, 15, 0);
    private static readonly Instant Clicked = Asked + Duration.FromHours(2);

    private static ApprovalRequest Request(UserId? by = null) =>
        new(new WorkspaceId("T1"), 7, new PromiseNumber(12), 4, by ?? Sam, Maya, "extend #12 by 4 business days (limit 2)", Asked);

    [Theory]
    [InlineData(true, ApprovalState.Approved)]
    [InlineData(false, ApprovalState.Declined)]
    public void TheManager_DecidesAPendingRequest(bool approve, ApprovalState state)
    {
        var (decision, request) = ApprovalRules.Decide(Request(), Maya, approve, currentPromiseVersion: 4, Clicked);

        Assert.Equal(ApprovalDecision.Decided, decision);
        Assert.Equal(state, request.State);
        Assert.Equal(Maya, request.DecidedBy);
        Assert.Equal(Clicked, request.DecidedAt);
    }

    [Fact]
    public void SomeoneElse_IsRefused_AndTheRequestStaysPending()
    {
        var (decision, request) = ApprovalRules.Decide(Request(), Ana, approve: true, 4, Clicked);

        Assert.Equal(ApprovalDecision.NotTheManager, decision);
        Assert.Equal(Request(), request);
    }

    [Fact]
    public void TheRequester_CannotApproveTheirOwnRequest_EvenWhenTheyAreTheManager()
    {
        Assert.Equal(ApprovalDecision.OwnRequest, ApprovalRules.Decide(Request(), Sam, true, 4, Clicked).Decision);
        var managersOwn = Request(by: Maya);
        var (decision, request) = ApprovalRules.Decide(managersOwn, Maya, true, 4, Clicked);

        Assert.Equal(ApprovalDecision.OwnRequest, decision);
        Assert.Equal(ApprovalState.Pending, request.State);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ASecondClick_RepeatsTheDecision_AndChangesNothing(bool secondApproves)
    {
        var (_, approved) = ApprovalRules.Decide(Request(), Maya, approve: true, 4, Clicked);

        var (decision, again) = ApprovalRules.Decide(approved, Maya, secondApproves, 4, Clicked + Duration.FromMinutes(1));

        Assert.Equal(ApprovalDecision.AlreadyDecided, decision);
        Assert.Equal(approved, again);
    }

    [Fact]
    public void APromiseThatChangedMeanwhile_MakesTheRequestStale_AndLaterClicksSaySo()
    {
        var (decision, stale) = ApprovalRules.Decide(Request(), Maya, approve: true, currentPromiseVersion: 5, Clicked);

        Assert.Equal(ApprovalDecision.Stale, decision);
        Assert.Equal(ApprovalState.Stale, stale.State);
        Assert.Equal(ApprovalDecision.Stale, ApprovalRules.Decide(stale, Maya, true, 5, Clicked).Decision);
    }

    [Fact]
    public void AStrangersClick_OnAStaleOrDecidedRequest_ChangesNothingEither()
    {
        var (_, declined) = ApprovalRules.Decide(Request(), Maya, approve: false, 4, Clicked);

        Assert.Equal((ApprovalDecision.AlreadyDecided, declined), ApprovalRules.Decide(declined, Ana, true, 4, Clicked));
    }
}
