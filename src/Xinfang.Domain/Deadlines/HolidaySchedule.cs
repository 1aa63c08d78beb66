using System.Globalization;

namespace Xinfang.Domain.Deadlines;

/// <summary>Whether a day in a schedule is a day off (休) or a make-up working day (班).</summary>
public enum ScheduleDayKind
{
    /// <summary>休: 放假调休, a day off even if it is Monday–Friday.</summary>
    Rest,
    /// <summary>班: 调休上班, a working day even though it is a Saturday or Sunday.</summary>
    MakeUpWorkingDay,
}

/// <summary>One day of a schedule, with the holiday it belongs to (e.g. 春节) when the file names it.</summary>
public readonly record struct ScheduleDay(DateOnly Date, ScheduleDayKind Kind, string Holiday);

/// <summary>
/// One year of the State Council's holiday schedule (国务院办公厅 部分节假日安排), published each
/// November for the next year and loaded as data, never as code. Parse it with <see cref="Parse"/>.
/// </summary>
/// <remarks>
/// The text format, one entry a line:
/// <code>
/// # comment
/// 休 2026-02-15..2026-02-23  # 春节
/// 班 2026-02-14              # 春节（周六上班）
/// </code>
/// "休" takes a day or an inclusive range; "班" takes one day, which must be a Saturday or Sunday.
/// The trailing comment names the holiday and appears in deadline explanations. A date may lie in
/// the schedule's year or next to it (the 2023 schedule's 元旦 began on 2022-12-31).
/// </remarks>
public sealed class HolidaySchedule
{
    private readonly Dictionary<DateOnly, ScheduleDay> days;

    private HolidaySchedule(int year, Dictionary<DateOnly, ScheduleDay> days)
    {
        Year = year;
        this.days = days;
        Days = [.. days.Values.OrderBy(d => d.Date)];
    }

    /// <summary>The year the notice is for.</summary>
    public int Year { get; }

    /// <summary>Every listed day, in date order.</summary>
    public IReadOnlyList<ScheduleDay> Days { get; }

    /// <summary>The listed days off (休).</summary>
    public IEnumerable<DateOnly> RestDays => Days.Where(d => d.Kind == ScheduleDayKind.Rest).Select(d => d.Date);

    /// <summary>The listed make-up working days (班).</summary>
    public IEnumerable<DateOnly> MakeUpWorkingDays =>
        Days.Where(d => d.Kind == ScheduleDayKind.MakeUpWorkingDay).Select(d => d.Date);

    /// <summary>The entry for a day, if the schedule lists it.</summary>
    public ScheduleDay? Find(DateOnly day) => days.TryGetValue(day, out var entry) ? entry : null;

    /// <summary>
    /// Reads a schedule file. Throws a <see cref="FormatException"/> naming the line for anything it
    /// cannot read: an unknown kind, a bad or impossible date, a reversed range, a 班 day that is not a
    /// weekend day, a day listed twice, a date far from <paramref name="year"/>, or no 休 day at all.
    /// </summary>
    public static HolidaySchedule Parse(int year, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (year is < 1900 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "year out of range");
        }

        var days = new Dictionary<DateOnly, ScheduleDay>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var body = (hash < 0 ? raw : raw[..hash]).Trim();
            var holiday = hash < 0 ? string.Empty : raw[(hash + 1)..].Trim();
            if (body.Length == 0)
            {
                continue;
            }

            FormatException Error(string reason) =>
                new($"{year}年节假日安排第 {i + 1} 行「{raw.Trim()}」：{reason}");

            var parts = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw Error("应为「休 日期[..日期]」或「班 日期」两项");
            }

            var kind = parts[0] switch
            {
                "休" => ScheduleDayKind.Rest,
                "班" => ScheduleDayKind.MakeUpWorkingDay,
                _ => throw Error($"「{parts[0]}」不是「休」或「班」"),
            };

            var range = parts[1].Split("..");
            if (range.Length > 2)
            {
                throw Error("区间写作 起始日..终止日");
            }

            var from = ParseDate(range[0], Error);
            var to = range.Length == 2 ? ParseDate(range[1], Error) : from;
            if (to < from)
            {
                throw Error("区间的终止日早于起始日");
            }

            if (kind == ScheduleDayKind.MakeUpWorkingDay && from != to)
            {
                throw Error("「班」每行只写一天");
            }

            if (Math.Abs(from.Year - year) > 1 || Math.Abs(to.Year - year) > 1)
            {
                throw Error($"日期不在 {year} 年前后");
            }

            if (to.DayNumber - from.DayNumber > 31)
            {
                throw Error("一个假期不会超过一个月，请检查日期");
            }

            for (var day = from; day <= to; day = day.AddDays(1))
            {
                if (kind == ScheduleDayKind.MakeUpWorkingDay && !IsWeekend(day))
                {
                    throw Error($"调休上班日 {day:yyyy-MM-dd} 是{DayName(day)}，应为周六或周日");
                }

                if (!days.TryAdd(day, new ScheduleDay(day, kind, holiday)))
                {
                    throw Error($"{day:yyyy-MM-dd} 已在前面列出");
                }
            }
        }

        if (!days.Values.Any(d => d.Kind == ScheduleDayKind.Rest))
        {
            throw new FormatException($"{year}年节假日安排没有任何「休」行：文件是空的或不是节假日安排");
        }

        return new HolidaySchedule(year, days);
    }

    internal static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    internal static string DayName(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Monday => "星期一",
        DayOfWeek.Tuesday => "星期二",
        DayOfWeek.Wednesday => "星期三",
        DayOfWeek.Thursday => "星期四",
        DayOfWeek.Friday => "星期五",
        DayOfWeek.Saturday => "星期六",
        _ => "星期日",
    };

    private static DateOnly ParseDate(string text, Func<string, FormatException> error) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw error($"「{text}」不是有效日期（应为 YYYY-MM-DD）");
}
