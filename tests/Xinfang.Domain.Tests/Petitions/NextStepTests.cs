using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>The petition page's primary action, its confirmations, and the 处理意见 offered for a route (issue 13).</summary>
public sealed class NextStepTests
{
    [Theory]
    [InlineData(PetitionState.Registered, new[] { PetitionAction.Accept, PetitionAction.Assign, PetitionAction.Forward, PetitionAction.Decline }, PetitionAction.Forward)]
    [InlineData(PetitionState.Registered, new[] { PetitionAction.Assign, PetitionAction.Decline }, PetitionAction.Assign)]
    [InlineData(PetitionState.Forwarded, new[] { PetitionAction.NotifyReceipt, PetitionAction.RaiseObjection, PetitionAction.Accept }, PetitionAction.Accept)]
    [InlineData(PetitionState.Accepted, new[] { PetitionAction.NotifyReceipt, PetitionAction.ChooseRoute }, PetitionAction.ChooseRoute)]
    [InlineData(PetitionState.Handling, new[] { PetitionAction.Extend, PetitionAction.Decide }, PetitionAction.Decide)]
    [InlineData(PetitionState.Decided, new[] { PetitionAction.Serve }, PetitionAction.Serve)]
    [InlineData(PetitionState.UnderReview, new[] { PetitionAction.IssueReviewOpinion }, PetitionAction.IssueReviewOpinion)]
    public void The_expected_step_is_the_primary_one_when_this_user_may_take_it(PetitionState state, PetitionAction[] allowed, PetitionAction expected) =>
        Assert.Equal(expected, NextStep.Primary(state, allowed));

    [Theory]
    [InlineData(PetitionState.Registered, new[] { PetitionAction.Decline, PetitionAction.ReportUp })] // only the rarer steps are this user's
    [InlineData(PetitionState.Handling, new[] { PetitionAction.Extend })] // the head extends; deciding is the handler's
    [InlineData(PetitionState.ObjectionRaised, new[] { PetitionAction.ApproveObjection, PetitionAction.RejectObjection })] // a choice between equals
    [InlineData(PetitionState.Closed, new PetitionAction[0])]
    public void Nothing_is_primary_when_the_expected_step_is_not_this_users(PetitionState state, PetitionAction[] allowed) =>
        Assert.Null(NextStep.Primary(state, allowed));

    [Fact]
    public void Every_primary_step_is_one_the_lifecycle_allows_in_that_state()
    {
        foreach (var state in Enum.GetValues<PetitionState>())
        {
            var allowed = Lifecycle.AllowedActions(state);
            if (NextStep.Primary(state, [.. Enum.GetValues<PetitionAction>()]) is { } primary)
            {
                Assert.Contains(primary, allowed);
            }
        }
    }

    [Theory]
    [InlineData(PetitionAction.Forward, true)]
    [InlineData(PetitionAction.Accept, true)]
    [InlineData(PetitionAction.Decide, true)]
    [InlineData(PetitionAction.Serve, true)]
    [InlineData(PetitionAction.Close, true)]
    [InlineData(PetitionAction.Decline, true)]
    [InlineData(PetitionAction.NotifyReceipt, false)]
    [InlineData(PetitionAction.Extend, false)]
    [InlineData(PetitionAction.RecordHearing, false)]
    public void Steps_that_move_the_item_on_for_good_are_confirmed(PetitionAction action, bool confirmed) =>
        Assert.Equal(confirmed, NextStep.NeedsConfirmation(action));

    /// <summary>The list offered for each route is exactly what Decide accepts on that route (条例 Arts. 31–32).</summary>
    [Theory]
    [InlineData(HandlingRoute.Investigate)]
    [InlineData(HandlingRoute.PerformDuty)]
    public void The_outcomes_offered_for_a_route_are_the_ones_decide_accepts(HandlingRoute route)
    {
        foreach (var outcome in Enum.GetValues<DecisionOutcome>())
        {
            var s = Scenario.InState(PetitionState.Accepted).ChooseRoute(route);
            var accepted = Record.Exception(() => s.Petition.Decide(outcome, "请求", "事实", "理由", "依据", s.UnitOfficer, s.Now)) is null;
            Assert.Equal(NextStep.OutcomesFor(route).Contains(outcome), accepted);
        }
    }

    [Fact]
    public void Every_deadline_has_a_chinese_name_with_its_source() =>
        Assert.All(Enum.GetValues<DeadlineKind>(), k => Assert.Matches("^[\u4e00-\u9fff、，]+（(《信访工作条例》第.+条.*|本地规定)）$", CodeNames.Of(k)));
}
