using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>
/// 条例 Art. 30 ¶3: accusation material never goes to the accused body or a body under it. "Under"
/// is the accused body's subtree; the bodies above it (who handle accusations against lower units)
/// and beside it may receive the item.
/// </summary>
public sealed class AccusationTests
{
    /// <summary>杭州市人民政府 (the scenario's reviewer) ▸ 西湖区人民政府 (accused) ▸ 北山街道办事处; 杭州市住建局 beside.</summary>
    private sealed record World(Scenario S, Organization District, Organization Street, OrganizationTree Tree);

    private static World Build(PetitionState state = PetitionState.Registered)
    {
        var district = new Organization(Guid.NewGuid(), "330106ZF", "西湖区人民政府", "330106", OrganizationLevel.County, OrganizationKind.ResponsibleUnit, null);
        var s = Scenario.InState(state, s => Accusation(s, district.Id));
        // The district sits under the city government, the street office under the district.
        district = new Organization(district.Id, district.Code, district.Name, district.DivisionCode, district.Level, district.Kind, s.Reviewer.Id);
        var street = new Organization(Guid.NewGuid(), "330106001JD", "北山街道办事处", "330106001", OrganizationLevel.Township, OrganizationKind.ResponsibleUnit, district.Id);
        return new World(s, district, street, new OrganizationTree([s.CityBureau, s.Unit, s.PoliticalLegal, s.Discipline, s.Reviewer, s.ReReviewer, district, street]));
    }

    private static PetitionIntake Accusation(Scenario s, Guid? accused) => s.Letter() with
    {
        Title = "举报区政府某干部违规审批",
        Category = PetitionCategory.Accusation,
        Purpose = PetitionPurpose.Accusation,
        Accused = "某干部",
        AccusedOrganizationId = accused,
    };

    [Fact]
    public void An_accusation_is_registered_only_with_its_accused_body_Art_30_para_3()
    {
        var s = Scenario.New();

        var violation = Assert.Throws<DomainRuleViolation>(() => s.Register(Accusation(s, null)));

        Assert.Equal("accused-body-required", violation.Code);
        Assert.Contains("第三十条第三款", violation.Message, StringComparison.Ordinal);
        Assert.False(AccusationRules.NamesAccusedBody(PetitionCategory.Accusation, null));
        Assert.True(AccusationRules.NamesAccusedBody(PetitionCategory.AppealOrDemand, null));
    }

    [Fact]
    public void It_is_never_forwarded_or_assigned_to_the_accused_body_or_a_body_under_it()
    {
        foreach (var target in new Func<World, Organization>[] { w => w.District, w => w.Street })
        {
            var w = Build();
            var p = w.S.Petition;
            var to = target(w);

            var forward = Expect.Refused("accusation-to-accused", p, () => p.Forward(to, w.Tree, null, w.S.BureauOfficer, w.S.Now));
            Expect.Refused("accusation-to-accused", p, () => p.Assign(to, w.Tree, w.S.Today.AddDays(30), null, w.S.BureauOfficer, w.S.Now));

            Assert.Contains("第三十条第三款", forward.Message, StringComparison.Ordinal);
            Assert.Equal("accusation-to-accused", p.RoutingRefusal(to, w.Tree)?.Code);
        }
    }

    [Fact]
    public void The_body_above_the_accused_and_a_body_beside_it_may_receive_it()
    {
        var w = Build();

        Assert.Null(w.S.Petition.RoutingRefusal(w.S.Reviewer, w.Tree));
        Assert.Null(w.S.Petition.RoutingRefusal(w.S.Unit, w.Tree));
        w.S.Petition.Forward(w.S.Reviewer, w.Tree, null, w.S.BureauOfficer, w.S.Now);

        Assert.Equal(w.S.Reviewer.Id, w.S.Petition.CurrentOrganizationId);
    }

    [Fact]
    public void The_rule_covers_the_accused_subtree_only()
    {
        var w = Build();
        var p = w.S.Petition;

        Assert.True(p.IsKeptFrom(w.District.Id, w.Tree));
        Assert.True(p.IsKeptFrom(w.Street.Id, w.Tree));
        Assert.False(p.IsKeptFrom(w.S.Reviewer.Id, w.Tree));
        Assert.False(p.IsKeptFrom(w.S.CityBureau.Id, w.Tree));
        Assert.False(p.IsKeptFrom(w.S.Unit.Id, w.Tree));
    }

    [Fact]
    public void A_review_of_an_accusation_is_not_asked_of_the_accused_body_or_a_body_under_it()
    {
        var w = Build(PetitionState.Served);
        var p = w.S.Petition;

        Expect.Refused("accusation-to-accused", p, () => p.RequestReview(w.Street, w.Tree, "不服处理意见", w.S.PetitionerActor, w.S.Now));
        Expect.Refused("accusation-to-accused", p, () => p.RequestReview(w.District, w.Tree, "不服处理意见", w.S.PetitionerActor, w.S.Now));
        p.RequestReview(w.S.Reviewer, w.Tree, "不服处理意见", w.S.PetitionerActor, w.S.Now);

        Assert.Equal(PetitionState.UnderReview, p.State);
    }

    [Fact]
    public void A_body_merged_into_another_receives_nothing_any_more()
    {
        var s = Scenario.New().Register();
        var successor = new Organization(Guid.NewGuid(), "330106NEW", "承接单位", s.Unit.DivisionCode, s.Unit.Level, s.Unit.Kind, s.Unit.ParentId);
        var tree = new OrganizationTree([s.CityBureau, s.Unit, successor]);
        Assert.Null(s.Petition.RoutingRefusal(s.Unit, tree));

        s.Unit.MergeInto(successor, s.Today, new HashSet<Guid> { s.Unit.Id });

        Assert.Equal("target-merged", s.Petition.RoutingRefusal(s.Unit, tree)?.Code);
        Expect.Refused("target-merged", s.Petition, () => s.Petition.Forward(s.Unit, tree, null, s.BureauOfficer, s.Now));
        Assert.Null(s.Petition.RoutingRefusal(successor, tree));
    }

    [Fact]
    public void Other_categories_go_anywhere_the_other_rules_allow()
    {
        var s = Scenario.New().Register();
        var tree = new OrganizationTree([s.CityBureau, s.Unit]);

        Assert.False(s.Petition.IsKeptFrom(s.Unit.Id, tree));
        Assert.Null(s.Petition.RoutingRefusal(s.Unit, tree));
    }
}
