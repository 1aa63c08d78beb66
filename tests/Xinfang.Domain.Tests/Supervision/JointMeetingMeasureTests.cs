using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;
using static Xinfang.Domain.Tests.Supervision.SupervisionFixtures;

namespace Xinfang.Domain.Tests.Supervision;

/// <summary>条例 Art. 39 ¶3: the joint meeting's 约谈、通报、挂牌督办 of a leadership team or leader, with reasons.</summary>
public sealed class JointMeetingMeasureTests
{
    private static JointMeetingMeasure Record(
        MeasureKind kind = MeasureKind.Summons,
        MeasureTarget target = MeasureTarget.LeadershipTeam,
        string? leader = null,
        string reason = "信访事项超期率连续两季度全区最高",
        string decidedOn = "2026-03-09",
        string? rectifyBy = null) =>
        JointMeetingMeasure.Record(Guid.NewGuid(), kind, target, Unit, leader, reason, D(decidedOn), "西湖区信访工作联席会议2026年第1次会议",
            rectifyBy is null ? null : D(rectifyBy), Supervisor, Now);

    [Theory]
    [InlineData(MeasureKind.Summons, "约谈")]
    [InlineData(MeasureKind.Circular, "通报")]
    [InlineData(MeasureKind.ListedSupervision, "挂牌督办")]
    public void Each_measure_is_recorded_against_a_leadership_team_with_its_reason(MeasureKind kind, string name)
    {
        var m = Record(kind, rectifyBy: "2026-06-30");
        Assert.Equal(kind, m.Kind);
        Assert.Equal(name, JointMeetingMeasure.NameOf(kind));
        Assert.Equal(Unit, m.TargetOrganizationId);
        Assert.Equal("信访事项超期率连续两季度全区最高", m.Reason);
        Assert.Equal(D("2026-06-30"), m.RectifyBy);
        Assert.Equal(Now, m.RecordedAt);
        Assert.Null(m.LeaderName);
    }

    [Fact]
    public void A_leader_is_named_and_a_team_is_not()
    {
        Assert.Equal("刘某（局长）", Record(target: MeasureTarget.Leader, leader: "刘某（局长）").LeaderName);
        Assert.Equal("supervision.leaderName-required", Assert.Throws<DomainRuleViolation>(() => Record(target: MeasureTarget.Leader)).Code);
        Assert.Equal("measure.leader-for-team", Assert.Throws<DomainRuleViolation>(() => Record(leader: "刘某")).Code);
    }

    [Fact]
    public void The_reason_is_required_the_decision_is_not_in_the_future_and_rectification_follows_it()
    {
        Assert.Equal("supervision.reason-required", Assert.Throws<DomainRuleViolation>(() => Record(reason: " ")).Code);
        Assert.Equal("measure.decided-in-future", Assert.Throws<DomainRuleViolation>(() => Record(decidedOn: "2026-03-11")).Code);
        Assert.Equal("measure.rectify-before-decision", Assert.Throws<DomainRuleViolation>(() => Record(rectifyBy: "2026-03-09")).Code);
        Assert.Equal("measure.kind-invalid", Assert.Throws<DomainRuleViolation>(() => Record((MeasureKind)9)).Code);
    }
}
