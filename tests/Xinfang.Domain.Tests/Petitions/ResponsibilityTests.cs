using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>首办责任人 (首办负责制, 条例 Art. 34; issue 13): one named officer of the holding body, changed with history, not carried to another body.</summary>
public sealed class ResponsibilityTests
{
    [Fact]
    public void The_holding_body_names_an_officer_and_a_change_keeps_both_names_in_the_history()
    {
        var s = Scenario.InState(PetitionState.Forwarded);
        var p = s.Petition;
        Assert.Null(p.CurrentResponsibleUserId);

        p.NameResponsibleOfficer(s.UnitOfficer.UserId, s.UnitOfficer.Name, s.Unit.Id, s.UnitHead, s.Now);
        Assert.Equal(s.UnitOfficer.UserId, p.CurrentResponsibleUserId);
        Assert.Equal($"确定首办责任人：{s.UnitOfficer.Name}", p.History[^1].Summary);

        p.NameResponsibleOfficer(s.UnitHead.UserId, s.UnitHead.Name, s.Unit.Id, s.UnitHead, s.Now);
        Assert.Equal(s.UnitHead.Name, p.CurrentResponsibleName);
        Assert.Equal($"变更首办责任人：{s.UnitOfficer.Name} → {s.UnitHead.Name}", p.History[^1].Summary);
        Assert.Equal("ResponsibleOfficer", p.History[^1].Action);
    }

    [Fact]
    public void Only_a_staff_member_of_the_holding_body_can_be_named()
    {
        var s = Scenario.InState(PetitionState.Forwarded);

        var e = Assert.Throws<DomainRuleViolation>(() => s.Petition.NameResponsibleOfficer(s.Registrar.UserId, s.Registrar.Name, s.CityBureau.Id, s.UnitHead, s.Now));

        Assert.Equal("officer-not-of-holder", e.Code);
        Assert.Null(s.Petition.CurrentResponsibleUserId);
    }

    [Fact]
    public void The_same_officer_again_and_a_recused_officer_are_refused()
    {
        var s = Scenario.InState(PetitionState.Forwarded);
        var p = s.Petition;
        p.NameResponsibleOfficer(s.UnitOfficer.UserId, s.UnitOfficer.Name, s.Unit.Id, s.UnitHead, s.Now);

        Assert.Equal("officer-unchanged", Assert.Throws<DomainRuleViolation>(() => p.NameResponsibleOfficer(s.UnitOfficer.UserId, s.UnitOfficer.Name, s.Unit.Id, s.UnitHead, s.Now)).Code);

        p.RecordRecusal(s.UnitHead.UserId, s.UnitHead.Name, "亲属关系", s.UnitHead, s.Now);
        Assert.Equal("officer-recused", Assert.Throws<DomainRuleViolation>(() => p.NameResponsibleOfficer(s.UnitHead.UserId, s.UnitHead.Name, s.Unit.Id, s.UnitOfficer, s.Now)).Code);
    }

    [Fact]
    public void Moving_the_item_to_another_body_leaves_nobody_named_there()
    {
        var s = Scenario.InState(PetitionState.Registered);
        var p = s.Petition;
        p.NameResponsibleOfficer(s.Registrar.UserId, s.Registrar.Name, p.CurrentOrganizationId, s.Registrar, s.Now);
        Assert.NotNull(p.CurrentResponsibleUserId);

        s.Forward();

        Assert.Equal(s.Unit.Id, p.CurrentOrganizationId);
        Assert.Null(p.CurrentResponsibleUserId);
        Assert.Null(p.CurrentResponsibleName);
    }
}
