using Xinfang.Domain.Mediation;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Tests.Mediation;

/// <summary>
/// A recorded mediation outcome corrected with a reason (issue 14): the earlier outcome kept, the new one under the same
/// rule (条例 Art. 33), an agreement's number kept with its session, and no correction once the outcome is an item's
/// 化解情况 (the closed item changes only by 复查/复核, Arts. 35–36).
/// </summary>
public sealed class OutcomeCorrectionTests
{
    private static readonly Guid Body = Guid.NewGuid();
    private static readonly Actor Clerk = new("u-clerk", "王登记", Body);
    private static readonly Actor Other = new("u-other", "李办理", Body);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static MediationSession Agreed()
    {
        var s = MediationSession.Hold(Guid.NewGuid(), Body, MediationKind.People, null, new DateOnly(2026, 3, 9), "调解室", Clerk, Now);
        s.RecordOutcome(MediationOutcome.Agreed, "双方达成一致", AgreementKind.Mediation, "一、退还停车费。", 3, Clerk, Now);
        return s;
    }

    [Fact]
    public void A_correction_keeps_the_earlier_outcome_with_its_reason_and_the_agreements_number()
    {
        var s = Agreed();
        var later = Now.AddHours(2);
        s.CorrectOutcome(MediationOutcome.PartlyAgreed, "仅就退费达成一致", AgreementKind.Mediation, "一、退还停车费。", " 纸质协议书为部分达成，录入有误 ", 7, Other, later);

        Assert.Equal(MediationOutcome.PartlyAgreed, s.Outcome);
        Assert.Equal(("李办理", later), (s.OutcomeBy, s.OutcomeAt));
        // The number stays with the document: the sequence offered (7) is not used.
        Assert.Equal("〔2026〕第3号", s.AgreementNumber);
        var before = Assert.Single(s.Corrections);
        Assert.Equal(new MediationOutcomeRecord(MediationOutcome.Agreed, "双方达成一致", AgreementKind.Mediation, "一、退还停车费。", "〔2026〕第3号", "王登记", Now,
            "纸质协议书为部分达成，录入有误", "李办理", later), before);
    }

    [Fact]
    public void An_agreement_corrected_away_keeps_its_number_for_the_session_and_gets_it_back()
    {
        var s = Agreed();
        s.CorrectOutcome(MediationOutcome.NotAgreed, "当事人未签字", null, null, "协议未经双方签字", 8, Clerk, Now);
        Assert.False(s.HasAgreement);
        Assert.Null(s.AgreementNumber);
        Assert.Null(s.AgreementTerms);
        Assert.Equal(3, s.AgreementSequence); // reserved: never given to another agreement

        s.CorrectOutcome(MediationOutcome.Agreed, "已补签", AgreementKind.Settlement, "一、退还停车费。", "双方已补签", 9, Clerk, Now);
        Assert.Equal("〔2026〕第3号", s.AgreementNumber);
        Assert.Equal(AgreementKind.Settlement, s.AgreementKind);
        Assert.Equal([MediationOutcome.Agreed, MediationOutcome.NotAgreed], s.Corrections.Select(c => c.Outcome));
        Assert.Null(s.Corrections[1].AgreementNumber);
    }

    [Fact]
    public void A_session_without_an_agreement_gets_a_new_number_when_the_correction_finds_one()
    {
        var s = MediationSession.Hold(Guid.NewGuid(), Body, MediationKind.Administrative, null, new DateOnly(2026, 3, 9), "调解室", Clerk, Now);
        s.RecordOutcome(MediationOutcome.NotAgreed, "分歧较大", null, null, 1, Clerk, Now);
        s.CorrectOutcome(MediationOutcome.Agreed, "达成一致", AgreementKind.Mediation, "一、夜间停工。", "录入时选错结果", 5, Clerk, Now);
        Assert.Equal("〔2026〕第5号", s.AgreementNumber);
    }

    [Fact]
    public void The_corrected_outcome_obeys_Art_33_and_a_refused_correction_changes_nothing()
    {
        var s = Agreed();
        var e = Assert.Throws<DomainRuleViolation>(() => s.CorrectOutcome(MediationOutcome.PartlyAgreed, "部分一致", null, null, "录入有误", 4, Clerk, Now));
        Assert.Equal("agreementKind", e.Field);
        Assert.Contains("第三十三条", e.Message, StringComparison.Ordinal);
        Assert.Equal("agreementKind", Assert.Throws<DomainRuleViolation>(() => s.CorrectOutcome(MediationOutcome.NotAgreed, "未达成", AgreementKind.Mediation, "条款", "录入有误", 4, Clerk, Now)).Field);
        Assert.Equal("reason", Assert.Throws<DomainRuleViolation>(() => s.CorrectOutcome(MediationOutcome.NotAgreed, "未达成", null, null, " ", 4, Clerk, Now)).Field);
        Assert.Equal("outcome", Assert.Throws<DomainRuleViolation>(() => s.CorrectOutcome(MediationOutcome.Agreed, "双方达成一致", AgreementKind.Mediation, "一、退还停车费。", "无变化", 4, Clerk, Now)).Field);
        Assert.Equal((MediationOutcome.Agreed, "双方达成一致", "〔2026〕第3号"), (s.Outcome!.Value, s.OutcomeNote, s.AgreementNumber));
        Assert.Empty(s.Corrections);
    }

    [Fact]
    public void Only_a_recorded_outcome_is_corrected_and_a_recorded_one_is_not_recorded_again()
    {
        var s = MediationSession.Hold(Guid.NewGuid(), Body, MediationKind.People, null, new DateOnly(2026, 3, 9), "调解室", Clerk, Now);
        Assert.Equal("outcome-missing", Assert.Throws<DomainRuleViolation>(() => s.CorrectOutcome(MediationOutcome.NotAgreed, "未达成", null, null, "理由", 1, Clerk, Now)).Code);
        var agreed = Agreed();
        Assert.Contains("更正", Assert.Throws<DomainRuleViolation>(() => agreed.RecordOutcome(MediationOutcome.NotAgreed, "反悔", null, null, 4, Clerk, Now)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Once_the_outcome_is_an_items_resolution_it_is_not_corrected_Arts_35_36()
    {
        var s = Agreed();
        var version = s.Version;
        s.MarkCitedAsResolution(Now.AddDays(1));
        Assert.Equal(Now.AddDays(1), s.CitedAsResolutionAt);
        Assert.True(s.Version > version);
        var e = Assert.Throws<DomainRuleViolation>(() => s.CorrectOutcome(MediationOutcome.NotAgreed, "未达成", null, null, "录入有误", 4, Clerk, Now.AddDays(2)));
        Assert.Equal("outcome-cited", e.Code);
        Assert.Contains("第三十五条", e.Message, StringComparison.Ordinal);
        Assert.Equal(MediationOutcome.Agreed, s.Outcome);
        // A second item resolved from the same session keeps the first time.
        s.MarkCitedAsResolution(Now.AddDays(3));
        Assert.Equal(Now.AddDays(1), s.CitedAsResolutionAt);
    }
}
