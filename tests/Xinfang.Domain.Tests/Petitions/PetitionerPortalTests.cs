using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>What the petitioner sees and may do on /track (issue 11): progress bar, clocks, supplements, 复查/复核 rights.</summary>
public sealed class PetitionerPortalTests
{
    [Theory]
    [InlineData(PetitionState.Registered, PetitionerStage.Registered)]
    [InlineData(PetitionState.Forwarded, PetitionerStage.Dispatched)]
    [InlineData(PetitionState.Assigned, PetitionerStage.Dispatched)]
    [InlineData(PetitionState.Accepted, PetitionerStage.Accepted)]
    [InlineData(PetitionState.Handling, PetitionerStage.Handling)]
    [InlineData(PetitionState.Decided, PetitionerStage.Handling)]
    [InlineData(PetitionState.Served, PetitionerStage.Answered)]
    [InlineData(PetitionState.UnderReview, PetitionerStage.Answered)]
    [InlineData(PetitionState.Declined, PetitionerStage.Accepted)]
    public void The_progress_bar_follows_the_state(PetitionState state, PetitionerStage stage) =>
        Assert.Equal(stage, ViewForPetitioner.StageOf(Scenario.InState(state).Petition));

    [Fact]
    public void A_rating_moves_the_bar_to_its_last_step()
    {
        var s = Scenario.InState(PetitionState.Served);
        s.Petition.Rate(Satisfaction.Satisfied, null, Satisfaction.Dissatisfied, "没有解决", s.PetitionerActor, s.Now);
        Assert.Equal(PetitionerStage.Rated, ViewForPetitioner.StageOf(s.Petition));
    }

    [Fact]
    public void The_petitioner_is_told_the_clocks_a_body_owes_them_but_not_the_internal_ones_Art_22_23()
    {
        var s = Scenario.InState(PetitionState.Forwarded);
        var kinds = ViewForPetitioner.DeadlinesOf(s.Petition).Select(d => d.Kind).ToList();
        Assert.Contains(DeadlineKind.NoticeOfReceipt, kinds);
        Assert.DoesNotContain(DeadlineKind.ForwardObjection, kinds); // an objection between bodies is internal
        Assert.Equal(s.Petition.Deadlines.Single(d => d.Kind == DeadlineKind.NoticeOfReceipt).DueOn, ViewForPetitioner.DeadlinesOf(s.Petition).Single(d => d.Kind == DeadlineKind.NoticeOfReceipt).DueOn);
    }

    [Fact]
    public void A_supplement_is_recorded_for_staff_and_shown_back_to_the_petitioner()
    {
        var s = Scenario.InState(PetitionState.Handling);
        var p = s.Petition;
        var version = p.Version;

        p.AddSupplement(" 补充两张收费单据 ", ["收费单.pdf", "照片.jpg"], s.PetitionerActor, s.Now);

        var entry = p.History[^1];
        Assert.Equal(Petition.SupplementAction, entry.Action);
        Assert.Equal(PetitionState.Handling, entry.ToState);
        Assert.Equal(s.Now, entry.At);
        Assert.Equal("信访人提交补充材料：补充两张收费单据（附件2个：收费单.pdf、照片.jpg）", entry.Summary);
        Assert.Equal("已提交补充材料", ViewForPetitioner.Of(p).Steps[^1].Summary);
        Assert.Equal(version + 1, p.Version);
    }

    [Fact]
    public void No_supplement_after_the_reply_the_way_on_is_review_Art_35()
    {
        var s = Scenario.InState(PetitionState.Served);
        var e = Assert.Throws<DomainRuleViolation>(() => s.Petition.AddSupplement("再补充", [], s.PetitionerActor, s.Now));
        Assert.Equal("supplement-not-open", e.Code);
        Assert.Contains("第三十五条", e.Message, StringComparison.Ordinal);
        Assert.Throws<DomainRuleViolation>(() => Scenario.InState(PetitionState.Handling).Petition.AddSupplement(" ", [], s.PetitionerActor, s.Now));
    }

    [Fact]
    public void Review_is_offered_to_the_level_above_with_the_days_left_Art_35()
    {
        var s = Scenario.InState(PetitionState.Served);
        var due = s.Petition.Deadlines.Single(d => d.Kind == DeadlineKind.ReviewRequest).DueOn;
        var (right, refusal) = ReviewRights.ForPetitioner(s.Petition, s.Tree, s.Today.AddDays(10));

        Assert.Null(refusal);
        Assert.Equal(PetitionAction.RequestReview, right!.Action);
        Assert.Equal(s.Reviewer.Id, right.Bodies[0].Id);
        Assert.Equal(due, right.DueOn);
        Assert.Equal(due.DayNumber - s.Today.AddDays(10).DayNumber, right.DaysLeft);
    }

    [Fact]
    public void After_the_window_the_petitioner_is_told_why_and_since_when_Art_35()
    {
        var s = Scenario.InState(PetitionState.Served);
        var due = s.Petition.Deadlines.Single(d => d.Kind == DeadlineKind.ReviewRequest).DueOn;
        var (right, refusal) = ReviewRights.ForPetitioner(s.Petition, s.Tree, due.AddDays(1));

        Assert.Null(right);
        Assert.Equal("review-window-lapsed", refusal!.Code);
        Assert.Contains($"自{due.AddDays(1):yyyy年M月d日}起不能再申请复查", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("第三十五条", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Re_review_goes_above_the_review_body_after_its_opinion_Art_36()
    {
        var s = Scenario.InState(PetitionState.Served).RequestReview().IssueReviewOpinion();
        var (right, refusal) = ReviewRights.ForPetitioner(s.Petition, s.Tree, s.Today);

        Assert.Null(refusal);
        Assert.Equal(PetitionAction.RequestReReview, right!.Action);
        Assert.Equal(s.ReReviewer.Id, right.Bodies[0].Id);
        Assert.Equal(s.Petition.Deadlines.Last(d => d.Kind == DeadlineKind.ReReviewRequest).DueOn.DayNumber - s.Today.DayNumber, right.DaysLeft);
        Assert.True(right.DaysLeft >= 30);
    }

    [Fact]
    public void Before_the_reply_there_is_nothing_to_review_yet()
    {
        var s = Scenario.InState(PetitionState.Handling);
        Assert.Equal("review-not-yet", ReviewRights.ForPetitioner(s.Petition, s.Tree, s.Today).Refusal!.Code);
    }
}
