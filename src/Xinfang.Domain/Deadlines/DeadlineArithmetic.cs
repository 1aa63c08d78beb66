namespace Xinfang.Domain.Deadlines;

/// <summary>Adds a legal period to a start day. Pure: same inputs, same answer.</summary>
public static class DeadlineArithmetic
{
    /// <summary>
    /// The start day is day 0 (the day of receipt is not counted), so a reply received 2026-03-10
    /// plus 30 days is due 2026-04-09 (条例 Art. 35: "自收到书面答复之日起30日内").
    /// A last day that is a rest day stays put unless <paramref name="rollForwardRestDay"/> is on.
    /// </summary>
    public static DueDate Add(DateOnly start, Period period, WorkingCalendar calendar, bool rollForwardRestDay = false) =>
        AddWithPauses(start, period, [], calendar, rollForwardRestDay);

    /// <summary>
    /// Like <see cref="Add"/>, but the days of each pause (inclusive) are not counted and push the due
    /// date back: 条例 Art. 36 ¶2, "听证所需时间不计算在前款规定的期限内".
    /// </summary>
    public static DueDate AddWithPauses(
        DateOnly start,
        Period period,
        IEnumerable<(DateOnly From, DateOnly To)> pauses,
        WorkingCalendar calendar,
        bool rollForwardRestDay = false)
    {
        ArgumentNullException.ThrowIfNull(pauses);
        var policy = DeadlinePolicy.National with { RollForwardRestDay = rollForwardRestDay };
        var computation = DeadlineComputation.Start(string.Empty, start, period, calendar, policy);
        foreach (var (from, to) in pauses)
        {
            computation = computation.Pause(from, to, string.Empty);
        }

        return computation.Due;
    }

    /// <summary>
    /// An hour limit for urgent items that a jurisdiction sets (e.g. forward within 2 h, answer within
    /// 24 h; [S] 泰宁 2020). Hours are elapsed hours: rest days do not stop the clock.
    /// </summary>
    public static DueInstant AddHours(DateTimeOffset start, int hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hours);
        var due = start.AddHours(hours);
        return new DueInstant(
            due,
            $"{DeadlineTime.Format(start)} + {hours}小时 = {DeadlineTime.Format(due)}（北京时间）");
    }

    /// <summary>Working days in (<paramref name="after"/>, <paramref name="through"/>]: the start day is day 0.</summary>
    public static int CountWorkingDays(DateOnly after, DateOnly through, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var count = 0;
        for (var day = after.AddDays(1); day <= through; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Walks forward from <paramref name="from"/> (day 0) until <paramref name="count"/> days that
    /// <paramref name="counts"/> accepts have passed; returns the last of them.
    /// </summary>
    internal static DateOnly Walk(DateOnly from, int count, Func<DateOnly, bool> counts)
    {
        var day = from;
        for (var counted = 0; counted < count;)
        {
            day = day.AddDays(1);
            if (counts(day))
            {
                counted++;
            }
        }

        return day;
    }
}
