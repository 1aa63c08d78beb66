using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

public sealed class AcceptanceRulesTests
{
    private static readonly Organization Province = new(Guid.NewGuid(), "330000XFJ", "浙江省信访局", "330000", OrganizationLevel.Province, OrganizationKind.PetitionBureau, null);
    private static readonly Organization City = new(Guid.NewGuid(), "330100XFJ", "杭州市信访局", "330100", OrganizationLevel.City, OrganizationKind.PetitionBureau, Province.Id);
    private static readonly Organization County = new(Guid.NewGuid(), "330106XFJ", "西湖区信访局", "330106", OrganizationLevel.County, OrganizationKind.PetitionBureau, City.Id);

    private static PetitionIntake Visit(string? location = "330106", bool litigation = false) =>
        Scenario.New().Letter() with { Form = PetitionForm.Visit, IssueLocationCode = location, LitigationRelated = litigation };

    private static EarlierItem Earlier(PetitionState state, bool reReviewed = false, bool overdue = false) =>
        new(Guid.NewGuid(), "330106XFJ-2026-000007", state, reReviewed, overdue, OrganizationLevel.County, "西湖区住房和城乡建设局");

    [Fact]
    public void A_matter_being_handled_below_and_raised_again_above_within_its_period_is_declined_Art_19()
    {
        var finding = AcceptanceRules.Check(Scenario.New().Letter(), City, Earlier(PetitionState.Handling));
        Assert.NotNull(finding);
        Assert.Equal(PetitionAction.Decline, finding.Outcome);
        Assert.Equal(DeclineRule.AlreadyBeingHandled, finding.Rule);
        Assert.Contains("西湖区住房和城乡建设局", finding.WhereToGo, StringComparison.Ordinal);
        Assert.Contains("330106XFJ-2026-000007", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_matter_raised_at_the_same_level_or_after_its_period_is_not_caught_by_Art_19()
    {
        Assert.Null(AcceptanceRules.Check(Scenario.New().Letter(), County, Earlier(PetitionState.Handling)));
        Assert.Null(AcceptanceRules.Check(Scenario.New().Letter(), City, Earlier(PetitionState.Handling, overdue: true)));
        Assert.Null(AcceptanceRules.Check(Scenario.New().Letter(), City, Earlier(PetitionState.Served)));
    }

    [Fact]
    public void After_re_review_the_same_matter_is_refused_again_everywhere_Art_36()
    {
        foreach (var org in new[] { County, City, Province })
        {
            var finding = AcceptanceRules.Check(Scenario.New().Letter(), org, Earlier(PetitionState.Closed, reReviewed: true));
            Assert.Equal(PetitionAction.RefuseAgain, finding!.Outcome);
            Assert.Equal(DeclineRule.AfterReReview, finding.Rule);
        }
    }

    [Theory]
    [InlineData("330106", OrganizationLevel.Province, true)]   // county problem at the province: skips the city
    [InlineData("330106", OrganizationLevel.City, false)]      // one level up: allowed (Art. 20 ¶1)
    [InlineData("330106", OrganizationLevel.County, false)]
    [InlineData("330106001", OrganizationLevel.City, true)]    // township problem at the city
    [InlineData("330106001", OrganizationLevel.County, false)]
    [InlineData("330100", OrganizationLevel.Province, false)]
    public void A_visit_that_skips_levels_is_declined_and_told_where_to_go_Art_20(string location, OrganizationLevel at, bool skipped)
    {
        var org = at switch { OrganizationLevel.Province => Province, OrganizationLevel.City => City, _ => County };
        var finding = AcceptanceRules.Check(Visit(location), org, null);
        if (skipped)
        {
            Assert.Equal(DeclineRule.SkippedLevelVisit, finding!.Rule);
            Assert.Contains("接待场所", finding.WhereToGo, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(finding);
        }
    }

    [Fact]
    public void A_letter_never_counts_as_a_skip_level_visit()
    {
        Assert.Null(AcceptanceRules.Check(Visit() with { Form = PetitionForm.Letter }, Province, null));
    }

    [Fact]
    public void A_litigation_related_visitor_is_guided_to_political_legal_Art_20()
    {
        var finding = AcceptanceRules.Check(Visit(litigation: true), County, null);
        Assert.Equal(PetitionAction.GuideToPoliticalLegal, finding!.Outcome);
        Assert.Null(finding.Rule);
    }

    [Theory]
    [InlineData("330000", OrganizationLevel.Province)]
    [InlineData("330100", OrganizationLevel.City)]
    [InlineData("330106", OrganizationLevel.County)]
    [InlineData("330106001", OrganizationLevel.Township)]
    public void Division_codes_tell_their_level(string code, OrganizationLevel level) =>
        Assert.Equal(level, AcceptanceRules.LevelOf(code));
}
