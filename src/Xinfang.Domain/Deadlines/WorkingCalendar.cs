namespace Xinfang.Domain.Deadlines;

/// <summary>
/// Which days are working days: the State Council's yearly schedule (rest days and make-up working
/// days, 调休) where loaded, Monday–Friday elsewhere.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>A calendar with no schedule loaded: every year counts Monday–Friday.</summary>
    public static WorkingCalendar MondayToFriday { get; } = new();

    public bool IsYearLoaded(int year) => false;

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
