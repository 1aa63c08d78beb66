using Xinfang.Domain.Mediation;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Tests.Mediation;

public sealed class MediationSessionTests
{
    private static readonly Guid Body = Guid.NewGuid();
    private static readonly Actor Clerk = new("u-clerk", "王登记", Body);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static MediationSession Held(MediationKind kind = MediationKind.People, ReasoningMode? mode = null) =>
        MediationSession.Hold(Guid.NewGuid(), Body, kind, mode, Today.AddDays(-1), " 区人民调解委员会 ", Clerk, Now);

    [Fact]
    public void Every_code_has_its_Chinese_name_from_one_table()
    {
        Assert.Equal(["人民调解", "行政调解", "司法调解", "信访调解室", "信访评理室"], MediationKinds.All.Select(MediationKinds.NameOf));
        Assert.Equal(["现场评理", "流动评理", "上门评理", "视频评理", "提级评理", "派出评理"], MediationKinds.Modes.Select(MediationKinds.NameOf));
        Assert.Equal(["调解员", "律师", "人大代表/政协委员", "工会/妇联", "部门干部", "村（社区）干部"], MediationKinds.Roles.Select(MediationKinds.NameOf));
        Assert.Equal(["达成协议", "部分达成", "未达成"], MediationKinds.Outcomes.Select(MediationKinds.NameOf));
    }

    [Fact]
    public void A_session_keeps_its_kind_day_and_place_trimmed_beside_when_it_was_typed()
    {
        var s = Held();
        Assert.Equal("区人民调解委员会", s.Place);
        Assert.Equal(Today.AddDays(-1), s.HeldOn);
        Assert.Equal(Now, s.RecordedAt);
        Assert.Null(s.Mode);
        Assert.Null(s.Outcome);
    }

    [Fact]
    public void A_reasoning_room_session_needs_its_mode_and_no_other_kind_has_one()
    {
        Assert.Equal("mode", Assert.Throws<DomainRuleViolation>(() => Held(MediationKind.Reasoning)).Field);
        Assert.Equal("mode", Assert.Throws<DomainRuleViolation>(() => Held(MediationKind.People, ReasoningMode.Video)).Field);
        Assert.Equal(ReasoningMode.Escalated, Held(MediationKind.Reasoning, ReasoningMode.Escalated).Mode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-367)]
    public void A_day_in_the_future_or_over_a_year_back_is_refused(int days)
    {
        var e = Assert.Throws<DomainRuleViolation>(() => MediationSession.Hold(Guid.NewGuid(), Body, MediationKind.People, null, Today.AddDays(days), "调解室", Clerk, Now));
        Assert.Equal("heldOn", e.Field);
    }

    [Fact]
    public void Participants_are_named_by_role_and_replace_what_was_recorded()
    {
        var s = Held();
        s.RecordParticipants([new(" 李律师 ", ParticipantRole.Lawyer), new("周代表", ParticipantRole.Deputy)], Clerk);
        s.RecordParticipants([new("陈调解", ParticipantRole.Mediator)], Clerk);
        Assert.Equal([new MediationParticipant("陈调解", ParticipantRole.Mediator)], s.Participants);
        Assert.Equal("participants[0].role", Assert.Throws<DomainRuleViolation>(() => s.RecordParticipants([new("某人", (ParticipantRole)99)], Clerk)).Field);
        Assert.Equal("participants", Assert.Throws<DomainRuleViolation>(() => s.RecordParticipants([], Clerk)).Field);
    }

    [Fact]
    public void An_agreement_reached_is_written_down_Art_33()
    {
        // 条例 Art. 33: 经调解、和解达成一致意见的，应当制作调解协议书或者和解协议书.
        var s = Held();
        var e = Assert.Throws<DomainRuleViolation>(() => s.RecordOutcome(MediationOutcome.Agreed, "达成一致", null, null, 1, Clerk, Now));
        Assert.Equal("agreementKind", e.Field);
        Assert.Contains("第三十三条", e.Message, StringComparison.Ordinal);
        Assert.Equal("agreementTerms", Assert.Throws<DomainRuleViolation>(() => s.RecordOutcome(MediationOutcome.PartlyAgreed, "部分一致", AgreementKind.Settlement, " ", 1, Clerk, Now)).Field);
        Assert.Null(s.Outcome);

        s.RecordOutcome(MediationOutcome.Agreed, "双方达成一致", AgreementKind.Mediation, "一、退还停车费。", 3, Clerk, Now);
        Assert.Equal("〔2026〕第3号", s.AgreementNumber);
        Assert.True(s.HasAgreement);
        Assert.Throws<DomainRuleViolation>(() => s.RecordOutcome(MediationOutcome.NotAgreed, "反悔", null, null, 4, Clerk, Now));
    }

    [Fact]
    public void No_agreement_without_consent()
    {
        var s = Held();
        Assert.Equal("agreementKind", Assert.Throws<DomainRuleViolation>(() => s.RecordOutcome(MediationOutcome.NotAgreed, "未达成", AgreementKind.Mediation, "条款", 1, Clerk, Now)).Field);
        s.RecordOutcome(MediationOutcome.NotAgreed, "双方分歧较大", null, null, 1, Clerk, Now);
        Assert.False(s.HasAgreement);
        Assert.Null(s.AgreementNumber);
    }

    [Fact]
    public void The_outcome_maps_to_the_items_resolution_and_the_citation_names_the_agreement()
    {
        Assert.Equal(Resolution.Resolved, MediationKinds.ResolutionOf(MediationOutcome.Agreed));
        Assert.Equal(Resolution.PartlyResolved, MediationKinds.ResolutionOf(MediationOutcome.PartlyAgreed));
        Assert.Equal(Resolution.NotResolved, MediationKinds.ResolutionOf(MediationOutcome.NotAgreed));
        var s = Held(MediationKind.Reasoning, ReasoningMode.AtHome);
        Assert.Throws<DomainRuleViolation>(() => s.Citation(100));
        s.RecordOutcome(MediationOutcome.PartlyAgreed, "施工时间一致", AgreementKind.Settlement, "一、夜间停工。", 2, Clerk, Now);
        Assert.Equal("经信访评理室上门评理（2026-03-09）部分达成，和解协议书〔2026〕第2号：施工时间一致", s.Citation(4000));
        Assert.Equal(10, s.Citation(10).Length);
    }

    [Fact]
    public void The_agreed_rate_is_over_sessions_with_an_outcome()
    {
        // Seed 泰宁: 151 sessions, 144 resolved — 95.4%.
        Assert.Equal(95.4m, MediationCounting.AgreedRate(144, 151));
        Assert.Equal(66.7m, MediationCounting.AgreedRate(2, 3));
        Assert.Null(MediationCounting.AgreedRate(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MediationCounting.AgreedRate(4, 3));
    }
}
