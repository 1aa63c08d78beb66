using Xinfang.Domain.Duty;
using Xinfang.Domain.JointMeetings;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Tests.Duty;

public sealed class DutyTests
{
    private static readonly Guid County = Guid.NewGuid();
    private static readonly Guid City = Guid.NewGuid();
    private static readonly Guid Province = Guid.NewGuid();
    private static readonly Actor Clerk = new("u1", "王登记", County);
    private static readonly Actor CityClerk = new("u2", "郑登记", City);
    private static readonly Actor ProvinceClerk = new("u3", "魏登记", Province);
    private static readonly TimeOnly CutOff = new(16, 0);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, TimeSpan.FromHours(8));

    private static SpecialPeriod TwoSessions() => SpecialPeriod.Declare(Guid.NewGuid(), City, " 全国两会 ", new(2026, 3, 3), new(2026, 3, 12), CityClerk, At(1, 9));

    [Fact]
    public void A_period_is_declared_forwards_bounded_and_not_after_it_ended()
    {
        var p = TwoSessions();
        Assert.Equal("全国两会", p.Name);
        Assert.Equal(10, p.Days);
        Assert.Equal("to", Assert.Throws<DomainRuleViolation>(() => SpecialPeriod.Declare(Guid.NewGuid(), City, "国庆", new(2026, 10, 7), new(2026, 10, 1), CityClerk, At(1, 9))).Field);
        Assert.Throws<DomainRuleViolation>(() => SpecialPeriod.Declare(Guid.NewGuid(), City, "长", new(2026, 3, 1), new(2026, 6, 1), CityClerk, At(1, 9)));
        Assert.Throws<DomainRuleViolation>(() => SpecialPeriod.Declare(Guid.NewGuid(), City, "旧", new(2026, 2, 1), new(2026, 2, 10), CityClerk, At(1, 9)));
    }

    [Fact]
    public void A_zero_report_is_nothing_found_and_late_after_the_cut_off()
    {
        var p = TwoSessions();
        var onTime = DutyReport.File(Guid.NewGuid(), p, County, "  ", [], Clerk, At(4, 15, 59), CutOff);
        Assert.True(onTime.Nothing);
        Assert.Null(onTime.Situations);
        Assert.False(onTime.Late);
        Assert.Equal(new DateOnly(2026, 3, 4), onTime.Day);
        var late = DutyReport.File(Guid.NewGuid(), p, County, "发现3人拟赴京上访", [Guid.NewGuid()], Clerk, At(5, 16, 0), CutOff);
        Assert.False(late.Nothing);
        Assert.True(late.Late);
        Assert.Single(late.PetitionIds);
        // Items without a situation, or a day outside the period, are refused.
        Assert.Equal("situations", Assert.Throws<DomainRuleViolation>(() => DutyReport.File(Guid.NewGuid(), p, County, null, [Guid.NewGuid()], Clerk, At(5, 9), CutOff)).Field);
        Assert.Throws<DomainRuleViolation>(() => DutyReport.File(Guid.NewGuid(), p, County, null, [], Clerk, At(13, 9), CutOff));
    }

    [Fact]
    public void The_days_due_are_those_before_today_and_today_once_past_the_cut_off()
    {
        var p = TwoSessions();
        Assert.Empty(DutyCutOff.DaysDue(p, At(2, 20), CutOff));
        Assert.Equal([new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 4)], DutyCutOff.DaysDue(p, At(5, 15, 59), CutOff));
        Assert.Equal(3, DutyCutOff.DaysDue(p, At(5, 16), CutOff).Count());
        Assert.Equal(10, DutyCutOff.DaysDue(p, new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(8)), CutOff).Count());
    }

    [Fact]
    public void A_roster_keeps_an_office_phone_and_a_day_of_the_period()
    {
        var p = TwoSessions();
        var r = DutyRosterEntry.Record(Guid.NewGuid(), p, County, new(2026, 3, 5), "张值班", "陈局长", "0571-87654321", Clerk, At(2, 9));
        Assert.Equal("0571-87654321", r.Phone);
        Assert.Equal("phone", Assert.Throws<DomainRuleViolation>(() => DutyRosterEntry.OfficePhone("call 110")).Field);
        Assert.Equal("day", Assert.Throws<DomainRuleViolation>(() => DutyRosterEntry.Record(Guid.NewGuid(), p, County, new(2026, 3, 20), "张", "陈", "0571-87654321", Clerk, At(2, 9))).Field);
    }

    [Fact]
    public void An_urgent_report_goes_up_two_levels_keeping_who_and_when_and_when_read()
    {
        // Art. 25 ¶1: the county reports to the level above; ¶2: the city bureau reports on to the province.
        var r = UrgentReport.Report(Guid.NewGuid(), County, City, "30余人聚集区政府门口", null, null, "请市局掌握", Clerk, At(5, 10));
        Assert.Equal(City, r.CurrentOrganizationId);
        Assert.Throws<DomainRuleViolation>(() => r.PassOn(County, City, null, Clerk, At(5, 10, 5)));
        Assert.True(r.MarkRead(City, CityClerk, At(5, 10, 20)));
        Assert.False(r.MarkRead(City, CityClerk, At(5, 11)));
        r.PassOn(City, Province, null, CityClerk, At(5, 10, 30));
        Assert.Equal(Province, r.CurrentOrganizationId);
        r.MarkRead(Province, ProvinceClerk, At(5, 10, 45));
        Assert.Equal([(County, City, At(5, 10), At(5, 10, 20)), (City, Province, At(5, 10, 30), At(5, 10, 45))],
            r.Steps.Select(s => (s.FromOrganizationId, s.ToOrganizationId, s.ReportedAt, s.ReadAt!.Value)));
        Assert.Equal(["王登记", "郑登记"], r.Steps.Select(s => s.ReportedBy));
        Assert.Equal("魏登记", r.Steps[1].ReadBy);
        Assert.Throws<DomainRuleViolation>(() => r.PassOn(Province, null, null, ProvinceClerk, At(5, 11)));
        Assert.Throws<DomainRuleViolation>(() => UrgentReport.Report(Guid.NewGuid(), Province, null, "顶层", null, null, null, ProvinceClerk, At(5, 11)));
    }

    [Fact]
    public void A_decision_is_overdue_when_open_past_its_deadline_and_done_once()
    {
        var meeting = JointMeeting.Record(Guid.NewGuid(), City, new(2026, 3, 2), "征地拆迁信访突出问题", CityClerk, At(2, 17));
        Assert.Throws<DomainRuleViolation>(() => JointMeeting.Record(Guid.NewGuid(), City, new(2026, 3, 9), "未来", CityClerk, At(2, 17)));
        var d = MeetingDecision.Decide(Guid.NewGuid(), meeting, County, "一个月内完成补偿款核算", new(2026, 3, 31), [Guid.NewGuid()], CityClerk);
        Assert.Equal("dueOn", Assert.Throws<DomainRuleViolation>(() => MeetingDecision.Decide(Guid.NewGuid(), meeting, County, "x", new(2026, 3, 1), [], CityClerk)).Field);
        Assert.False(d.IsOverdue(new(2026, 3, 31)));
        Assert.True(d.IsOverdue(new(2026, 4, 1)));
        d.Note("已完成入户调查", Clerk, At(10, 9));
        d.Complete("补偿款已核算并公示", Clerk, new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(DecisionStatus.Done, d.Status);
        Assert.True(d.DoneLate);
        Assert.False(d.IsOverdue(new(2026, 4, 10)));
        Assert.Equal(2, d.Notes.Count);
        Assert.Throws<DomainRuleViolation>(() => d.Note("再记", Clerk, At(20, 9)));
    }
}
