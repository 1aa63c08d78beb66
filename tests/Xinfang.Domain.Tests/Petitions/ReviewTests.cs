using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>复查 and 复核 at the next levels up (条例 Arts. 35–36), and closure.</summary>
public sealed class ReviewTests
{
    /// <summary>Received 5 March, assigned, accepted, decided 9 March, reply served 10 March: 复查 window to 9 April.</summary>
    private static Scenario ServedOnMarch10()
    {
        var s = Scenario.InState(PetitionState.Decided, start: new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.FromHours(8))).At(new DateOnly(2026, 3, 10));
        s.Petition.Serve(ServiceMethod.InPerson, s.Today, true, null, s.UnitOfficer, s.Now);
        return s;
    }

    /// <summary>As above, 复查 asked 1 April, opinion served 4 May: 复核 window to 3 June.</summary>
    private static Scenario ReviewOpinionServedOnMay4()
    {
        var s = ServedOnMarch10().At(new DateOnly(2026, 4, 1)).RequestReview().At(new DateOnly(2026, 5, 4));
        s.Petition.IssueReviewOpinion("维持原处理意见", s.Today, s.ReviewOfficer, s.Now);
        return s;
    }

    [Fact]
    public void A_review_asked_on_day_30_is_taken_up_by_the_level_above_Art_35()
    {
        var s = ServedOnMarch10().At(new DateOnly(2026, 4, 9));
        var p = s.Petition;

        p.RequestReview(s.Reviewer, s.Tree, " 补贴金额计算有误 ", s.PetitionerActor, s.Now);

        Assert.Equal(PetitionState.UnderReview, p.State);
        Assert.Equal(s.Reviewer.Id, p.ReviewOrganizationId);
        Assert.Equal(s.Reviewer.Id, p.CurrentOrganizationId);
        Assert.Equal(new DateOnly(2026, 4, 9), Expect.Clock(p, DeadlineKind.ReviewRequest).MetOn);
        var opinion = Expect.Clock(p, DeadlineKind.ReviewOpinion);
        Assert.Equal(new DateOnly(2026, 5, 9), opinion.DueOn);
        Assert.Equal(NationalState.复查, p.NationalStateOn(new DateOnly(2026, 5, 9)));
        Assert.Equal(NationalState.超期未作出复查意见, p.NationalStateOn(new DateOnly(2026, 5, 10)));
        var entry = Expect.LastEntry(p, PetitionAction.RequestReview, PetitionState.Served, PetitionState.UnderReview, s.PetitionerActor, "向杭州市人民政府申请复查：补贴金额计算有误");
        Assert.Null(entry.DocumentId);
    }

    [Fact]
    public void A_review_asked_on_day_31_is_refused_in_writing_and_the_item_closes_Art_35()
    {
        var s = ServedOnMarch10().At(new DateOnly(2026, 4, 10));
        var p = s.Petition;

        p.RequestReview(s.Reviewer, s.Tree, "补贴金额计算有误", s.PetitionerActor, s.Now); // no exception: a recorded outcome

        Assert.Equal(PetitionState.Closed, p.State);
        Assert.Null(p.ReviewOrganizationId);
        Assert.True(Expect.Clock(p, DeadlineKind.ReviewRequest).Cancelled);
        Assert.True(Expect.Clock(p, DeadlineKind.Rating).Cancelled);
        Assert.Equal(NationalState.超期未申请复查, p.NationalStateOn(s.Today));
        var entry = Expect.LastEntry(p, PetitionAction.RequestReview, PetitionState.Served, PetitionState.Closed, s.PetitionerActor, "复查申请超期，不予受理，按超期未申请复查办结");
        var notice = Expect.DocumentOf(p, entry, DocumentKind.DeclineNotice);
        Assert.Equal("复查申请不予受理告知书", notice.Title);
        Assert.True(notice.AddressedToPetitioner);
        Assert.Equal($"{CodeNames.Of(DeclineRule.ReviewWindowLapsed)}。答复于2026-03-10收到，复查申请期限至2026-04-09，申请日2026-04-10已超期。", notice.Body);
        Assert.Contains("第三十五条", notice.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_review_opinion_is_served_in_writing_and_opens_the_re_review_window_Art_35_36()
    {
        var s = ReviewOpinionServedOnMay4();
        var p = s.Petition;

        Assert.Equal(PetitionState.ReviewOpinionServed, p.State);
        Assert.Equal(new DateOnly(2026, 5, 4), p.ReviewOpinionServedOn);
        Assert.Equal(new DateOnly(2026, 5, 4), Expect.Clock(p, DeadlineKind.ReviewOpinion).MetOn);
        Assert.Equal(new DateOnly(2026, 6, 3), Expect.Clock(p, DeadlineKind.ReReviewRequest).DueOn);
        Assert.Equal(NationalState.提出复查意见, p.NationalStateOn(new DateOnly(2026, 6, 3)));
        Assert.Equal(NationalState.超期未申请复核, p.NationalStateOn(new DateOnly(2026, 6, 4)));
        var entry = Expect.LastEntry(p, PetitionAction.IssueReviewOpinion, PetitionState.UnderReview, PetitionState.ReviewOpinionServed, s.ReviewOfficer, "提出复查意见");
        Assert.Equal("维持原处理意见", Expect.DocumentOf(p, entry, DocumentKind.ReviewOpinion).Body);
    }

    [Fact]
    public void A_review_opinion_cannot_be_served_tomorrow()
    {
        var s = ServedOnMarch10().RequestReview();

        Expect.Refused("served-in-future", s.Petition, () => s.Petition.IssueReviewOpinion("维持", s.Today.AddDays(1), s.ReviewOfficer, s.Now));
    }

    [Fact]
    public void A_re_review_asked_on_day_30_goes_one_level_further_up_Art_36()
    {
        var s = ReviewOpinionServedOnMay4().At(new DateOnly(2026, 6, 3));
        var p = s.Petition;

        p.RequestReReview(s.ReReviewer, s.Tree, "复查未核实补贴标准", s.PetitionerActor, s.Now);

        Assert.Equal(PetitionState.UnderReReview, p.State);
        Assert.Equal(s.ReReviewer.Id, p.ReReviewOrganizationId);
        Assert.Equal(s.ReReviewer.Id, p.CurrentOrganizationId);
        Assert.Equal(new DateOnly(2026, 7, 3), Expect.Clock(p, DeadlineKind.ReReviewOpinion).DueOn);
        Expect.LastEntry(p, PetitionAction.RequestReReview, PetitionState.ReviewOpinionServed, PetitionState.UnderReReview, s.PetitionerActor, "向浙江省人民政府申请复核：复查未核实补贴标准");
    }

    [Fact]
    public void A_re_review_asked_on_day_31_is_refused_in_writing_and_the_item_closes_Art_36()
    {
        var s = ReviewOpinionServedOnMay4().At(new DateOnly(2026, 6, 4));
        var p = s.Petition;

        p.RequestReReview(s.ReReviewer, s.Tree, "复查未核实补贴标准", s.PetitionerActor, s.Now);

        Assert.Equal(PetitionState.Closed, p.State);
        Assert.Null(p.ReReviewOrganizationId);
        Assert.True(Expect.Clock(p, DeadlineKind.ReReviewRequest).Cancelled);
        var entry = Expect.LastEntry(p, PetitionAction.RequestReReview, PetitionState.ReviewOpinionServed, PetitionState.Closed, s.PetitionerActor, "复核申请超期，不予受理，按超期未申请复核办结");
        var notice = Expect.DocumentOf(p, entry, DocumentKind.DeclineNotice);
        Assert.Equal("复核申请不予受理告知书", notice.Title);
        Assert.Equal($"{CodeNames.Of(DeclineRule.ReReviewWindowLapsed)}。复查意见于2026-05-04收到，复核申请期限至2026-06-03，申请日2026-06-04已超期。", notice.Body);
    }

    [Theory]
    [InlineData(true, "经听证提出复核意见")]
    [InlineData(false, "提出复核意见")]
    public void The_re_review_opinion_records_whether_it_followed_a_hearing_Art_36_para_2(bool afterHearing, string summary)
    {
        var s = ReviewOpinionServedOnMay4().RequestReReview().Advance();
        var p = s.Petition;

        p.IssueReReviewOpinion("维持复查意见", s.Today, afterHearing, s.ReReviewOfficer, s.Now);

        Assert.Equal(PetitionState.ReReviewOpinionServed, p.State);
        Assert.Equal(s.Today, p.ReReviewOpinionServedOn);
        Assert.Equal(s.Today, Expect.Clock(p, DeadlineKind.ReReviewOpinion).MetOn);
        Assert.Equal(NationalState.提出复核意见, p.NationalStateOn(s.Today.AddYears(1)));
        var entry = Expect.LastEntry(p, PetitionAction.IssueReReviewOpinion, PetitionState.UnderReReview, PetitionState.ReReviewOpinionServed, s.ReReviewOfficer, summary);
        Assert.Equal("维持复查意见", Expect.DocumentOf(p, entry, DocumentKind.ReReviewOpinion).Body);
    }

    [Fact]
    public void Closing_a_served_item_stops_the_review_and_rating_windows()
    {
        var s = ServedOnMarch10().Advance(); // 2026-03-11
        var p = s.Petition;

        p.Close(" 信访人表示满意 ", s.BureauOfficer, s.Now);

        Assert.Equal(PetitionState.Closed, p.State);
        Assert.True(Expect.Clock(p, DeadlineKind.ReviewRequest).Cancelled);
        Assert.True(Expect.Clock(p, DeadlineKind.Rating).Cancelled);
        Assert.Equal(NationalState.审核认定办结, p.NationalStateOn(new DateOnly(2026, 12, 31)));
        var entry = Expect.LastEntry(p, PetitionAction.Close, PetitionState.Served, PetitionState.Closed, s.BureauOfficer, "2026-03-11 审核认定办结（信访人表示满意）");
        Assert.Null(entry.DocumentId);
    }

    [Theory]
    [InlineData(PetitionState.Served)]
    [InlineData(PetitionState.GuidedToProcedure)]
    [InlineData(PetitionState.ReviewOpinionServed)]
    [InlineData(PetitionState.ReReviewOpinionServed)]
    public void A_closed_item_never_falls_overdue(PetitionState before)
    {
        // The default path is an assignment whose completion report was never sent and a notice never given.
        var s = Scenario.InState(before).Close();

        Assert.Equal(PetitionState.Closed, s.Petition.State);
        Assert.DoesNotContain(s.Petition.Deadlines, d => d.IsOpen);
        Assert.False(s.Petition.IsOverdueOn(new DateOnly(2027, 1, 1)));
        Assert.Null(s.Petition.CurrentDueOn);
    }

    [Fact]
    public void An_item_closed_because_the_review_window_lapsed_never_falls_overdue()
    {
        var s = ServedOnMarch10().At(new DateOnly(2026, 4, 10)).RequestReview();

        Assert.Equal(PetitionState.Closed, s.Petition.State);
        Assert.False(s.Petition.IsOverdueOn(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void An_item_closed_because_the_re_review_window_lapsed_never_falls_overdue()
    {
        var s = ReviewOpinionServedOnMay4().At(new DateOnly(2026, 6, 4)).RequestReReview();

        Assert.Equal(PetitionState.Closed, s.Petition.State);
        Assert.False(s.Petition.IsOverdueOn(new DateOnly(2027, 1, 1)));
    }
}
