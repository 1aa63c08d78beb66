using Xinfang.Domain.Evaluation;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>
/// Rights are never cut off (条例 Arts. 35–36), procedures cannot be skipped (Art. 23 ¶3, Art. 36 ¶3),
/// and the evaluation status of domain.md §8.
/// </summary>
public sealed class RightsTests
{
    /// <summary>Received 5 March, decided 9 March, reply served 10 March: 复查 and rating windows to 9 April.</summary>
    private static Scenario ServedOnMarch10()
    {
        var s = Scenario.InState(PetitionState.Decided, start: new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.FromHours(8))).At(new DateOnly(2026, 3, 10));
        s.Petition.Serve(ServiceMethod.InPerson, s.Today, true, null, s.UnitOfficer, s.Now);
        return s;
    }

    [Fact]
    public void The_bureau_cannot_close_on_the_day_the_reply_is_served_Art_35()
    {
        var s = ServedOnMarch10();

        var refused = Expect.Refused("review-window-open", s.Petition, () => s.Petition.Close("已答复", s.BureauOfficer, s.Now));

        Assert.Contains("第三十五条", refused.Message, StringComparison.Ordinal);
        Assert.Contains("2026-04-09", refused.Message, StringComparison.Ordinal);
        Assert.True(Expect.Clock(s.Petition, DeadlineKind.ReviewRequest).IsOpen);
    }

    [Fact]
    public void The_bureau_cannot_close_on_the_day_the_review_opinion_is_served_Art_36()
    {
        var s = ServedOnMarch10().At(new DateOnly(2026, 3, 20)).RequestReview().At(new DateOnly(2026, 4, 1));
        s.Petition.IssueReviewOpinion("维持原处理意见", s.Today, s.ReviewOfficer, s.Now);

        var refused = Expect.Refused("review-window-open", s.Petition, () => s.Petition.Close(null, s.ReviewOfficer, s.Now));

        Assert.Contains("第三十六条", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Closing_after_the_window_lapsed_closes_as_not_asked_for_Art_35()
    {
        var s = ServedOnMarch10().At(new DateOnly(2026, 4, 10));

        s.Petition.Close(null, s.BureauOfficer, s.Now);

        Assert.Equal(PetitionState.Closed, s.Petition.State);
        Assert.Equal(ClosureReason.ReviewWindowLapsed, s.Petition.ClosedBecause);
        Assert.Equal(NationalState.超期未申请复查, s.Petition.NationalStateOn(s.Today));
    }

    [Fact]
    public void A_review_request_after_the_sweeper_closed_the_item_is_answered_in_writing_Art_35()
    {
        var s = ServedOnMarch10().At(new DateOnly(2026, 4, 10));
        Assert.True(s.Petition.CloseIfWindowLapsed(new Actor("system", "系统（期限届满）", s.Unit.Id), s.Now));
        s.At(new DateOnly(2026, 4, 12));
        var p = s.Petition;

        p.RequestReview(s.Reviewer, s.Tree, "补贴金额计算有误", s.PetitionerActor, s.Now); // no exception: recorded, answered

        Assert.Equal(PetitionState.Closed, p.State);
        Assert.Equal(ClosureReason.ReviewWindowLapsed, p.ClosedBecause);
        var entry = Expect.LastEntry(p, PetitionAction.RequestReview, PetitionState.Closed, PetitionState.Closed, s.PetitionerActor, "该事项已办结，复查申请不予受理，书面告知信访人");
        var notice = Expect.DocumentOf(p, entry, DocumentKind.DeclineNotice);
        Assert.Equal("复查申请不予受理告知书", notice.Title);
        Assert.True(notice.AddressedToPetitioner);
        Assert.Contains("第三十五条", notice.Body, StringComparison.Ordinal);
        Assert.Contains("复查申请期限至2026-04-09，申请日2026-04-12已超期", notice.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_re_review_request_after_the_window_closed_the_item_is_answered_in_writing_Art_36()
    {
        var s = Scenario.InState(PetitionState.ReviewOpinionServed).Advance(31);
        Assert.True(s.Petition.CloseIfWindowLapsed(s.BureauOfficer, s.Now));
        s.Advance();

        s.RequestReReview();

        var entry = Expect.LastEntry(s.Petition, PetitionAction.RequestReReview, PetitionState.Closed, PetitionState.Closed, s.PetitionerActor, "该事项已办结，复核申请不予受理，书面告知信访人");
        var notice = Expect.DocumentOf(s.Petition, entry, DocumentKind.DeclineNotice);
        Assert.Equal("复核申请不予受理告知书", notice.Title);
        Assert.Contains("第三十六条", notice.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PetitionState.Forwarded)]
    [InlineData(PetitionState.Assigned)]
    public void A_unit_cannot_decline_a_forwarded_item_as_not_competent_it_objects_Art_23(PetitionState state)
    {
        var s = Scenario.InState(state).Advance();

        var refused = Expect.Refused("not-competent-needs-objection", s.Petition,
            () => s.Petition.Decline(DeclineRule.NotCompetent, "不属于本单位职权", "西湖区人民政府", s.UnitOfficer, s.Now));

        Assert.Contains("提出异议", refused.Message, StringComparison.Ordinal);
        Assert.Contains("第二十三条第三款", refused.Message, StringComparison.Ordinal);
        Assert.Contains(PetitionAction.RaiseObjection, s.Petition.AllowedActions);
    }

    [Fact]
    public void The_bureau_may_still_decline_what_it_registered_as_not_competent()
    {
        var s = Scenario.InState(PetitionState.Registered).Decline();

        Assert.Equal(PetitionState.Declined, s.Petition.State);
    }

    [Fact]
    public void Refusing_again_under_Art_36_needs_a_linked_re_reviewed_item()
    {
        var s = Scenario.InState(PetitionState.Registered).Advance();
        var p = s.Petition;
        var notReReviewed = s.ReReviewedEarlier with { ReReviewed = false };

        Expect.Refused("after-re-review-needs-earlier-item", p, () => p.RefuseAgain(DeclineRule.AfterReReview, "已经复核", "无", s.BureauOfficer, s.Now));
        var unlinked = Expect.Refused("earlier-item-not-re-reviewed", p, () => p.RefuseAgain(DeclineRule.AfterReReview, "已经复核", "无", s.BureauOfficer, s.Now, notReReviewed));
        Assert.Contains("第三十六条第三款", unlinked.Message, StringComparison.Ordinal);

        p.RefuseAgain(DeclineRule.AfterReReview, "同一事实和理由", "无", s.BureauOfficer, s.Now, s.ReReviewedEarlier);

        Assert.Equal(PetitionState.RefusedAgain, p.State);
        Assert.Equal(s.ReReviewedEarlier.Id, p.FirstItemId);
        Assert.Contains(s.ReReviewedEarlier.Number, p.Documents[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusing_again_cannot_rest_on_another_item_than_the_one_linked()
    {
        var s = Scenario.New().Register(Scenario.New().Letter() with { FirstItemId = Guid.NewGuid() }).Advance();

        Expect.Refused("after-re-review-needs-earlier-item", s.Petition,
            () => s.Petition.RefuseAgain(DeclineRule.AfterReReview, "已经复核", "无", s.BureauOfficer, s.Now, s.ReReviewedEarlier));
    }

    [Fact]
    public void The_evaluation_status_goes_from_pending_to_rated()
    {
        var s = Scenario.InState(PetitionState.Decided);
        Assert.Null(s.Petition.EvaluationStatusOn(s.Today));
        s.Serve();
        Assert.Equal(EvaluationStatus.Pending, s.Petition.EvaluationStatusOn(s.Today));

        s.Advance();
        s.Petition.Rate(Satisfaction.Satisfied, null, null, null, s.PetitionerActor, s.Now);
        Assert.Equal(EvaluationStatus.Pending, s.Petition.EvaluationStatusOn(s.Today)); // the unit is still to be rated
        s.Petition.Rate(null, null, Satisfaction.BasicallySatisfied, null, s.PetitionerActor, s.Now);

        Assert.Equal(EvaluationStatus.Rated, s.Petition.EvaluationStatusOn(s.Today));
        Assert.Equal(EvaluationStatus.Rated, s.Petition.EvaluationStatusOn(s.Today.AddYears(1)));
    }

    [Fact]
    public void A_rating_after_the_window_is_refused_and_the_status_says_lapsed()
    {
        var s = ServedOnMarch10().At(new DateOnly(2026, 4, 9));
        Assert.Equal(EvaluationStatus.Pending, s.Petition.EvaluationStatusOn(s.Today));
        s.At(new DateOnly(2026, 4, 10));

        var refused = Expect.Refused("rating-window-closed", s.Petition,
            () => s.Petition.Rate(Satisfaction.Satisfied, null, Satisfaction.Satisfied, null, s.PetitionerActor, s.Now));

        Assert.Contains("超期未评价", refused.Message, StringComparison.Ordinal);
        Assert.Contains("国信发〔2022〕11号", refused.Message, StringComparison.Ordinal);
        Assert.Equal(EvaluationStatus.Lapsed, s.Petition.EvaluationStatusOn(s.Today));
    }

    [Fact]
    public void Closing_does_not_erase_the_rating_clock()
    {
        // 复查 opinion and 复核 opinion quickly: closed on 20 March, the rating window runs to 9 April.
        var s = ServedOnMarch10().At(new DateOnly(2026, 3, 11)).RequestReview().At(new DateOnly(2026, 3, 12)).IssueReviewOpinion()
            .At(new DateOnly(2026, 3, 13)).RequestReReview().At(new DateOnly(2026, 3, 14)).IssueReReviewOpinion().At(new DateOnly(2026, 3, 20)).Close();
        var p = s.Petition;
        Assert.Equal(PetitionState.Closed, p.State);
        Assert.Equal(EvaluationStatus.Pending, p.EvaluationStatusOn(s.Today));
        Assert.False(p.IsOverdueOn(new DateOnly(2026, 12, 31)));

        s.At(new DateOnly(2026, 4, 9));
        p.Rate(Satisfaction.Dissatisfied, "答复敷衍", Satisfaction.Dissatisfied, "补贴未发放", s.PetitionerActor, s.Now);

        Assert.Equal(PetitionState.Closed, p.State);
        Assert.Equal(EvaluationStatus.Rated, p.EvaluationStatusOn(s.Today));
        Assert.Equal(new DateOnly(2026, 4, 9), Expect.Clock(p, DeadlineKind.Rating).MetOn);
    }

    [Fact]
    public void Items_that_left_the_track_or_were_not_taken_up_are_not_evaluated()
    {
        var guided = Scenario.InState(PetitionState.GuidedToProcedure);
        var declined = Scenario.InState(PetitionState.Declined);
        var political = Scenario.InState(PetitionState.GuidedToPoliticalLegal);

        Assert.Equal(EvaluationStatus.NotEvaluated, guided.Petition.EvaluationStatusOn(guided.Today));
        Assert.Equal(EvaluationStatus.NotEvaluated, declined.Petition.EvaluationStatusOn(declined.Today));
        Assert.Equal(EvaluationStatus.NotEvaluated, political.Petition.EvaluationStatusOn(political.Today));
        Assert.Equal("不参评", EvaluationRules.NameOf(EvaluationStatus.NotEvaluated));
    }

    [Fact]
    public void An_anonymous_item_without_contact_is_not_evaluated_and_cannot_be_rated()
    {
        var s = Scenario.InState(PetitionState.Served, x => x.Letter() with { Anonymous = true, Petitioners = [] });
        var p = s.Petition;

        Assert.Equal(EvaluationStatus.NotEvaluated, p.EvaluationStatusOn(s.Today));
        Assert.DoesNotContain(p.Deadlines, d => d.Kind == DeadlineKind.Rating);
        Expect.Refused("not-evaluated", p, () => p.Rate(Satisfaction.Satisfied, null, null, null, s.PetitionerActor, s.Now));
    }
}

/// <summary>回访 after a 不满意 rating (domain.md §8).</summary>
public sealed class ReturnVisitTests
{
    [Fact]
    public void A_dissatisfied_unit_owes_a_return_visit_and_a_satisfied_bureau_none()
    {
        var s = Scenario.InState(PetitionState.Served).Advance();
        s.Petition.Rate(Satisfaction.Satisfied, null, Satisfaction.Dissatisfied, "补贴仍未发放", s.PetitionerActor, s.Now);

        var visit = Assert.Single(ReturnVisit.OpenAfterRating(s.Petition, Satisfaction.Satisfied, Satisfaction.Dissatisfied, s.Now));

        Assert.Equal(RatedBody.Unit, visit.RatedBody);
        Assert.Equal(s.Petition.HandlingOrganizationId, visit.OrganizationId);
        Assert.Equal("补贴仍未发放", visit.DissatisfiedReason);
        Assert.Equal(s.Today, visit.OpenedOn);
        Assert.True(visit.IsOpen);
    }

    [Fact]
    public void The_result_is_recorded_once_dated_between_the_rating_and_today()
    {
        var s = Scenario.InState(PetitionState.Served).Advance();
        s.Petition.Rate(Satisfaction.Dissatisfied, "态度生硬", null, null, s.PetitionerActor, s.Now);
        var visit = Assert.Single(ReturnVisit.OpenAfterRating(s.Petition, Satisfaction.Dissatisfied, null, s.Now));
        Assert.Equal(s.Petition.DispatchingOrganizationId, visit.OrganizationId);

        Assert.Equal("visited-before-opened", Assert.Throws<DomainRuleViolation>(() => visit.RecordResult(s.Today.AddDays(-1), "科长 王某", ReturnVisitMethod.Phone, "已说明", "理解", s.BureauOfficer, s.Now)).Code);
        Assert.Equal("visited-in-future", Assert.Throws<DomainRuleViolation>(() => visit.RecordResult(s.Today.AddDays(1), "科长 王某", ReturnVisitMethod.Phone, "已说明", "理解", s.BureauOfficer, s.Now)).Code);
        Assert.True(visit.IsOpen);

        visit.RecordResult(s.Today, " 科长 王某 ", ReturnVisitMethod.Phone, "电话说明办理过程并致歉", "表示接受", s.BureauOfficer, s.Now);

        Assert.False(visit.IsOpen);
        Assert.Equal("科长 王某", visit.VisitedBy);
        Assert.Equal(s.BureauOfficer.Name, visit.RecordedByName);
        Assert.Equal("return-visit-recorded", Assert.Throws<DomainRuleViolation>(() => visit.RecordResult(s.Today, "科长 王某", ReturnVisitMethod.Phone, "再次", "再次", s.BureauOfficer, s.Now)).Code);
    }
}
