namespace Xinfang.Domain.Common;

/// <summary>
/// Deadlines are legal dates in the jurisdiction's time zone (Asia/Shanghai, domain.md §6).
/// China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and needs
/// no time-zone database on the server.
/// </summary>
public static class JurisdictionTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The local calendar day of an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The last instant of a local day: a deadline "on" a day lasts until that day's midnight.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) =>
        new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Offset).AddTicks(-1).ToUniversalTime();
}
