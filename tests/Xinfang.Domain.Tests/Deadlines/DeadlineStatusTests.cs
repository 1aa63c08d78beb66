using Xinfang.Domain.Deadlines;
using static Xinfang.Domain.Tests.Deadlines.Calendars;

namespace Xinfang.Domain.Tests.Deadlines;

/// <summary>domain.md §6 Warnings: yellow at 80 % of the period, red near the end, overdue after the last day.</summary>
public sealed class DeadlineStatusTests
{
    // Handling accepted 2026-01-31, due 2026-04-01 (60 days; 80 % = day 48 = 2026-03-20).
    [Theory]
    [InlineData("2026-01-31", DeadlineWarning.Normal)]
    [InlineData("2026-03-19", DeadlineWarning.Normal)]  // day 47: 78 %
    [InlineData("2026-03-20", DeadlineWarning.Yellow)]  // day 48: 80 %
    [InlineData("2026-03-30", DeadlineWarning.Yellow)]  // 2 days left
    [InlineData("2026-03-31", DeadlineWarning.Red)]     // 1 day left
    [InlineData("2026-04-01", DeadlineWarning.Red)]     // due today: still on time
    [InlineData("2026-04-02", DeadlineWarning.Overdue)] // the day after the last day
    public void Default_thresholds(string today, DeadlineWarning expected) =>
        Assert.Equal(expected, DeadlineStatus.Evaluate(D("2026-01-31"), D("2026-04-01"), D(today)));

    [Theory]
    [InlineData("2026-03-01", DeadlineWarning.Normal)]  // day 29 of 60: 48 %
    [InlineData("2026-03-02", DeadlineWarning.Yellow)]  // day 30: 50 %
    [InlineData("2026-03-27", DeadlineWarning.Yellow)]  // 5 days left
    [InlineData("2026-03-28", DeadlineWarning.Red)]     // 4 days left
    public void Thresholds_are_configurable(string today, DeadlineWarning expected) =>
        Assert.Equal(expected, DeadlineStatus.Evaluate(D("2026-01-31"), D("2026-04-01"), D(today), new WarningThresholds(50, 4)));

    [Fact]
    public void A_period_of_zero_days_is_red_on_its_day_and_overdue_after()
    {
        Assert.Equal(DeadlineWarning.Red, DeadlineStatus.Evaluate(D("2026-03-10"), D("2026-03-10"), D("2026-03-10")));
        Assert.Equal(DeadlineWarning.Overdue, DeadlineStatus.Evaluate(D("2026-03-10"), D("2026-03-10"), D("2026-03-11")));
    }

    [Fact]
    public void A_day_before_the_start_is_normal() =>
        Assert.Equal(DeadlineWarning.Normal, DeadlineStatus.Evaluate(D("2026-03-10"), D("2026-04-09"), D("2026-03-01")));
}
