using System.Globalization;
using Xinfang.Web.Common;

namespace Xinfang.Web.Duty;

/// <summary>The duty pages' forms: every field a string, so nothing typed can fail binding; read here into requests.</summary>
public sealed class DutyInput
{
    public string? Name { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public string? Day { get; set; }

    public string? Officer { get; set; }

    public string? Leader { get; set; }

    public string? Phone { get; set; }

    public string? Situations { get; set; }

    public string? Numbers { get; set; }

    public string? Summary { get; set; }

    public string? Note { get; set; }

    public DutyDesk.DeclareRequest ToDeclare(RequestErrors errors) =>
        new(FormFields.Trimmed(Name), Date(From, "from", "开始日期", errors), Date(To, "to", "结束日期", errors));

    public DutyDesk.RosterRequest ToRoster(RequestErrors errors) =>
        new(Date(Day, "day", "值班日期", errors), FormFields.Trimmed(Officer), FormFields.Trimmed(Leader), FormFields.Trimmed(Phone));

    public DutyDesk.ReportRequest ToReport() => new(FormFields.Trimmed(Situations), ItemLinks.Split(Numbers));

    public UrgentDesk.ReportRequest ToUrgent(Guid? petitionId) => new(FormFields.Trimmed(Summary), petitionId, FormFields.Trimmed(Numbers), null, FormFields.Trimmed(Note));

    public static DateOnly? Date(string? text, string field, string label, RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(field, $"{label}格式应为yyyy-MM-dd");
            return null;
        }

        return day;
    }

    public static string Local(DateTimeOffset? instant) =>
        instant is { } i ? i.ToOffset(Domain.Deadlines.DeadlineTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
