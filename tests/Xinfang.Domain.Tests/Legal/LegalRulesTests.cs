using Xinfang.Domain.Legal;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Tests.Legal;

/// <summary>The rules of referrals (条例 Art. 37 ¶2), 案审 and typical cases (domain.md §10, §12).</summary>
public sealed class LegalRulesTests
{
    private static readonly Actor Officer = new("u-1", "王登记", Guid.NewGuid());
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_referral_is_made_while_the_item_is_a_petition_and_answered_once_between_its_day_and_today()
    {
        // Art. 37 ¶2: "在办理信访事项时 … 告知或者帮助其向有关机关或者机构依法申请社会救助".
        Assert.Throws<DomainRuleViolation>(() => AidReferral.Refer(Guid.NewGuid(), Guid.NewGuid(), PetitionState.Voided, ReferralKind.SocialAssistance, "街道", Today, null, Officer, Today, Now));
        Assert.Equal("referredOn", Assert.Throws<DomainRuleViolation>(() => AidReferral.Refer(Guid.NewGuid(), Guid.NewGuid(), PetitionState.Handling, ReferralKind.LegalAid, "援助中心", Today.AddDays(1), null, Officer, Today, Now)).Field);
        var r = AidReferral.Refer(Guid.NewGuid(), Guid.NewGuid(), PetitionState.Handling, ReferralKind.JudicialAssistance, "  区人民法院  ", Today.AddDays(-3), "  ", Officer, Today, Now);
        Assert.Equal("区人民法院", r.ReceivingBody);
        Assert.Null(r.Note);
        Assert.Equal("待反馈", AidReferral.NameOf(r.Outcome));

        Assert.Equal("outcomeOn", Assert.Throws<DomainRuleViolation>(() => r.RecordOutcome(ReferralOutcome.Accepted, Today.AddDays(-4), null, Officer, Today)).Field);
        Assert.Equal("outcomeOn", Assert.Throws<DomainRuleViolation>(() => r.RecordOutcome(ReferralOutcome.Accepted, Today.AddDays(1), null, Officer, Today)).Field);
        r.RecordOutcome(ReferralOutcome.NotEligible, Today, "不符合司法救助条件", Officer, Today);
        Assert.Equal("不符合条件", AidReferral.NameOf(r.Outcome));
        Assert.Throws<DomainRuleViolation>(() => r.RecordOutcome(ReferralOutcome.Assisted, Today, null, Officer, Today));
    }

    [Fact]
    public void A_case_review_answers_every_point_names_what_was_done_where_it_applies_and_finds_one_that_applies()
    {
        ReviewFinding[] All(bool reasonable, string? done) =>
        [
            new(ReviewPoint.ReasonableSolved, reasonable, done), new(ReviewPoint.UnreasonableEducated, false, "不记录"),
            new(ReviewPoint.HardshipAssisted, false, null), new(ReviewPoint.UnlawfulHandled, false, null),
        ];
        CaseReview Review(IReadOnlyList<ReviewFinding> f) => CaseReview.Record(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "陈局长", Today, f, ReviewConclusion.MayClose, null, Officer, Today, Now);

        Assert.Equal("hardship", Assert.Throws<DomainRuleViolation>(() => Review(All(true, "x").Where(f => f.Point != ReviewPoint.HardshipAssisted).ToList())).Field);
        Assert.Equal("reasonable", Assert.Throws<DomainRuleViolation>(() => Review(All(true, " "))).Field);
        Assert.Equal("findings", Assert.Throws<DomainRuleViolation>(() => Review(All(false, null))).Field);
        var review = Review(All(true, " 已补发补偿款 "));
        Assert.Equal("已补发补偿款", review.ReasonableDone);
        Assert.Null(review.UnreasonableDone);
        Assert.Equal(["诉求合理的解决到位", "诉求无理的思想教育到位", "生活困难的帮扶救助到位", "违法行为依法处理"], review.Findings.Select(f => CaseReview.NameOf(f.Point)));
    }

    [Fact]
    public void A_typical_case_comes_from_a_resolved_item_names_nobody_and_is_published_only_with_consent()
    {
        Assert.Throws<DomainRuleViolation>(() => TypicalCase.Compile(Guid.NewGuid(), Guid.NewGuid(), PetitionState.Handling, Guid.NewGuid(), "t", TypicalCaseKind.Resolution, "s", "l", Officer, Now));
        string?[] names = ["王建国"];
        string?[] addresses = ["杭州市西湖区北山街道1幢101室"];
        Assert.Empty(TypicalCase.Leaks("某小区物业加收停车费，经核实责令退还。", names, addresses));
        Assert.Equal(["身份证号码或电话号码"], TypicalCase.Leaks("电话139****5678", names, addresses));
        Assert.Equal(["身份证号码或电话号码"], TypicalCase.Leaks("身份证11010519491231002X", names, addresses));
        Assert.Equal(["信访人姓名", "信访人住址"], TypicalCase.Leaks("王建国住杭州市西湖区北山街道1幢101室", names, addresses));

        var c = TypicalCase.Compile(Guid.NewGuid(), Guid.NewGuid(), PetitionState.Served, Guid.NewGuid(), "停车费", TypicalCaseKind.Resolution, "摘要", "启示", Officer, Now);
        Assert.Throws<DomainRuleViolation>(() => c.Publish(Today));
        c.RecordConsent(true, Today, Today);
        c.Publish(Today);
        Assert.True(c.Published);
        Assert.Throws<DomainRuleViolation>(() => c.Publish(Today));
        c.RecordConsent(false, Today, Today);
        Assert.False(c.Published);
        Assert.Equal("consentOn", Assert.Throws<DomainRuleViolation>(() => c.RecordConsent(true, Today.AddDays(1), Today)).Field);
    }
}
