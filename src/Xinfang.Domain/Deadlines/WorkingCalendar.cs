namespace Xinfang.Domain.Deadlines;

/// <summary>
/// Which days are working days: the State Council's yearly schedule (rest days and make-up working
/// days, 调休) where loaded, Monday–Friday elsewhere. Immutable: loading a new year's schedule makes a
/// new calendar (<see cref="With"/>), and open deadlines are then recomputed against it.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<int, HolidaySchedule> schedules;
    private readonly Dictionary<DateOnly, ScheduleDay> listed;

    /// <summary>A calendar with no schedule loaded: every year counts Monday–Friday.</summary>
    public static WorkingCalendar MondayToFriday { get; } = new();

    /// <summary>A calendar with no schedule loaded (same as <see cref="MondayToFriday"/>).</summary>
    public WorkingCalendar()
        : this([])
    {
    }

    /// <summary>
    /// A calendar from any number of yearly schedules. Two schedules for one year, or a day that one
    /// schedule lists as 休 and another as 班, are refused with an <see cref="ArgumentException"/>.
    /// </summary>
    public WorkingCalendar(IEnumerable<HolidaySchedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        this.schedules = [];
        listed = [];
        foreach (var schedule in schedules)
        {
            if (!this.schedules.TryAdd(schedule.Year, schedule))
            {
                throw new ArgumentException($"{schedule.Year}年的节假日安排重复载入", nameof(schedules));
            }

            foreach (var day in schedule.Days)
            {
                if (listed.TryGetValue(day.Date, out var other) && other.Kind != day.Kind)
                {
                    throw new ArgumentException(
                        $"{day.Date:yyyy-MM-dd} 在两份节假日安排中一份为休、一份为班", nameof(schedules));
                }

                listed[day.Date] = day;
            }
        }
    }

    /// <summary>The years whose schedule is loaded, ascending.</summary>
    public IReadOnlyList<int> LoadedYears => [.. schedules.Keys.Order()];

    /// <summary>Whether the State Council schedule for <paramref name="year"/> is loaded.</summary>
    public bool IsYearLoaded(int year) => schedules.ContainsKey(year);

    /// <summary>A new calendar with one more year's schedule (or a corrected one replacing it).</summary>
    public WorkingCalendar With(HolidaySchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new WorkingCalendar(schedules.Values.Where(s => s.Year != schedule.Year).Append(schedule));
    }

    /// <summary>
    /// A make-up day (班) is a working day even on a weekend; a listed day off (休) is not a working day
    /// even on a weekday; any other day is a working day Monday–Friday.
    /// </summary>
    public bool IsWorkingDay(DateOnly day) =>
        listed.TryGetValue(day, out var entry)
            ? entry.Kind == ScheduleDayKind.MakeUpWorkingDay
            : !HolidaySchedule.IsWeekend(day);

    /// <summary>A weekend or official holiday that is not a make-up working day.</summary>
    public bool IsRestDay(DateOnly day) => !IsWorkingDay(day);

    /// <summary>The next working day after <paramref name="day"/> (never the day itself).</summary>
    public DateOnly NextWorkingDay(DateOnly day)
    {
        var next = day.AddDays(1);
        while (IsRestDay(next))
        {
            next = next.AddDays(1);
        }

        return next;
    }

    /// <summary>How a day counts, for explanations: "星期六", "春节休息日", "春节调休上班日".</summary>
    public string Describe(DateOnly day)
    {
        if (listed.TryGetValue(day, out var entry))
        {
            var name = entry.Holiday.Length == 0 ? string.Empty : HolidayName(entry.Holiday);
            return entry.Kind == ScheduleDayKind.Rest ? $"{name}休息日" : $"{name}调休上班日";
        }

        return HolidaySchedule.DayName(day);
    }

    // "春节（周六上班）" → "春节": the comment's parenthesised note is for the reader of the file.
    private static string HolidayName(string comment)
    {
        var cut = comment.IndexOfAny(['（', '(']);
        return (cut < 0 ? comment : comment[..cut]).Trim();
    }
}
