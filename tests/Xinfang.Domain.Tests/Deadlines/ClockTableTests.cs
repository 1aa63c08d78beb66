using Xinfang.Domain.Deadlines;
using static Xinfang.Domain.Tests.Deadlines.Calendars;

namespace Xinfang.Domain.Tests.Deadlines;

/// <summary>
/// One table per clock of domain.md §6, each row a start day and the last day under the national
/// policy and the shipped 2025/2026 calendars. The start day is day 0.
/// </summary>
public sealed class ClockTableTests
{
    private static DueDate Due(DeadlineClock clock, string start, DeadlinePolicy? policy = null) =>
        DeadlineComputation.Start(clock, D(start), Official, policy ?? DeadlinePolicy.National).Due;

    private static readonly DeadlinePolicy RollForward = DeadlinePolicy.National with { RollForwardRestDay = true };

    // 条例 Art. 22: 信访部门 disposes within 15 days of receipt.
    [Theory]
    [InlineData("2026-03-02", "2026-03-17")]
    [InlineData("2025-12-20", "2026-01-04")] // across the year end; 01-04 is a Sunday 班 day
    [InlineData("2026-02-14", "2026-03-01")] // across the end of a 28-day February
    [InlineData("2028-02-14", "2028-02-29")] // leap year
    [InlineData("2027-02-14", "2027-03-01")] // not a leap year
    [InlineData("2025-12-17", "2026-01-01")] // 元旦: not rolled forward by default
    public void Art22_bureau_disposition_is_15_calendar_days(string received, string due) =>
        Assert.Equal(D(due), Due(DeadlineClock.BureauDisposition, received).Date);

    [Fact]
    public void Art22_with_roll_forward_a_last_day_on_New_Year_moves_to_the_Sunday_make_up_day()
    {
        // 2026-01-01..03 are days off; 01-04 (Sunday) is a working day by the schedule.
        var due = Due(DeadlineClock.BureauDisposition, "2025-12-17", RollForward);
        Assert.Equal(D("2026-01-04"), due.Date);
        Assert.Contains("元旦休息日，顺延至下一个工作日 2026-01-04", due.Explanation, StringComparison.Ordinal);
    }

    // [P] 2014 满意度办法: 国家 5, 省 3, 市 3, 县 4 days, when the jurisdiction splits the 15 days.
    [Theory]
    [InlineData(DispositionLevel.National, 5)]
    [InlineData(DispositionLevel.Province, 3)]
    [InlineData(DispositionLevel.City, 3)]
    [InlineData(DispositionLevel.County, 4)]
    public void Per_level_split_of_the_Art22_period_applies_only_when_switched_on(DispositionLevel level, int days)
    {
        Assert.Equal(Period.Days(15), DeadlinePolicy.National.BureauDispositionAt(level));
        var split = DeadlinePolicy.National with { SplitBureauDispositionByLevel = true };
        Assert.Equal(Period.Days(days), split.BureauDispositionAt(level));
    }

    [Fact]
    public void The_per_level_shares_add_up_to_the_Art22_period()
    {
        var p = DeadlinePolicy.National;
        Assert.Equal(
            p.BureauDisposition.Length,
            p.BureauDispositionNational.Length + p.BureauDispositionProvince.Length
                + p.BureauDispositionCity.Length + p.BureauDispositionCounty.Length);
    }

    // 条例 Art. 23 ¶2 and ¶3: notice of receipt within 15 days of receipt.
    [Theory]
    [InlineData(DeadlineClock.NoticeOfReceiptDirect, "2026-02-10", "2026-02-25")]
    [InlineData(DeadlineClock.NoticeOfReceiptForwarded, "2026-02-10", "2026-02-25")]
    [InlineData(DeadlineClock.NoticeOfReceiptForwarded, "2026-12-20", "2027-01-04")]
    public void Art23_notice_of_receipt_is_15_calendar_days(DeadlineClock clock, string received, string due)
    {
        var result = Due(clock, received);
        Assert.Equal(D(due), result.Date);
        Assert.False(result.Provisional); // calendar days do not depend on a schedule
    }

    // 条例 Art. 23 ¶2: "但信访人的姓名（名称）、住址不清的除外".
    [Theory]
    [InlineData(true, true, true)]
    [InlineData(false, true, false)]
    [InlineData(true, false, false)]
    [InlineData(false, false, false)]
    public void Art23_para2_no_notice_duty_when_name_or_address_is_unclear(bool name, bool address, bool duty) =>
        Assert.Equal(duty, DeadlineClocks.HasNoticeOfReceiptDuty(name, address));

    // 条例 Art. 23 ¶3: objection to a wrong forward within 5 WORKING days of receipt.
    [Theory]
    [InlineData("2026-02-12", "2026-02-26")] // 春节: 02-14 (Sat, 班) counts, 02-15..02-23 do not
    [InlineData("2026-09-28", "2026-10-10")] // 国庆: 10-01..07 off, 10-10 (Sat, 班) is day 5
    [InlineData("2026-09-18", "2026-09-24")] // 09-20 (Sun, 班) counts
    [InlineData("2025-12-29", "2026-01-06")] // across the year end: 元旦 off, 01-04 (Sun, 班) counts
    [InlineData("2025-01-24", "2025-02-07")] // 春节 2025: 01-26 (Sun, 班) counts, 01-28..02-04 do not
    [InlineData("2026-03-05", "2026-03-12")] // an ordinary week with a weekend
    public void Art23_para3_forward_objection_is_5_working_days_on_the_State_Council_calendar(string received, string due)
    {
        var result = Due(DeadlineClock.ForwardObjection, received);
        Assert.Equal(D(due), result.Date);
        Assert.False(result.Provisional);
        Assert.Equal(5, DeadlineArithmetic.CountWorkingDays(D(received), result.Date, Official));
    }

    [Fact]
    public void Art23_para3_the_explanation_names_the_holidays_skipped_and_the_make_up_days_counted() =>
        Assert.Equal(
            "收到转送、交办 2026-02-12 + 5个工作日 = 2026-02-26（不计春节休息日；计入调休上班日 2026-02-14）",
            Due(DeadlineClock.ForwardObjection, "2026-02-12").Explanation);

    [Fact]
    public void Art23_para3_a_working_day_count_running_into_2027_is_provisional()
    {
        // 2026-12-29, 30, 31, then 2027-01-01 (Fri) and 01-04 (Mon) counted Monday–Friday: 2027's
        // schedule is not loaded, and 元旦 2027 will most likely be a day off.
        var result = Due(DeadlineClock.ForwardObjection, "2026-12-28");
        Assert.Equal(D("2027-01-04"), result.Date);
        Assert.True(result.Provisional);
        Assert.Contains("2027年节假日安排尚未载入", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Art23_para3_a_provisional_deadline_is_recomputed_when_the_schedule_arrives()
    {
        var with2027 = Official.With(HolidaySchedule.Parse(2027, "休 2027-01-01..2027-01-03 # 元旦"));
        var result = DeadlineComputation.Start(DeadlineClock.ForwardObjection, D("2026-12-28"), with2027, DeadlinePolicy.National).Due;
        Assert.Equal(D("2027-01-05"), result.Date);
        Assert.False(result.Provisional);
    }

    // 条例 Art. 34: handling within 60 days of acceptance.
    [Theory]
    [InlineData("2026-01-31", "2026-04-01")]
    [InlineData("2026-01-01", "2026-03-02")]
    [InlineData("2025-11-15", "2026-01-14")]
    [InlineData("2027-12-31", "2028-02-29")] // leap day
    [InlineData("2026-08-10", "2026-10-09")]
    public void Art34_handling_is_60_calendar_days_from_acceptance(string accepted, string due) =>
        Assert.Equal(D(due), Due(DeadlineClock.Handling, accepted).Date);

    [Fact]
    public void Art34_the_extension_clock_is_the_30_day_cap() =>
        Assert.Equal(Period.Days(30), DeadlinePolicy.National.PeriodFor(DeadlineClock.Extension));

    // 条例 Art. 22(三): the bureau sets the assigned item's deadline, so the policy has none.
    [Fact]
    public void Art22_assigned_deadline_is_set_by_the_bureau_not_the_policy()
    {
        Assert.Null(DeadlinePolicy.National.PeriodFor(DeadlineClock.Assigned));
        Assert.Throws<ArgumentException>(() =>
            DeadlineComputation.Start(DeadlineClock.Assigned, D("2026-03-01"), Official, DeadlinePolicy.National));
        var set = DeadlineComputation.Start("交办", D("2026-03-01"), Period.Days(20), Official, DeadlinePolicy.National).Due;
        Assert.Equal(D("2026-03-21"), set.Date);
    }

    // 条例 Art. 35: 30 days to ask for 复查; 30 days for the 复查 opinion.
    [Theory]
    [InlineData(DeadlineClock.ReviewRequest, "2026-03-10", "2026-04-09")]
    [InlineData(DeadlineClock.ReviewRequest, "2026-01-31", "2026-03-02")]
    [InlineData(DeadlineClock.ReviewOpinion, "2025-12-15", "2026-01-14")]
    [InlineData(DeadlineClock.ReviewOpinion, "2028-01-30", "2028-02-29")]
    // 条例 Art. 36: 30 days to ask for 复核; 30 days for the 复核 opinion.
    [InlineData(DeadlineClock.ReReviewRequest, "2026-09-01", "2026-10-01")] // 国庆, not rolled by default
    [InlineData(DeadlineClock.ReReviewOpinion, "2026-03-02", "2026-04-01")]
    public void Art35_and_Art36_windows_and_opinions_are_30_calendar_days(DeadlineClock clock, string start, string due) =>
        Assert.Equal(D(due), Due(clock, start).Date);

    [Fact]
    public void Art35_a_request_on_day_31_is_late()
    {
        var due = Due(DeadlineClock.ReviewRequest, "2026-03-10");
        Assert.Equal(DeadlineWarning.Red, DeadlineStatus.Evaluate(D("2026-03-10"), due.Date, D("2026-04-09")));
        Assert.Equal(DeadlineWarning.Overdue, DeadlineStatus.Evaluate(D("2026-03-10"), due.Date, D("2026-04-10")));
    }

    [Fact]
    public void Art36_with_roll_forward_a_window_ending_on_National_Day_moves_to_October_8()
    {
        var due = Due(DeadlineClock.ReReviewRequest, "2026-09-01", RollForward);
        Assert.Equal(D("2026-10-08"), due.Date);
    }

    // 条例 Art. 40 ¶4: feedback on a 督办 or recommendation; configurable, 30 days by default.
    [Fact]
    public void Art40_supervision_feedback_defaults_to_30_days_and_is_configurable()
    {
        Assert.Equal(D("2026-12-15"), Due(DeadlineClock.SupervisionFeedback, "2026-11-15").Date);
        var local = DeadlinePolicy.Resolve([new PolicyOverride("某市") { SupervisionFeedback = Period.Days(15) }]);
        Assert.Equal(D("2026-11-30"), Due(DeadlineClock.SupervisionFeedback, "2026-11-15", local).Date);
    }

    // 国信发〔2022〕11号 [P]: the rating window is configurable.
    [Fact]
    public void Rating_window_running_into_an_unloaded_year_is_provisional_only_when_rest_days_matter()
    {
        var plain = Due(DeadlineClock.RatingWindow, "2026-12-10");
        Assert.Equal(D("2027-01-09"), plain.Date);
        Assert.False(plain.Provisional);

        var rolled = Due(DeadlineClock.RatingWindow, "2026-12-10", RollForward);
        Assert.Equal(D("2027-01-11"), rolled.Date); // 01-09 is a Saturday, counted Monday–Friday
        Assert.True(rolled.Provisional);
    }

    // [S] 泰宁 2020: urgent items forwarded within 2 h and answered within 24 h, set locally.
    [Fact]
    public void Urgent_hour_limits_exist_only_where_a_jurisdiction_sets_them()
    {
        Assert.Null(DeadlinePolicy.National.HoursFor(DeadlineClock.UrgentForward));
        var local = DeadlinePolicy.Resolve([new PolicyOverride("泰宁县") { UrgentForwardHours = 2, UrgentAnswerHours = 24 }]);
        Assert.Equal(2, local.HoursFor(DeadlineClock.UrgentForward));
        Assert.Equal(24, local.HoursFor(DeadlineClock.UrgentAnswer));
        Assert.Null(local.PeriodFor(DeadlineClock.UrgentAnswer));
    }

    [Fact]
    public void Urgent_hours_run_through_nights_and_rest_days()
    {
        var registered = new DateTimeOffset(2026, 2, 14, 23, 0, 0, DeadlineTime.Offset);
        var forward = DeadlineArithmetic.AddHours(registered, 2);
        Assert.Equal(new DateTimeOffset(2026, 2, 15, 1, 0, 0, DeadlineTime.Offset), forward.At);
        Assert.Equal("2026-02-14 23:00 + 2小时 = 2026-02-15 01:00（北京时间）", forward.Explanation);

        var utcStart = new DateTimeOffset(2026, 2, 14, 15, 0, 0, TimeSpan.Zero); // the same instant, in UTC
        Assert.Equal(forward.At, DeadlineArithmetic.AddHours(utcStart, 2).At);
        Assert.Equal(forward.Explanation, DeadlineArithmetic.AddHours(utcStart, 2).Explanation);
        Assert.Throws<ArgumentOutOfRangeException>(() => DeadlineArithmetic.AddHours(registered, 0));
    }

    [Fact]
    public void The_catalog_describes_every_clock_once_with_its_source()
    {
        Assert.Equal(Enum.GetValues<DeadlineClock>().Order(), DeadlineClocks.All.Select(c => c.Clock).Order());
        Assert.All(DeadlineClocks.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Article)));
        Assert.Equal("条例第三十四条", DeadlineClocks.Get(DeadlineClock.Handling).Article);
        Assert.Equal("条例第二十三条第三款", DeadlineClocks.Get(DeadlineClock.ForwardObjection).Article);
    }
}
