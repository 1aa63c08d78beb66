using Xinfang.Domain.Ownership;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Ownership;

/// <summary>领导包案 (条例 Art. 18 ¶2): one open ownership per item, dates bounded by the assignment and today, the outcome once.</summary>
public sealed class CaseOwnershipTests
{
    private static readonly Actor Leader = new("u-leader", "陈局长", Guid.NewGuid());

    private static (Scenario S, CaseOwnership O) Owned()
    {
        var s = Scenario.InState(PetitionState.Handling);
        return (s, CaseOwnership.Assign(Guid.NewGuid(), s.Petition, false, Leader, "  三周内约见信访人，会同住建局核实  ", s.BureauOfficer, s.Now));
    }

    [Fact]
    public void An_assignment_keeps_the_plan_and_is_open_on_the_item()
    {
        var (s, o) = Owned();

        Assert.Equal("三周内约见信访人，会同住建局核实", o.Plan);
        Assert.Equal(s.Petition.Id, o.ActiveKey);
        Assert.Equal(s.Today, o.AssignedOn);
        Assert.True(o.IsOpen);
        Assert.Equal("包案中", CaseOwnership.StatusName(o.Outcome));
    }

    [Fact]
    public void An_item_with_an_open_ownership_cannot_be_owned_again()
    {
        var s = Scenario.InState(PetitionState.Handling);

        var e = Assert.Throws<DomainRuleViolation>(() => CaseOwnership.Assign(Guid.NewGuid(), s.Petition, true, Leader, "方案", s.BureauOfficer, s.Now));

        Assert.Equal("already-owned", e.Code);
    }

    [Fact]
    public void A_plan_is_required()
    {
        var s = Scenario.InState(PetitionState.Handling);

        var e = Assert.Throws<DomainRuleViolation>(() => CaseOwnership.Assign(Guid.NewGuid(), s.Petition, false, Leader, "  ", s.BureauOfficer, s.Now));

        Assert.Equal("plan", e.Field);
    }

    [Fact]
    public void Milestone_dates_lie_between_the_assignment_and_the_horizon()
    {
        var (s, o) = Owned();

        Assert.Equal("dueOn", Assert.Throws<DomainRuleViolation>(() => o.AddMilestone(Guid.NewGuid(), "约见", s.Today.AddDays(-1))).Field);
        Assert.Equal("dueOn", Assert.Throws<DomainRuleViolation>(() => o.AddMilestone(Guid.NewGuid(), "约见", s.Today.AddDays(CaseOwnership.MilestoneHorizonDays + 1))).Field);
        var m = o.AddMilestone(Guid.NewGuid(), "约见信访人", s.Today.AddDays(CaseOwnership.MilestoneHorizonDays));

        Assert.Single(o.Milestones);
        Assert.Equal("doneOn", Assert.Throws<DomainRuleViolation>(() => o.CompleteMilestone(m.Id, s.Today.AddDays(1), s.Now)).Field);
        Assert.Equal("doneOn", Assert.Throws<DomainRuleViolation>(() => o.CompleteMilestone(m.Id, s.Today.AddDays(-1), s.Now)).Field);
        o.CompleteMilestone(m.Id, s.Today, s.Now);
        Assert.Equal(s.Today, m.DoneOn);
        Assert.Equal("milestone-done", Assert.Throws<DomainRuleViolation>(() => o.CompleteMilestone(m.Id, s.Today, s.Now)).Code);
    }

    [Fact]
    public void A_milestone_past_due_and_not_done_is_overdue()
    {
        var (s, o) = Owned();
        o.AddMilestone(Guid.NewGuid(), "约见", s.Today.AddDays(3));

        Assert.Equal(0, o.OverdueMilestonesOn(s.Today.AddDays(3)));
        Assert.Equal(1, o.OverdueMilestonesOn(s.Today.AddDays(4)));
    }

    [Fact]
    public void Notes_are_dated_between_the_assignment_and_today()
    {
        var (s, o) = Owned();

        Assert.Equal("notedOn", Assert.Throws<DomainRuleViolation>(() => o.AddNote(Guid.NewGuid(), s.Today.AddDays(1), "约见", Leader, s.Now)).Field);
        s.Advance(2);
        var note = o.AddNote(Guid.NewGuid(), s.Today.AddDays(-1), "已约见信访人", Leader, s.Now);

        Assert.Equal("陈局长", note.Author);
        Assert.Equal(s.Today.AddDays(-1), note.NotedOn);
    }

    [Fact]
    public void The_outcome_is_recorded_once_and_frees_the_item_for_a_new_ownership()
    {
        var (s, o) = Owned();
        s.Advance(5);

        o.RecordOutcome(OwnershipOutcome.Resolved, s.Today, "达成和解，信访人息诉", s.Now);

        Assert.False(o.IsOpen);
        Assert.Null(o.ActiveKey);
        Assert.Equal("已化解", CaseOwnership.StatusName(o.Outcome));
        Assert.Equal("outcome-recorded", Assert.Throws<DomainRuleViolation>(() => o.RecordOutcome(OwnershipOutcome.Unresolved, s.Today, "再记", s.Now)).Code);
        Assert.Equal("ownership-closed", Assert.Throws<DomainRuleViolation>(() => o.AddNote(Guid.NewGuid(), s.Today, "又一条", Leader, s.Now)).Code);
    }

    [Fact]
    public void The_outcome_date_is_not_in_the_future()
    {
        var (s, o) = Owned();

        var e = Assert.Throws<DomainRuleViolation>(() => o.RecordOutcome(OwnershipOutcome.Resolved, s.Today.AddDays(1), "化解", s.Now));

        Assert.Equal("outcomeOn", e.Field);
        Assert.True(o.IsOpen);
    }
}
