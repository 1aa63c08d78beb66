using Xinfang.Domain.Deadlines;
using static Xinfang.Domain.Tests.Deadlines.Calendars;

namespace Xinfang.Domain.Tests.Deadlines;

public sealed class HolidayScheduleTests
{
    [Fact]
    public void Every_schedule_file_in_the_repository_parses_and_is_named_after_its_year()
    {
        var files = Directory.GetFiles(FolderPath, "*.txt");
        Assert.Contains(files, f => Path.GetFileName(f) == "2026.txt");
        foreach (var file in files)
        {
            var year = int.Parse(Path.GetFileNameWithoutExtension(file), System.Globalization.CultureInfo.InvariantCulture);
            var schedule = HolidaySchedule.Parse(year, File.ReadAllText(file));
            Assert.All(schedule.Days, d => Assert.InRange(d.Date.Year, year - 1, year + 1));
        }
    }

    [Fact]
    public void The_2026_file_lists_the_State_Council_days_off_and_make_up_days()
    {
        var schedule = Load(2026);
        // 元旦 3 + 春节 9 + 清明 3 + 劳动 5 + 端午 3 + 中秋 3 + 国庆 7 = 33 days off.
        Assert.Equal(33, schedule.RestDays.Count());
        Assert.Equal(
            ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
            schedule.MakeUpWorkingDays.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("春节", schedule.Find(D("2026-02-17"))!.Value.Holiday);
    }

    [Fact]
    public void The_2025_file_lists_the_State_Council_days_off_and_make_up_days()
    {
        var schedule = Load(2025);
        // 元旦 1 + 春节 8 + 清明 3 + 劳动 5 + 端午 3 + 国庆中秋 8 = 28 days off, 5 make-up days.
        Assert.Equal(28, schedule.RestDays.Count());
        Assert.Equal(5, schedule.MakeUpWorkingDays.Count());
    }

    [Fact]
    public void Comments_blank_lines_and_Windows_line_ends_are_fine()
    {
        var schedule = HolidaySchedule.Parse(2030, "# 2030\r\n\r\n休 2030-01-01   # 元旦\r\n  班 2030-01-05\r\n");
        Assert.Equal([D("2030-01-01")], schedule.RestDays);
        Assert.Equal([D("2030-01-05")], schedule.MakeUpWorkingDays);
        Assert.Equal("元旦", schedule.Find(D("2030-01-01"))!.Value.Holiday);
        Assert.Equal(string.Empty, schedule.Find(D("2030-01-05"))!.Value.Holiday);
        Assert.Null(schedule.Find(D("2030-01-02")));
    }

    [Theory]
    [InlineData("休 2026-01-01\n放 2026-01-02", 2, "不是「休」或「班」")]
    [InlineData("休 2026-02-30", 1, "不是有效日期")]
    [InlineData("休 2026/01/01", 1, "不是有效日期")]
    [InlineData("休 2026-01-03..2026-01-01", 1, "早于起始日")]
    [InlineData("休 2026-01-01\n班 2026-01-05", 2, "应为周六或周日")] // 2026-01-05 is a Monday
    [InlineData("休 2026-01-01\n班 2026-01-03..2026-01-04", 2, "每行只写一天")]
    [InlineData("休 2026-01-01..2026-01-03\n休 2026-01-03", 2, "已在前面列出")]
    [InlineData("休 2026-01-01\n班 2026-01-03\n休 2026-01-03", 3, "已在前面列出")]
    [InlineData("休 2028-01-01", 1, "不在 2026 年前后")]
    [InlineData("休 2026-10-01..2026-11-07", 1, "超过一个月")]
    [InlineData("休", 1, "两项")]
    [InlineData("休 2026-01-01 2026-01-02", 1, "两项")]
    [InlineData("休 2026-01-01..2026-01-02..2026-01-03", 1, "区间")]
    public void A_malformed_line_is_refused_naming_the_line(string text, int line, string reason)
    {
        var error = Assert.Throws<FormatException>(() => HolidaySchedule.Parse(2026, text));
        Assert.Contains($"第 {line} 行", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n\n")]
    [InlineData("班 2026-01-04")]
    public void A_schedule_without_a_day_off_is_refused(string text)
    {
        var error = Assert.Throws<FormatException>(() => HolidaySchedule.Parse(2026, text));
        Assert.Contains("没有任何「休」行", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schedule_may_start_in_the_previous_December_as_2023s_New_Year_did()
    {
        var schedule = HolidaySchedule.Parse(2023, "休 2022-12-31..2023-01-02 # 元旦");
        Assert.Equal(3, schedule.RestDays.Count());
    }
}
