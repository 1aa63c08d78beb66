using Xinfang.Domain.Deadlines;
using static Xinfang.Domain.Tests.Deadlines.Calendars;

namespace Xinfang.Domain.Tests.Deadlines;

public sealed class WorkingCalendarTests
{
    [Theory]
    [InlineData("2026-02-13", true)]   // Friday before 春节
    [InlineData("2026-02-14", true)]   // Saturday, 班: a make-up working day
    [InlineData("2026-02-15", false)]  // Sunday, 春节 day off
    [InlineData("2026-02-16", false)]  // Monday, 春节 day off
    [InlineData("2026-02-23", false)]  // Monday, last day of 春节
    [InlineData("2026-02-24", true)]   // Tuesday, back at work
    [InlineData("2026-02-28", true)]   // Saturday, 班
    [InlineData("2026-03-01", false)]  // plain Sunday
    [InlineData("2026-10-07", false)]  // 国庆节
    [InlineData("2026-10-10", true)]   // Saturday, 班
    [InlineData("2026-09-20", true)]   // Sunday, 班
    [InlineData("2026-01-04", true)]   // Sunday, 班 for 元旦
    [InlineData("2025-10-08", false)]  // Wednesday, 国庆节、中秋节 2025
    [InlineData("2025-01-26", true)]   // Sunday, 班 for 春节 2025
    [InlineData("2027-02-08", true)]   // a Monday in an unloaded year: Monday–Friday
    [InlineData("2027-02-06", false)]  // a Saturday in an unloaded year
    public void A_day_is_a_working_day_by_the_State_Council_schedule_or_else_Monday_to_Friday(string day, bool working)
    {
        Assert.Equal(working, Official.IsWorkingDay(D(day)));
        Assert.Equal(!working, Official.IsRestDay(D(day)));
    }

    [Fact]
    public void Loaded_years_are_reported_and_others_are_not()
    {
        Assert.Equal([2025, 2026], Official.LoadedYears);
        Assert.True(Official.IsYearLoaded(2026));
        Assert.False(Official.IsYearLoaded(2027));
        Assert.Empty(WorkingCalendar.MondayToFriday.LoadedYears);
        Assert.True(WorkingCalendar.MondayToFriday.IsRestDay(D("2026-02-14")));
    }

    [Fact]
    public void Loading_a_new_year_is_adding_a_schedule_not_changing_code()
    {
        var calendar = WorkingCalendar.MondayToFriday.With(HolidaySchedule.Parse(2027, "休 2027-01-01 # 元旦"));
        Assert.True(calendar.IsYearLoaded(2027));
        Assert.True(calendar.IsRestDay(D("2027-01-01")));
        Assert.False(WorkingCalendar.MondayToFriday.IsYearLoaded(2027)); // the old calendar is unchanged
    }

    [Fact]
    public void A_corrected_schedule_replaces_the_year_it_is_for()
    {
        var calendar = Official.With(HolidaySchedule.Parse(2026, "休 2026-03-02"));
        Assert.True(calendar.IsRestDay(D("2026-03-02")));
        Assert.True(calendar.IsWorkingDay(D("2026-02-16")));
    }

    [Fact]
    public void The_same_year_twice_or_a_day_both_off_and_on_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new WorkingCalendar([Load(2026), Load(2026)]));
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(
        [
            HolidaySchedule.Parse(2026, "休 2026-12-31..2027-01-02"),
            HolidaySchedule.Parse(2027, "休 2027-01-01\n班 2027-01-02"),
        ]));
    }

    [Theory]
    [InlineData("2026-02-17", "春节休息日")]
    [InlineData("2026-02-14", "春节调休上班日")]
    [InlineData("2026-03-07", "星期六")]
    public void A_day_describes_itself_for_explanations(string day, string text) =>
        Assert.Equal(text, Official.Describe(D(day)));
}
