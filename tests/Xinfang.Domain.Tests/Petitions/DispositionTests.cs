using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>The bureau's disposition within 15 days (条例 Art. 22) and where items must go (Art. 20 ¶2, 22 ¶2).</summary>
public sealed class DispositionTests
{
    [Fact]
    public void Forwarding_hands_the_item_to_the_unit_which_must_notify_within_15_days_and_may_object_within_5_working_days_Art_22_23()
    {
        var s = Scenario.New().Register().Forward(); // forwarded Wednesday 2026-03-11
        var p = s.Petition;

        Assert.Equal(PetitionState.Forwarded, p.State);
        Assert.Equal(s.Unit.Id, p.CurrentOrganizationId);
        Assert.Equal(s.CityBureau.Id, p.DispatchingOrganizationId);
        Assert.Equal(new DateOnly(2026, 3, 11), Expect.Clock(p, DeadlineKind.BureauDisposition).MetOn);
        Assert.Equal(new DateOnly(2026, 3, 26), Expect.Clock(p, DeadlineKind.NoticeOfReceipt).DueOn);
        var objection = Expect.Clock(p, DeadlineKind.ForwardObjection);
        Assert.Equal(new DateOnly(2026, 3, 18), objection.DueOn); // Thu, Fri, Mon, Tue, Wed
        // No 2026 holiday schedule is loaded in this scenario: counted Monday–Friday and marked provisional.
        Assert.True(objection.Provisional);
        Assert.Equal("责任单位收到 2026-03-11 + 5个工作日 = 2026-03-18（2026年节假日安排尚未载入，按周一至周五计算，为暂定期限）", objection.Explanation);
        var entry = Expect.LastEntry(p, PetitionAction.Forward, PetitionState.Registered, PetitionState.Forwarded, s.BureauOfficer, "转送杭州市住房和城乡建设局");
        Assert.Equal(2, entry.Sequence);
        var notice = Expect.DocumentOf(p, entry, DocumentKind.ForwardNotice);
        Assert.Equal("您的信访事项已转送杭州市住房和城乡建设局办理。", notice.Body);
        Assert.True(notice.AddressedToPetitioner);
        Assert.Equal(1, p.Version);
    }

    [Fact]
    public void A_litigation_letter_cannot_go_to_an_ordinary_unit_Art_22_para_2()
    {
        var s = Scenario.New();
        s.Register(s.Letter() with { LitigationRelated = true });

        var violation = Expect.Refused("litigation-letter-to-political-legal", s.Petition, () => s.Forward(s.Unit));

        Assert.Contains("政法", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_litigation_letter_goes_to_the_political_legal_body_which_notifies_under_its_own_rules_Art_22_para_2_Art_23_para_4()
    {
        var s = Scenario.New();
        s.Register(s.Letter() with { LitigationRelated = true }).Forward(s.PoliticalLegal);

        Assert.Equal(PetitionState.Forwarded, s.Petition.State);
        Assert.Equal(s.PoliticalLegal.Id, s.Petition.CurrentOrganizationId);
        Assert.DoesNotContain(s.Petition.Deadlines, d => d.IsOpen);
    }

    [Theory]
    [InlineData(OrganizationKind.PoliticalLegal)]
    [InlineData(OrganizationKind.ResponsibleUnit)]
    public void A_litigation_visit_is_never_forwarded_Art_20_para_2(OrganizationKind kind)
    {
        var s = Scenario.New();
        s.Register(s.LitigationVisit());
        var target = kind == OrganizationKind.PoliticalLegal ? s.PoliticalLegal : s.Unit;

        Expect.Refused("litigation-visit-not-forwarded", s.Petition, () => s.Forward(target));
        Expect.Refused("litigation-visit-not-forwarded", s.Petition, () => s.Assign(target));
    }

    [Fact]
    public void A_litigation_visitor_is_explained_the_law_and_guided_to_the_political_legal_bodies_Art_20_para_2()
    {
        var s = Scenario.InState(PetitionState.GuidedToPoliticalLegal);
        var p = s.Petition;

        Assert.Equal(PetitionState.GuidedToPoliticalLegal, p.State);
        Assert.Equal(NationalState.不予受理, p.NationalStateOn(s.Today));
        Assert.DoesNotContain(p.Deadlines, d => d.IsOpen);
        var entry = Expect.LastEntry(p, PetitionAction.GuideToPoliticalLegal, PetitionState.Registered, PetitionState.GuidedToPoliticalLegal, s.BureauOfficer, "释法明理，引导至杭州市中级人民法院");
        var notice = Expect.DocumentOf(p, entry, DocumentKind.GuidanceNotice);
        Assert.Equal("释法明理引导告知书", notice.Title);
        Assert.Equal("您反映的问题属于涉法涉诉事项，应当依照法律法规规定的程序向杭州市中级人民法院提出。当事人对生效判决不服的，可以依法申请再审。", notice.Body);
        Assert.True(notice.AddressedToPetitioner);
    }

    [Theory]
    [InlineData(PetitionForm.Letter, true)]
    [InlineData(PetitionForm.Visit, false)]
    public void Only_a_litigation_visit_is_guided_instead_of_forwarded(PetitionForm form, bool litigation)
    {
        var s = Scenario.New();
        s.Register(s.Letter() with { Form = form, LitigationRelated = litigation });

        Expect.Refused("guide-only-litigation-visits", s.Petition, () => s.GuideToPoliticalLegal());
    }

    [Fact]
    public void An_accusation_within_the_discipline_remit_must_go_to_discipline_inspection_Art_22_para_2()
    {
        var s = Scenario.New();
        s.Register(Accusation(s, withinRemit: true));

        Expect.Refused("accusation-to-discipline", s.Petition, () => s.Forward(s.Unit));
        s.Forward(s.Discipline);

        Assert.Equal(s.Discipline.Id, s.Petition.CurrentOrganizationId);
        Assert.Equal("某街道主任", s.Petition.Accused);
        Assert.DoesNotContain(s.Petition.Deadlines, d => d.IsOpen);
    }

    [Fact]
    public void An_accusation_outside_the_discipline_remit_goes_to_the_competent_unit()
    {
        var s = Scenario.New();
        s.Register(Accusation(s, withinRemit: false)).Forward(s.Unit);

        Assert.Equal(s.Unit.Id, s.Petition.CurrentOrganizationId);
    }

    [Fact]
    public void The_bureau_cannot_forward_to_itself()
    {
        var s = Scenario.New().Register();

        Expect.Refused("target-is-self", s.Petition, () => s.Forward(s.CityBureau));
    }

    [Fact]
    public void Assigning_sets_the_deadline_for_the_completion_report_Art_22_para_1_item_3()
    {
        var s = Scenario.New().Register().Assign(reportWithinDays: 20); // assigned 2026-03-11
        var p = s.Petition;

        Assert.Equal(PetitionState.Assigned, p.State);
        Assert.Equal(s.Unit.Id, p.CurrentOrganizationId);
        var report = Expect.Clock(p, DeadlineKind.AssignedReport);
        Assert.Equal(new DateOnly(2026, 3, 11), report.StartedOn);
        Assert.Equal(new DateOnly(2026, 3, 31), report.DueOn);
        var entry = Expect.LastEntry(p, PetitionAction.Assign, PetitionState.Registered, PetitionState.Assigned, s.BureauOfficer,
            "交办杭州市住房和城乡建设局，2026-03-31前报送办结报告（请按期报送办结报告）");
        Assert.Equal("您的信访事项已交由杭州市住房和城乡建设局办理。", Expect.DocumentOf(p, entry, DocumentKind.AssignmentNotice).Body);
    }

    [Fact]
    public void An_assignment_deadline_must_lie_in_the_future()
    {
        var s = Scenario.New().Register();

        Expect.Refused("assign-due-in-past", s.Petition, () => s.Assign(reportWithinDays: 0));
    }

    [Fact]
    public void The_bureau_may_answer_directly_with_a_written_reply()
    {
        var s = Scenario.New().Register().AnswerDirectly();
        var p = s.Petition;

        Assert.Equal(PetitionState.Decided, p.State);
        Assert.Equal(DecisionOutcome.Answered, p.DecisionOutcome);
        Assert.Equal(new DateOnly(2026, 3, 11), p.DecidedOn);
        Assert.Equal(s.CityBureau.Id, p.HandlingOrganizationId);
        Assert.Equal(new DateOnly(2026, 3, 11), Expect.Clock(p, DeadlineKind.BureauDisposition).MetOn);
        var entry = Expect.LastEntry(p, PetitionAction.AnswerDirectly, PetitionState.Registered, PetitionState.Decided, s.BureauOfficer, "直接答复");
        var doc = Expect.DocumentOf(p, entry, DocumentKind.Decision);
        Assert.Equal("信访事项答复意见", doc.Title);
        Assert.Equal("补贴将于本月底前发放到位。", doc.Body);
    }

    [Theory]
    [InlineData(DeclineRule.AlreadyBeingHandled, "第十九条第三款")]
    [InlineData(DeclineRule.SkippedLevelVisit, "第二十条")]
    [InlineData(DeclineRule.NotCompetent, "第二十三条第一款")]
    public void Declining_is_a_recorded_outcome_with_a_notice_naming_the_rule_the_reason_and_where_to_go(DeclineRule rule, string article)
    {
        var s = Scenario.New().Register();
        var p = s.Petition;
        s.Advance();

        p.Decline(rule, " 已由区信访局受理办理中 ", "西湖区信访局", s.BureauOfficer, s.Now);

        Assert.Equal(PetitionState.Declined, p.State);
        Assert.Equal(NationalState.不予受理, p.NationalStateOn(s.Today));
        Assert.DoesNotContain(p.Deadlines, d => d.IsOpen);
        Assert.Equal(new DateOnly(2026, 3, 11), Expect.Clock(p, DeadlineKind.BureauDisposition).MetOn);
        var entry = Expect.LastEntry(p, PetitionAction.Decline, PetitionState.Registered, PetitionState.Declined, s.BureauOfficer, "不予受理：已由区信访局受理办理中");
        var notice = Expect.DocumentOf(p, entry, DocumentKind.DeclineNotice);
        Assert.Equal("不予受理告知书", notice.Title);
        Assert.True(notice.AddressedToPetitioner);
        Assert.Equal($"依据：{CodeNames.Of(rule)}。\n理由：已由区信访局受理办理中\n请向：西湖区信访局", notice.Body);
        Assert.Contains(article, notice.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusing_again_after_re_review_carries_a_notice_citing_Art_36_para_3()
    {
        var s = Scenario.New().Register().RefuseAgain();
        var p = s.Petition;

        Assert.Equal(PetitionState.RefusedAgain, p.State);
        Assert.Equal(NationalState.不再受理, p.NationalStateOn(s.Today));
        var entry = Expect.LastEntry(p, PetitionAction.RefuseAgain, PetitionState.Registered, PetitionState.RefusedAgain, s.BureauOfficer, $"不再受理：同一事实和理由已经复核（初件编号{s.ReReviewedEarlier.Number}）");
        var notice = Expect.DocumentOf(p, entry, DocumentKind.RefuseAgainNotice);
        Assert.Equal("不再受理告知书", notice.Title);
        Assert.Contains("第三十六条第三款", notice.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_may_decline_an_item_it_was_forwarded_on_a_rule_other_than_competence()
    {
        var s = Scenario.New().Register().Forward();
        s.Advance();

        // Not competent is an objection (Art. 23 ¶3, RightsTests); Art. 19 ¶3 is the unit's to apply.
        s.Petition.Decline(DeclineRule.AlreadyBeingHandled, "同一事项已由区住建局受理并在办理期限内", "区住建局", s.UnitOfficer, s.Now);

        Assert.Equal(PetitionState.Declined, s.Petition.State);
        Assert.DoesNotContain(s.Petition.Deadlines, d => d.IsOpen);
    }

    [Theory]
    [InlineData("", "西湖区信访局", "reason-required")]
    [InlineData("理由", " ", "whereToGo-required")]
    public void A_decline_without_a_reason_or_a_place_to_go_is_malformed(string reason, string whereToGo, string code)
    {
        var s = Scenario.New().Register();

        Expect.Refused(code, s.Petition, () => s.Petition.Decline(DeclineRule.NotCompetent, reason, whereToGo, s.BureauOfficer, s.Now));
    }

    [Fact]
    public void Reporting_a_major_item_up_keeps_it_where_it_is_Art_22_25()
    {
        var s = Scenario.InState(PetitionState.Handling);
        var p = s.Petition;
        s.Advance();

        p.ReportUp("杭州市委、市政府", "涉及60户居民", s.BureauOfficer, s.Now);

        Assert.Equal(PetitionState.Handling, p.State);
        Assert.True(p.Urgent);
        Assert.True(p.ReportedUp);
        var entry = Expect.LastEntry(p, PetitionAction.ReportUp, PetitionState.Handling, PetitionState.Handling, s.BureauOfficer, "报告杭州市委、市政府");
        var report = Expect.DocumentOf(p, entry, DocumentKind.UrgentReport);
        Assert.Equal("报送杭州市委、市政府：涉及60户居民", report.Body);
        Assert.False(report.AddressedToPetitioner);
    }

    private static PetitionIntake Accusation(Scenario s, bool withinRemit) => s.Letter() with
    {
        Title = "反映某街道主任违规收受财物",
        Category = PetitionCategory.Accusation,
        Purpose = PetitionPurpose.Accusation,
        Accused = "某街道主任",
        AccusedOrganizationId = Guid.NewGuid(),
        WithinDisciplineRemit = withinRemit,
    };
}
