using Xinfang.Domain.CoHandling;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.CoHandling;

/// <summary>
/// 主办/协办 (issue 14): the lead unit keeps the 60-day handling period and the answer (条例 Art. 34, Art. 32), so a 协办
/// deadline is never later than the item's; never the accused body as 协办 (Art. 30 ¶3); every step in the item's history.
/// </summary>
public sealed class CoHandlingTaskTests
{
    private static CoHandlingTask Name(Scenario s, DateOnly? dueOn = null, Guid? unit = null, bool alreadyOpen = false) =>
        CoHandlingTask.Name(Guid.NewGuid(), s.Petition, unit ?? s.PoliticalLegal.Id, "杭州市委政法委员会", "杭州市住房和城乡建设局", s.Tree, alreadyOpen,
            "  核实信访人所述拆迁补偿标准  ", dueOn ?? s.Today.AddDays(10), s.BureauOfficer, s.Now);

    [Fact]
    public void A_named_task_is_open_and_written_into_the_items_history()
    {
        var s = Scenario.InState(PetitionState.Handling);
        var before = s.Petition.History.Count;

        var t = Name(s);

        Assert.Equal("核实信访人所述拆迁补偿标准", t.Task);
        Assert.Equal(CoHandlingStatus.Open, t.Status);
        Assert.Equal(s.Petition.Id, t.ActiveKey);
        Assert.Equal(s.Unit.Id, t.LeadOrganizationId);
        Assert.Equal(before + 1, s.Petition.History.Count);
        Assert.Equal(Petition.CoHandlingAction, s.Petition.History[^1].Action);
        Assert.Contains("确定协办单位", s.Petition.History[^1].Summary, StringComparison.Ordinal);
        // Staff-only: the petitioner's view never shows 协办 steps.
        Assert.Null(s.Petition.History[^1].PetitionerSummary);
    }

    [Fact]
    public void Art_34_the_deadline_is_not_later_than_the_lead_units_60_day_handling_period()
    {
        // Forwarded (no 交办 report deadline): the 60-day clock runs from 受理.
        var s = Scenario.New().Register().Forward().Accept();
        var handling = s.Petition.Deadlines.Single(d => d.Kind == DeadlineKind.Handling && d.IsOpen).DueOn;

        Assert.Equal(handling, CoHandlingTask.LatestDueOn(s.Petition, s.Today));
        var e = Assert.Throws<DomainRuleViolation>(() => Name(s, handling.AddDays(1)));
        Assert.Equal("dueOn", e.Field);
        Assert.Contains("第三十四条", e.Message, StringComparison.Ordinal);
        Assert.Equal(handling, Name(s, handling).DueOn);
    }

    [Fact]
    public void Art_22_an_assigned_items_report_deadline_bounds_the_task_when_earlier()
    {
        var s = Scenario.New().Register().Assign(reportWithinDays: 30).Accept();
        var report = s.Petition.Deadlines.Single(d => d.Kind == DeadlineKind.AssignedReport && d.IsOpen).DueOn;

        Assert.True(report < s.Petition.Deadlines.Single(d => d.Kind == DeadlineKind.Handling && d.IsOpen).DueOn);
        Assert.Equal(report, CoHandlingTask.LatestDueOn(s.Petition, s.Today));
    }

    [Fact]
    public void Art_34_before_acceptance_the_bound_is_60_days_from_today()
    {
        var s = Scenario.New().Register().Forward();

        Assert.Equal(s.Today.AddDays(60), CoHandlingTask.LatestDueOn(s.Petition, s.Today));
        Assert.Equal("dueOn", Assert.Throws<DomainRuleViolation>(() => Name(s, s.Today.AddDays(61))).Field);
        Assert.Equal("dueOn", Assert.Throws<DomainRuleViolation>(() => Name(s, s.Today.AddDays(-1))).Field);
    }

    [Fact]
    public void Art_30_an_accusation_is_never_given_to_the_accused_body_as_co_handler()
    {
        var s = Scenario.New();
        s.Register(s.Letter() with
        {
            Title = "举报某单位违规审批",
            Category = PetitionCategory.Accusation,
            Purpose = PetitionPurpose.Accusation,
            Accused = "某干部",
            AccusedOrganizationId = s.PoliticalLegal.Id,
        }).Forward(s.Discipline);

        var e = Assert.Throws<DomainRuleViolation>(() => Name(s, unit: s.PoliticalLegal.Id));

        Assert.Equal("accusation-to-accused", e.Code);
        Assert.Equal(AccusationRules.NotToAccused, e.Message);
    }

    [Fact]
    public void The_lead_unit_is_not_its_own_co_handler_and_a_unit_has_one_open_task_per_item()
    {
        var s = Scenario.InState(PetitionState.Handling);

        Assert.Equal("lead-as-co-handler", Assert.Throws<DomainRuleViolation>(() => Name(s, unit: s.Unit.Id)).Code);
        Assert.Equal("already-co-handling", Assert.Throws<DomainRuleViolation>(() => Name(s, alreadyOpen: true)).Code);
    }

    [Fact]
    public void Feedback_then_done_closes_the_task_on_time_and_every_step_is_in_the_history()
    {
        var s = Scenario.InState(PetitionState.Handling);
        var t = Name(s);
        var officer = new Actor("u-pl", "周协办", s.PoliticalLegal.Id);

        Assert.Equal("no-feedback", Assert.Throws<DomainRuleViolation>(() => t.MarkDone(s.Petition, officer, s.Now)).Code);
        t.RecordFeedback(s.Petition, "经核实，补偿标准符合规定。", officer, s.Now);
        t.MarkDone(s.Petition, officer, s.Now);

        Assert.Equal(CoHandlingStatus.Done, t.Status);
        Assert.Null(t.ActiveKey);
        Assert.True(t.DoneOnTime);
        Assert.False(t.HoldsTheAnswer);
        Assert.Equal(3, s.Petition.History.Count(h => h.Action == Petition.CoHandlingAction));
        Assert.Equal("task-closed", Assert.Throws<DomainRuleViolation>(() => t.RecordFeedback(s.Petition, "再补充", officer, s.Now)).Code);
    }

    [Fact]
    public void A_task_done_after_its_deadline_is_late_and_overdue_while_open()
    {
        var s = Scenario.InState(PetitionState.Handling);
        var t = Name(s, s.Today.AddDays(2));
        var officer = new Actor("u-pl", "周协办", s.PoliticalLegal.Id);

        Assert.False(t.IsOverdueOn(s.Today.AddDays(2)));
        Assert.True(t.IsOverdueOn(s.Today.AddDays(3)));
        s.Advance(3);
        t.RecordFeedback(s.Petition, "意见", officer, s.Now);
        t.MarkDone(s.Petition, officer, s.Now);

        Assert.False(t.DoneOnTime);
        Assert.False(t.IsOverdueOn(s.Today));
        Assert.Contains("逾期", s.Petition.History[^1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_task_holds_the_answer_until_the_lead_unit_records_why_it_goes_ahead()
    {
        var s = Scenario.InState(PetitionState.Handling);
        var t = Name(s);

        Assert.True(t.HoldsTheAnswer);
        t.LeadProceeds(s.Petition, "协办单位逾期未反馈，主办单位已自行核实", s.UnitOfficer, s.Now);

        Assert.False(t.HoldsTheAnswer);
        Assert.True(t.IsOpen);
        Assert.Equal("already-recorded", Assert.Throws<DomainRuleViolation>(() => t.LeadProceeds(s.Petition, "再说", s.UnitOfficer, s.Now)).Code);
    }

    [Fact]
    public void A_withdrawn_task_is_closed_and_needs_a_reason()
    {
        var s = Scenario.InState(PetitionState.Handling);
        var t = Name(s);

        Assert.Equal("reason", Assert.Throws<DomainRuleViolation>(() => t.Withdraw(s.Petition, " ", s.BureauOfficer, s.Now)).Field);
        t.Withdraw(s.Petition, "事项不涉及该单位职责", s.BureauOfficer, s.Now);

        Assert.Equal(CoHandlingStatus.Withdrawn, t.Status);
        Assert.Null(t.ActiveKey);
        Assert.Null(t.DoneOnTime);
    }

    [Fact]
    public void A_finished_item_gets_no_co_handler()
    {
        var s = Scenario.InState(PetitionState.Closed);

        Assert.Equal("item-finished", Assert.Throws<DomainRuleViolation>(() => Name(s)).Code);
    }
}
