namespace Xinfang.Domain.Deadlines;

/// <summary>Adds a legal period to a start day. Pure: same inputs, same answer.</summary>
public static class DeadlineArithmetic
{
    /// <summary>
    /// The start day is day 0 (the day of receipt is not counted), so a reply received 2026-03-10
    /// plus 30 days is due 2026-04-09.
    /// </summary>
    public static DueDate Add(DateOnly start, Period period, WorkingCalendar calendar, bool rollForwardRestDay = false)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (period.Unit == PeriodUnit.CalendarDays)
        {
            var due = start.AddDays(period.Length);
            return new DueDate(due, false, $"{start:yyyy-MM-dd} + {period} = {due:yyyy-MM-dd}");
        }

        var day = start;
        for (var counted = 0; counted < period.Length;)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day))
            {
                counted++;
            }
        }

        return new DueDate(day, !calendar.IsYearLoaded(day.Year), $"{start:yyyy-MM-dd} + {period} = {day:yyyy-MM-dd}");
    }
}
