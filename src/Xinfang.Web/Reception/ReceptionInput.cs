using System.Globalization;
using Xinfang.Domain.Deadlines;
using Xinfang.Web.Common;

namespace Xinfang.Web.Reception;

/// <summary>The <c>/reception</c> pages' form: every field a string, so nothing typed can fail binding; read here into requests.</summary>
public sealed class ReceptionInput
{
    public const string LocalTimeFormat = "yyyy-MM-ddTHH:mm";

    public string? LeaderName { get; set; }

    public string? LeaderPost { get; set; }

    public string? Place { get; set; }

    public string? StartsAt { get; set; }

    public string? Kind { get; set; }

    public string? Topic { get; set; }

    /// <summary>Why a session is moved or cancelled.</summary>
    public string? Reason { get; set; }

    public ReceptionDesk.MoveRequest ToMove(RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(LocalTime(StartsAt, "startsAt", "接访时间", errors), FormFields.Trimmed(Place), FormFields.Trimmed(Reason));
    }

    /// <summary>One attendee a line: 姓名 and 身份 separated by a comma, a colon or a space (李律师，律师).</summary>
    public string? Attendees { get; set; }

    public ReceptionDesk.PlanRequest ToPlan(RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(FormFields.Trimmed(LeaderName), FormFields.Trimmed(LeaderPost), FormFields.Trimmed(Place), LocalTime(StartsAt, "startsAt", "接访时间", errors),
            FormFields.Pick<Domain.Reception.ReceptionKind>(Kind, "kind", "接访方式", errors), FormFields.Trimmed(Topic));
    }

    public ReceptionDesk.AttendanceRequest ToAttendance() =>
        new((Attendees ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(Attendee).ToList());

    /// <summary>A <c>datetime-local</c> value read as Beijing time (the time typed is what is kept).</summary>
    public static DateTimeOffset? LocalTime(string? text, string field, string label, RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateTime.TryParseExact(text.Trim(), [LocalTimeFormat, "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors.Add(field, $"{label}格式不正确（应为 年-月-日 时:分）");
            return null;
        }

        return new DateTimeOffset(local, DeadlineTime.Offset);
    }

    public static string Local(DateTimeOffset instant) => instant.ToOffset(DeadlineTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static ReceptionDesk.AttendeeRequest? Attendee(string line)
    {
        var cut = line.IndexOfAny(['，', ',', '：', ':', ' ', '\t', '　']);
        return cut < 0 ? new(line, null) : new(line[..cut].Trim(), line[(cut + 1)..].Trim());
    }
}
