using Xinfang.Domain.Ownership;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Ownership;

/// <summary>改派 and 撤回 of a 包案 (issue 14): only while open, with a reason; the history of who owned it stays.</summary>
public sealed class OwnershipReassignWithdrawTests
{
    private static readonly Actor Leader = new("u-leader", "陈局长", Guid.NewGuid());
    private static readonly Actor Deputy = new("u-deputy", "黄副局长", Guid.NewGuid());

    private static (Scenario S, CaseOwnership O) Owned()
    {
        var s = Scenario.InState(PetitionState.Handling);
        return (s, CaseOwnership.Assign(Guid.NewGuid(), s.Petition, false, Leader, "三周内约见信访人", s.BureauOfficer, s.Now));
    }

    [Fact]
    public void A_reassignment_moves_the_ownership_and_keeps_who_owned_it_and_until_when()
    {
        var (s, o) = Owned();
        o.AddMilestone(Guid.NewGuid(), "约见信访人", s.Today.AddDays(5), s.Now);
        s.Advance(3);

        var h = o.Reassign(Guid.NewGuid(), Deputy, "  陈局长调任市里  ", s.BureauOfficer, s.Now);

        Assert.Equal(Deputy.UserId, o.LeaderId);
        Assert.Equal("黄副局长", o.LeaderName);
        Assert.Equal(Deputy.OrganizationId, o.LeaderOrganizationId);
        Assert.Equal(("u-leader", "陈局长", Leader.OrganizationId), (h.FromLeaderId, h.FromLeaderName, h.FromLeaderOrganizationId));
        Assert.Equal("陈局长调任市里", h.Reason);
        Assert.Equal(s.Today, h.On);
        Assert.Single(o.Milestones);
        Assert.True(o.IsOpen);
        Assert.Equal(s.Petition.Id, o.ActiveKey);
        // The new leader records as the owner; the plan and milestones carried over.
        o.AddNote(Guid.NewGuid(), s.Today, "已接手，约见信访人", Deputy, s.Now);
        Assert.Single(o.Notes);
    }

    [Fact]
    public void A_reassignment_needs_a_reason_and_another_leader()
    {
        var (s, o) = Owned();

        Assert.Equal("reason", Assert.Throws<DomainRuleViolation>(() => o.Reassign(Guid.NewGuid(), Deputy, " ", s.BureauOfficer, s.Now)).Field);
        Assert.Equal("same-leader", Assert.Throws<DomainRuleViolation>(() => o.Reassign(Guid.NewGuid(), Leader, "调整", s.BureauOfficer, s.Now)).Code);
        Assert.Empty(o.Handovers);
        Assert.Equal(Leader.UserId, o.LeaderId);
    }

    [Fact]
    public void A_withdrawal_closes_without_an_outcome_and_frees_the_item()
    {
        var (s, o) = Owned();

        o.Withdraw("误派：该事项已由市级领导包案", s.BureauOfficer, s.Now);

        Assert.False(o.IsOpen);
        Assert.True(o.IsWithdrawn);
        Assert.Null(o.Outcome);
        Assert.Null(o.ActiveKey);
        Assert.Equal(s.Today, o.WithdrawnOn);
        Assert.Equal("已撤回", o.StatusText);
        Assert.Equal("ownership-withdrawn", Assert.Throws<DomainRuleViolation>(() => o.AddNote(Guid.NewGuid(), s.Today, "进展", Leader, s.Now)).Code);
        Assert.Equal("ownership-withdrawn", Assert.Throws<DomainRuleViolation>(() => o.RecordOutcome(OwnershipOutcome.Resolved, s.Today, "化解", s.Now)).Code);
        Assert.Equal("ownership-withdrawn", Assert.Throws<DomainRuleViolation>(() => o.Reassign(Guid.NewGuid(), Deputy, "改派", s.BureauOfficer, s.Now)).Code);
        Assert.Equal("ownership-withdrawn", Assert.Throws<DomainRuleViolation>(() => o.Withdraw("再撤", s.BureauOfficer, s.Now)).Code);
        // Freed: the item may be owned again.
        Assert.True(CaseOwnership.Assign(Guid.NewGuid(), s.Petition, o.ActiveKey is not null, Deputy, "重新包案", s.BureauOfficer, s.Now).IsOpen);
    }

    [Fact]
    public void A_withdrawal_needs_a_reason()
    {
        var (s, o) = Owned();

        Assert.Equal("reason", Assert.Throws<DomainRuleViolation>(() => o.Withdraw("", s.BureauOfficer, s.Now)).Field);
        Assert.True(o.IsOpen);
    }

    [Theory]
    [InlineData(OwnershipOutcome.Resolved)]
    [InlineData(OwnershipOutcome.Unresolved)]
    public void One_with_an_outcome_is_neither_reassigned_nor_withdrawn(OwnershipOutcome outcome)
    {
        var (s, o) = Owned();
        o.RecordOutcome(outcome, s.Today, "办结", s.Now);

        Assert.Equal("ownership-closed", Assert.Throws<DomainRuleViolation>(() => o.Reassign(Guid.NewGuid(), Deputy, "改派", s.BureauOfficer, s.Now)).Code);
        Assert.Equal("ownership-closed", Assert.Throws<DomainRuleViolation>(() => o.Withdraw("撤回", s.BureauOfficer, s.Now)).Code);
        Assert.Equal(Leader.UserId, o.LeaderId);
        Assert.False(o.IsWithdrawn);
    }
}
