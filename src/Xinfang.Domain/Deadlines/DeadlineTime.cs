using System.Globalization;

namespace Xinfang.Domain.Deadlines;

/// <summary>
/// Deadlines are legal days in the jurisdiction's time zone, Asia/Shanghai (UTC+8, no daylight
/// saving since 1991), so the offset is fixed and the domain needs no time-zone database.
/// </summary>
public static class DeadlineTime
{
    /// <summary>China Standard Time, UTC+08:00.</summary>
    public static TimeSpan Offset { get; } = TimeSpan.FromHours(8);

    /// <summary>The local date of an instant (e.g. <c>timeProvider.GetUtcNow()</c>): the "today" a deadline is judged on.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The first late instant for a last day: the next day at 00:00 Beijing time, expressed in UTC.</summary>
    public static DateTimeOffset ExpiresAt(DateOnly lastDay) =>
        new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>The last instant of a local day (a deadline "on" a day lasts until its midnight), in UTC.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => ExpiresAt(day).AddTicks(-1);

    internal static string Format(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
