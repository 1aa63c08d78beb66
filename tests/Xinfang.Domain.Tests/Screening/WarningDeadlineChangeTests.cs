using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Screening;

namespace Xinfang.Domain.Tests.Screening;

/// <summary>A 预警's last day moved by the body that assigned it (issue 14): with a reason, bounded, every change kept, the clock following the new day.</summary>
public sealed class WarningDeadlineChangeTests
{
    private static readonly Guid District = Guid.NewGuid();
    private static readonly Guid Street = Guid.NewGuid();
    private static readonly Actor Clerk = new("u-1", "王干部", District);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, DeadlineTime.Offset);
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static Warning Raised(WarningLevel level = WarningLevel.Serious) =>
        Warning.Raise(Guid.NewGuid(), District, "某工地拖欠务工人员工资", "北山街道", DisputeKind.LabourWages, level, 30, null, WarningDeadlines.Default, Clerk, Now);

    [Fact]
    public void The_assigning_body_is_kept_and_the_last_day_moves_with_each_change_in_the_history()
    {
        var w = Raised();
        w.Assign(Street, Clerk, Now);
        Assert.Equal(District, w.AssignedByOrganizationId);
        Assert.Equal(Today.AddDays(3), w.DueOn);

        var later = Now.AddDays(1);
        w.ChangeDeadline(Today.AddDays(10), " 需等待劳动监察调查结果 ", Clerk, later);
        w.ChangeDeadline(Today.AddDays(5), "工人计划提前集体上访，提前处置", Clerk, later.AddHours(1));

        Assert.Equal(Today.AddDays(5), w.DueOn);
        Assert.Equal([new WarningDeadlineChange(Today.AddDays(3), Today.AddDays(10), "需等待劳动监察调查结果", "王干部", District, later),
            new WarningDeadlineChange(Today.AddDays(10), Today.AddDays(5), "工人计划提前集体上访，提前处置", "王干部", District, later.AddHours(1))], w.DeadlineChanges);
    }

    [Fact]
    public void The_overdue_flag_follows_the_current_last_day()
    {
        var w = Raised();
        w.Assign(Street, Clerk, Now);
        var fourDaysOn = Now.AddDays(4);
        Assert.True(w.IsOverdueOn(Today.AddDays(4)));
        w.ChangeDeadline(Today.AddDays(8), "延期处置", Clerk, fourDaysOn);
        Assert.False(w.IsOverdueOn(Today.AddDays(4)));
        Assert.True(w.IsOverdueOn(Today.AddDays(9)));
        w.Close(WarningOutcome.Resolved, "已化解", Clerk, Now.AddDays(6));
        Assert.False(w.ClosedLate); // closed on day 6, last day 8
    }

    [Theory]
    [InlineData(-1, "due-in-past")]
    [InlineData(91, "due-too-far")]
    [InlineData(3, "due-unchanged")]
    public void The_new_day_is_bounded(int days, string code)
    {
        var w = Raised();
        w.Assign(Street, Clerk, Now);
        var e = Assert.Throws<DomainRuleViolation>(() => w.ChangeDeadline(Today.AddDays(days), "理由", Clerk, Now));
        Assert.Equal((code, "dueOn"), (e.Code, e.Field));
        Assert.Empty(w.DeadlineChanges);
        Assert.Equal(Today.AddDays(3), w.DueOn);
        w.ChangeDeadline(Today.AddDays(WarningDeadlines.MaxDays), "最长", Clerk, Now);
        w.ChangeDeadline(Today, "今日办结", Clerk, Now);
        Assert.Equal(Today, w.DueOn);
    }

    [Fact]
    public void A_reason_is_needed_and_only_an_assigned_open_warning_moves()
    {
        var w = Raised();
        Assert.Equal("not-assigned", Assert.Throws<DomainRuleViolation>(() => w.ChangeDeadline(Today.AddDays(5), "理由", Clerk, Now)).Code);
        w.Assign(Street, Clerk, Now);
        Assert.Equal("reason", Assert.Throws<DomainRuleViolation>(() => w.ChangeDeadline(Today.AddDays(5), " ", Clerk, Now)).Field);
        w.Close(WarningOutcome.Resolved, "已化解", Clerk, Now);
        Assert.Equal("closed", Assert.Throws<DomainRuleViolation>(() => w.ChangeDeadline(Today.AddDays(5), "理由", Clerk, Now)).Code);
    }
}
