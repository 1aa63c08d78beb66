using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;
using static Xinfang.Domain.Tests.Supervision.SupervisionFixtures;

namespace Xinfang.Domain.Tests.Supervision;

/// <summary>建议 (条例 Art. 40 ¶1–4): improve the work, improve a policy, pursue accountability; adoption reported in writing.</summary>
public sealed class RecommendationTests
{
    private static Recommendation Issue(
        RecommendationKind kind = RecommendationKind.ImproveWork,
        AccountabilitySubject? subject = null,
        string? subjectName = null,
        string? consequences = null,
        Guid? to = null) =>
        Recommendation.Issue(Guid.NewGuid(), kind, "建议建立物业收费投诉快速处理机制", to ?? Unit, null, null, subject, subjectName, consequences,
            Supervisor, DeadlinePolicy.National, WorkingCalendar.MondayToFriday, Now);

    [Theory]
    [InlineData(RecommendationKind.ImproveWork)]   // ¶1
    [InlineData(RecommendationKind.ImprovePolicy)] // ¶2
    public void Work_and_policy_recommendations_carry_a_feedback_deadline(RecommendationKind kind)
    {
        var r = Issue(kind);
        Assert.Equal(kind, r.Kind);
        Assert.Equal(D("2026-04-09"), r.FeedbackDueOn);
        Assert.Contains("建议提出", r.FeedbackExplanation, StringComparison.Ordinal);
        Assert.False(r.IsAnswered);
        Assert.True(r.IsOverdueOn(D("2026-04-10")));
    }

    [Fact]
    public void Accountability_names_the_unit_or_officer_and_the_serious_consequences_article_40_3()
    {
        var r = Issue(RecommendationKind.Accountability, AccountabilitySubject.Officer, "王某（科长）", "拖延办理致群体性上访");
        Assert.Equal(AccountabilitySubject.Officer, r.Subject);
        Assert.Equal("王某（科长）", r.SubjectName);

        Assert.Equal("recommendation.subject-required", Assert.Throws<DomainRuleViolation>(() => Issue(RecommendationKind.Accountability)).Code);
        Assert.Equal("supervision.subjectName-required", Assert.Throws<DomainRuleViolation>(() => Issue(RecommendationKind.Accountability, AccountabilitySubject.Unit, null, "后果")).Code);
        Assert.Equal("supervision.consequences-required", Assert.Throws<DomainRuleViolation>(() => Issue(RecommendationKind.Accountability, AccountabilitySubject.Unit, "某局", null)).Code);
        Assert.Equal("recommendation.subject-only-for-accountability", Assert.Throws<DomainRuleViolation>(() => Issue(RecommendationKind.ImproveWork, AccountabilitySubject.Unit, "某局", "后果")).Code);
    }

    [Fact]
    public void A_recommendation_goes_to_another_body()
    {
        Assert.Equal("recommendation.addressee-is-issuer", Assert.Throws<DomainRuleViolation>(() => Issue(to: Bureau)).Code);
    }

    [Theory]
    [InlineData(Adoption.Adopted)]
    [InlineData(Adoption.PartlyAdopted)]
    [InlineData(Adoption.NotAdopted)]
    public void The_addressee_reports_in_writing_whether_it_adopted_it_article_40_4(Adoption adoption)
    {
        var r = Issue();
        r.RecordAdoption(adoption, "已研究，情况如下", D("2026-03-30"), UnitOfficer, On("2026-03-30"));
        Assert.Equal(adoption, r.Adoption);
        Assert.True(r.IsAnswered);
        Assert.False(r.IsOverdueOn(D("2026-05-01")));
        Assert.Equal("recommendation.already-answered", Assert.Throws<DomainRuleViolation>(() => r.RecordAdoption(adoption, "再报", D("2026-03-31"), UnitOfficer, On("2026-03-31"))).Code);
    }

    [Fact]
    public void Not_adopting_states_why()
    {
        var r = Issue();
        var e = Assert.Throws<DomainRuleViolation>(() => r.RecordAdoption(Adoption.NotAdopted, "", D("2026-03-30"), UnitOfficer, On("2026-03-30")));
        Assert.Contains("未采纳的理由", e.Message, StringComparison.Ordinal);
        Assert.Equal("recommendation.feedback-in-future", Assert.Throws<DomainRuleViolation>(() => r.RecordAdoption(Adoption.Adopted, "x", D("2026-04-01"), UnitOfficer, On("2026-03-30"))).Code);
        Assert.Equal("recommendation.feedback-before-issue", Assert.Throws<DomainRuleViolation>(() => r.RecordAdoption(Adoption.Adopted, "x", D("2026-03-01"), UnitOfficer, On("2026-03-30"))).Code);
        Assert.Equal("recommendation.adoption-invalid", Assert.Throws<DomainRuleViolation>(() => r.RecordAdoption((Adoption)7, "x", D("2026-03-30"), UnitOfficer, On("2026-03-30"))).Code);
        Assert.False(r.IsAnswered);
    }

    [Fact]
    public void Late_adoption_feedback_is_kept_as_late()
    {
        var r = Issue();
        r.RecordAdoption(Adoption.Adopted, "已采纳", D("2026-04-10"), UnitOfficer, On("2026-04-10"));
        Assert.True(r.AnsweredLate);
    }
}
