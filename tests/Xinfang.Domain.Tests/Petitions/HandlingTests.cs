using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>Handling, extension, the written reply and its service (条例 Arts. 31–35), completion report and rating.</summary>
public sealed class HandlingTests
{
    private static readonly DateTimeOffset January29 = new(2026, 1, 29, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Received 29 Jan, assigned 30 Jan, accepted 31 Jan (handling due 1 April), route 6 on 1 Feb.</summary>
    private static Scenario HandlingSinceJanuary31() =>
        Scenario.New(January29).Register().Assign().Accept().ChooseRoute(HandlingRoute.Investigate);

    [Fact]
    public void An_extension_of_30_days_approved_by_the_unit_head_moves_the_due_date_and_tells_the_petitioner_why_Art_34()
    {
        var s = HandlingSinceJanuary31().At(new DateOnly(2026, 3, 20));
        var p = s.Petition;

        p.Extend(30, " 局长 周某 ", " 需要现场勘查 ", s.UnitOfficer, s.Now);

        Assert.Equal(PetitionState.Handling, p.State);
        var extension = Assert.Single(p.Extensions);
        Assert.Equal((30, "局长 周某", "需要现场勘查", new DateOnly(2026, 3, 20)), (extension.Days, extension.ApprovedBy, extension.Reason, extension.ApprovedOn));
        var handling = Expect.Clock(p, DeadlineKind.Handling);
        Assert.Equal(new DateOnly(2026, 5, 1), handling.DueOn);
        Assert.Equal("受理 2026-01-31 + 60日 = 2026-04-01；2026-03-20 经局长 周某批准延期30日（理由：需要现场勘查）= 2026-05-01", handling.Explanation);
        var entry = Expect.LastEntry(p, PetitionAction.Extend, PetitionState.Handling, PetitionState.Handling, s.UnitOfficer, "延期30日至2026-05-01，批准人局长 周某");
        var notice = Expect.DocumentOf(p, entry, DocumentKind.ExtensionNotice);
        Assert.True(notice.AddressedToPetitioner);
        Assert.Equal("因需要现场勘查，经局长 周某批准，您的信访事项办理期限延长30日至2026年5月1日（《信访工作条例》第三十四条）。", notice.Body);
        Assert.Equal(NationalState.受理, p.NationalStateOn(new DateOnly(2026, 5, 1)));
    }

    [Fact]
    public void An_extension_beyond_30_days_is_refused_Art_34()
    {
        var s = HandlingSinceJanuary31();

        var violation = Expect.Refused("deadline.extension-too-long", s.Petition, () => s.Petition.Extend(31, "局长 周某", "情况复杂", s.UnitOfficer, s.Now));

        Assert.Contains("30日", violation.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 4, 1), Expect.Clock(s.Petition, DeadlineKind.Handling).DueOn);
    }

    [Fact]
    public void The_national_policy_allows_one_extension_only()
    {
        var s = HandlingSinceJanuary31();
        s.Petition.Extend(10, "局长 周某", "情况复杂", s.UnitOfficer, s.Now);

        Expect.Refused("deadline.extension-count", s.Petition, () => s.Petition.Extend(10, "局长 周某", "仍需调查", s.UnitOfficer, s.Now));
    }

    [Fact]
    public void Where_a_policy_allows_two_extensions_they_still_total_at_most_30_days_Art_34()
    {
        var s = HandlingSinceJanuary31();
        var p = s.Petition;
        p.Policy = DeadlinePolicy.National with { MaxExtensions = 2 };
        p.Extend(20, "局长 周某", "情况复杂", s.UnitOfficer, s.Now);

        var violation = Expect.Refused("deadline.extension-too-long", p, () => p.Extend(11, "局长 周某", "仍需调查", s.UnitOfficer, s.Now));
        Assert.Contains("已延期20日", violation.Message, StringComparison.Ordinal);

        p.Extend(10, "局长 周某", "仍需调查", s.UnitOfficer, s.Now);
        Assert.Equal(new DateOnly(2026, 5, 1), Expect.Clock(p, DeadlineKind.Handling).DueOn);
        Assert.Equal(2, p.Extensions.Count);
    }

    [Fact]
    public void An_item_already_overdue_can_no_longer_be_extended()
    {
        var s = HandlingSinceJanuary31().At(new DateOnly(2026, 4, 2));

        var violation = Expect.Refused("deadline.extension-out-of-time", s.Petition, () => s.Petition.Extend(10, "局长 周某", "情况复杂", s.UnitOfficer, s.Now));

        Assert.Contains("2026-04-01", violation.Message, StringComparison.Ordinal);
        Assert.Equal(NationalState.超期未作出处理意见, s.Petition.NationalStateOn(s.Today));
    }

    [Fact]
    public void An_extension_on_the_last_day_is_still_in_time()
    {
        var s = HandlingSinceJanuary31().At(new DateOnly(2026, 4, 1));

        s.Petition.Extend(5, "局长 周某", "情况复杂", s.UnitOfficer, s.Now);

        Assert.Equal(new DateOnly(2026, 4, 6), Expect.Clock(s.Petition, DeadlineKind.Handling).DueOn);
    }

    [Theory]
    [InlineData(DecisionOutcome.Support, "予以支持")]
    [InlineData(DecisionOutcome.Explain, "解释说明")]
    [InlineData(DecisionOutcome.NotSupport, "不予支持")]
    public void Route_six_ends_in_a_handling_opinion_with_request_facts_reasons_and_legal_basis_Art_32(DecisionOutcome outcome, string name)
    {
        var s = Scenario.InState(PetitionState.Handling);
        var p = s.Petition;
        s.Advance();

        p.Decide(outcome, "发放补贴", "经核实", "依政策", "《管理办法》第十二条", s.UnitOfficer, s.Now);

        Assert.Equal(PetitionState.Decided, p.State);
        Assert.Equal(outcome, p.DecisionOutcome);
        Assert.Equal(s.Today, p.DecidedOn);
        Assert.True(Expect.Clock(p, DeadlineKind.Handling).IsOpen); // runs until the reply is served
        var entry = Expect.LastEntry(p, PetitionAction.Decide, PetitionState.Handling, PetitionState.Decided, s.UnitOfficer, $"出具处理意见：{name}");
        var doc = Expect.DocumentOf(p, entry, DocumentKind.Decision);
        Assert.Equal("信访处理意见书", doc.Title);
        Assert.Equal($"信访人投诉请求：发放补贴\n事实和理由：经核实\n处理意见：{name}。依政策\n法律法规依据：《管理办法》第十二条", doc.Body);
    }

    [Theory]
    [InlineData(DecisionOutcome.DutyPerformed)]
    [InlineData(DecisionOutcome.Answered)]
    public void Route_six_cannot_end_in_a_route_five_outcome_Art_32(DecisionOutcome outcome)
    {
        var s = Scenario.InState(PetitionState.Handling);

        Expect.Refused("outcome-not-for-route", s.Petition, () => s.Petition.Decide(outcome, "请求", "事实", "理由", "依据", s.UnitOfficer, s.Now));
    }

    [Fact]
    public void A_route_six_opinion_needs_its_legal_basis_Art_32()
    {
        var s = Scenario.InState(PetitionState.Handling);

        Expect.Refused("legalBasis-required", s.Petition, () => s.Petition.Decide(DecisionOutcome.NotSupport, "请求", "事实", "理由", null, s.UnitOfficer, s.Now));
    }

    [Theory]
    [InlineData(DecisionOutcome.DutyPerformed, "依法履行")]
    [InlineData(DecisionOutcome.Answered, "答复")]
    public void Route_five_ends_in_performing_the_duty_or_answering_Art_31_item_5(DecisionOutcome outcome, string name)
    {
        var s = Scenario.InState(PetitionState.Accepted).ChooseRoute(HandlingRoute.PerformDuty);
        var p = s.Petition;

        p.Decide(outcome, "请求", "事实", "理由", null, s.UnitOfficer, s.Now);

        Assert.Equal(PetitionState.Decided, p.State);
        var entry = Expect.LastEntry(p, PetitionAction.Decide, PetitionState.Handling, PetitionState.Decided, s.UnitOfficer, $"出具处理意见：{name}");
        Assert.Equal("信访事项答复意见", Expect.DocumentOf(p, entry, DocumentKind.Decision).Title);
    }

    [Theory]
    [InlineData(DecisionOutcome.Support)]
    [InlineData(DecisionOutcome.NotSupport)]
    public void Route_five_cannot_end_in_a_handling_opinion(DecisionOutcome outcome)
    {
        var s = Scenario.InState(PetitionState.Accepted).ChooseRoute(HandlingRoute.PerformDuty);

        Expect.Refused("outcome-not-for-route", s.Petition, () => s.Petition.Decide(outcome, "请求", "事实", "理由", "依据", s.UnitOfficer, s.Now));
    }

    /// <summary>Received 5 March; decided 9 March; the clock stands at 10 March.</summary>
    private static Scenario DecidedBeforeMarch10() =>
        Scenario.InState(PetitionState.Decided, start: new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.FromHours(8))).At(new DateOnly(2026, 3, 10));

    [Fact]
    public void Serving_on_10_March_ends_the_handling_clock_and_opens_the_review_window_until_9_April_Art_35()
    {
        var s = DecidedBeforeMarch10();
        var p = s.Petition;

        p.Serve(ServiceMethod.InPerson, new DateOnly(2026, 3, 10), true, null, s.UnitOfficer, s.Now);

        Assert.Equal(PetitionState.Served, p.State);
        Assert.Equal(new DateOnly(2026, 3, 10), p.ServedOn);
        Assert.Equal(ServiceMethod.InPerson, p.ServiceMethod);
        Assert.True(p.ServiceSigned);
        Assert.Equal(new DateOnly(2026, 3, 10), Expect.Clock(p, DeadlineKind.Handling).MetOn);
        var review = Expect.Clock(p, DeadlineKind.ReviewRequest);
        Assert.Equal(new DateOnly(2026, 4, 9), review.DueOn);
        Assert.Equal("收到书面答复 2026-03-10 + 30日 = 2026-04-09", review.Explanation);
        Assert.Equal(new DateOnly(2026, 4, 9), Expect.Clock(p, DeadlineKind.Rating).DueOn);
        Assert.Equal(NationalState.已作出处理意见, p.NationalStateOn(new DateOnly(2026, 4, 9)));
        Assert.Equal(NationalState.超期未申请复查, p.NationalStateOn(new DateOnly(2026, 4, 10)));
        var entry = Expect.LastEntry(p, PetitionAction.Serve, PetitionState.Decided, PetitionState.Served, s.UnitOfficer, "直接送达，已签收");
        Assert.Equal("直接送达，2026-03-10，信访人已签收", Expect.DocumentOf(p, entry, DocumentKind.ServiceRecord).Body);
    }

    [Fact]
    public void A_refused_signature_must_be_left_at_the_address_or_noted()
    {
        var s = DecidedBeforeMarch10();
        var p = s.Petition;

        Expect.Refused("refusal-needs-note", p, () => p.Serve(ServiceMethod.InPerson, s.Today, false, null, s.UnitOfficer, s.Now));

        p.Serve(ServiceMethod.LeftAtAddress, s.Today, false, null, s.UnitOfficer, s.Now);
        Assert.False(p.ServiceSigned);
        Expect.LastEntry(p, PetitionAction.Serve, PetitionState.Decided, PetitionState.Served, s.UnitOfficer, "留置送达，拒绝签收");
    }

    [Fact]
    public void A_refused_signature_may_be_noted_instead()
    {
        var s = DecidedBeforeMarch10();
        var p = s.Petition;

        p.Serve(ServiceMethod.InPerson, s.Today, false, "信访人拒签，两名社区干部见证", s.UnitOfficer, s.Now);

        var entry = Expect.LastEntry(p, PetitionAction.Serve, PetitionState.Decided, PetitionState.Served, s.UnitOfficer, "直接送达，拒绝签收");
        Assert.Equal("直接送达，2026-03-10，信访人拒绝签收（信访人拒签，两名社区干部见证）", Expect.DocumentOf(p, entry, DocumentKind.ServiceRecord).Body);
    }

    [Theory]
    [InlineData(1, "occurred-in-future")]
    [InlineData(-2, "occurred-before-previous-step")]
    public void Service_cannot_be_dated_in_the_future_or_before_the_decision(int daysFromToday, string code)
    {
        var s = DecidedBeforeMarch10();

        Expect.Refused(code, s.Petition, () => s.Petition.Serve(ServiceMethod.Post, s.Today.AddDays(daysFromToday), true, null, s.UnitOfficer, s.Now));
    }

    [Fact]
    public void An_assigned_item_reports_completion_to_the_assigning_bureau_once_Art_22_para_1_item_3()
    {
        var s = Scenario.InState(PetitionState.Served);
        var p = s.Petition;
        s.Advance();

        p.ReportCompletion(" 已依政策发放补贴并送达 ", s.UnitOfficer, s.Now);

        Assert.Equal(PetitionState.Served, p.State);
        Assert.True(p.CompletionReported);
        Assert.Equal(s.Today, Expect.Clock(p, DeadlineKind.AssignedReport).MetOn);
        var entry = Expect.LastEntry(p, PetitionAction.ReportCompletion, PetitionState.Served, PetitionState.Served, s.UnitOfficer, "向交办机关报送办结报告");
        var report = Expect.DocumentOf(p, entry, DocumentKind.CompletionReport);
        Assert.Equal("已依政策发放补贴并送达", report.Body);
        Assert.False(report.AddressedToPetitioner);

        Expect.Refused("already-reported", p, () => p.ReportCompletion("再报一次", s.UnitOfficer, s.Now));
    }

    [Fact]
    public void A_forwarded_item_owes_no_completion_report()
    {
        var s = Scenario.New().Register().Forward().Accept().ChooseRoute().Decide().Serve();

        Expect.Refused("not-assigned", s.Petition, () => s.Petition.ReportCompletion("已办结", s.UnitOfficer, s.Now));
    }

    [Fact]
    public void The_petitioner_rates_the_bureau_and_the_unit_separately_once_each_domain_8()
    {
        var s = Scenario.InState(PetitionState.Served);
        var p = s.Petition;
        s.Advance();

        p.Rate(Satisfaction.Satisfied, null, null, null, s.PetitionerActor, s.Now);

        Assert.Equal(Satisfaction.Satisfied, p.BureauRating);
        Assert.Null(p.UnitRating);
        Assert.True(Expect.Clock(p, DeadlineKind.Rating).IsOpen);
        Expect.LastEntry(p, PetitionAction.Rate, PetitionState.Served, PetitionState.Served, s.PetitionerActor, "信访部门满意");

        Expect.Refused("already-rated", p, () => p.Rate(Satisfaction.Dissatisfied, "慢", null, null, s.PetitionerActor, s.Now));
        Expect.Refused("dissatisfied-needs-reason", p, () => p.Rate(null, null, Satisfaction.Dissatisfied, " ", s.PetitionerActor, s.Now));

        p.Rate(null, null, Satisfaction.Dissatisfied, " 补贴金额偏低 ", s.PetitionerActor, s.Now);

        Assert.Equal(Satisfaction.Dissatisfied, p.UnitRating);
        Assert.Equal("补贴金额偏低", p.UnitRatingReason);
        Assert.Equal(s.Today, p.RatedOn);
        Assert.Equal(s.Today, Expect.Clock(p, DeadlineKind.Rating).MetOn);
        Expect.LastEntry(p, PetitionAction.Rate, PetitionState.Served, PetitionState.Served, s.PetitionerActor, "责任单位不满意");
        Expect.Refused("already-rated", p, () => p.Rate(null, null, Satisfaction.Satisfied, null, s.PetitionerActor, s.Now));
    }

    [Fact]
    public void A_rating_must_rate_something()
    {
        var s = Scenario.InState(PetitionState.Served);

        Expect.Refused("rating-empty", s.Petition, () => s.Petition.Rate(null, null, null, null, s.PetitionerActor, s.Now));
    }

    [Fact]
    public void Both_ratings_at_once_read_as_one_history_line()
    {
        var s = Scenario.InState(PetitionState.Served);

        s.Petition.Rate(Satisfaction.BasicallySatisfied, null, Satisfaction.Satisfied, null, s.PetitionerActor, s.Now);

        Expect.LastEntry(s.Petition, PetitionAction.Rate, PetitionState.Served, PetitionState.Served, s.PetitionerActor, "信访部门基本满意，责任单位满意");
    }

    [Fact]
    public void The_rating_window_closes_30_days_after_service()
    {
        var s = DecidedBeforeMarch10();
        var p = s.Petition;
        p.Serve(ServiceMethod.InPerson, s.Today, true, null, s.UnitOfficer, s.Now);
        s.At(new DateOnly(2026, 4, 10));

        var violation = Expect.Refused("rating-window-closed", p, () => p.Rate(Satisfaction.Satisfied, null, Satisfaction.Satisfied, null, s.PetitionerActor, s.Now));

        Assert.Contains("2026-04-09", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_late_notice_of_receipt_does_not_make_the_handling_opinion_overdue()
    {
        // Received 10 March, assigned 11 March (notice due 26 March, never given), accepted 12 March (handling due 11 May).
        var s = Scenario.InState(PetitionState.Handling);
        var p = s.Petition;
        var april1 = new DateOnly(2026, 4, 1);

        Assert.True(Expect.Clock(p, DeadlineKind.NoticeOfReceipt).IsOverdueOn(april1));
        Assert.True(p.IsOverdueOn(april1));
        Assert.Equal(NationalState.受理, p.NationalStateOn(april1));
        Assert.Equal(NationalState.超期未作出处理意见, p.NationalStateOn(new DateOnly(2026, 5, 12)));
    }
}
