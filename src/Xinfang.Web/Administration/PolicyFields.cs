using System.Reflection;
using Xinfang.Domain.Deadlines;

namespace Xinfang.Web.Administration;

/// <summary>
/// The fields of a jurisdiction's deadline policy by their Chinese names and articles (issue 13: the deadline
/// table said <c>BureauDisposition</c>). The page /admin/policies lists and edits them; the values' meaning is
/// <see cref="DeadlinePolicy"/>'s.
/// </summary>
public static class PolicyFields
{
    public sealed record Field(string Name, string Label, PropertyInfo Override, PropertyInfo Effective)
    {
        public bool IsPeriod => Effective.PropertyType == typeof(Period);

        public bool IsFlag => Effective.PropertyType == typeof(bool);
    }

    private static readonly (string Name, string Label)[] Labels =
    [
        (nameof(DeadlinePolicy.BureauDisposition), "信访部门处理期限（条例第二十二条）"),
        (nameof(DeadlinePolicy.SplitBureauDispositionByLevel), "处理期限按层级分段"),
        (nameof(DeadlinePolicy.BureauDispositionNational), "分段：国家级"),
        (nameof(DeadlinePolicy.BureauDispositionProvince), "分段：省级"),
        (nameof(DeadlinePolicy.BureauDispositionCity), "分段：市级"),
        (nameof(DeadlinePolicy.BureauDispositionCounty), "分段：县级"),
        (nameof(DeadlinePolicy.NoticeOfReceipt), "书面告知受理期限（条例第二十三条）"),
        (nameof(DeadlinePolicy.ForwardObjection), "对转送提出异议期限（条例第二十三条）"),
        (nameof(DeadlinePolicy.Handling), "办理期限（条例第三十四条）"),
        (nameof(DeadlinePolicy.MaxExtensionDays), "延期合计最多天数（条例第三十四条）"),
        (nameof(DeadlinePolicy.MaxExtensions), "延期最多次数"),
        (nameof(DeadlinePolicy.ReviewRequestWindow), "申请复查期限（条例第三十五条）"),
        (nameof(DeadlinePolicy.ReviewOpinion), "复查意见期限（条例第三十五条）"),
        (nameof(DeadlinePolicy.ReReviewRequestWindow), "申请复核期限（条例第三十六条）"),
        (nameof(DeadlinePolicy.ReReviewOpinion), "复核意见期限（条例第三十六条）"),
        (nameof(DeadlinePolicy.SupervisionFeedback), "督办反馈期限（条例第四十条）"),
        (nameof(DeadlinePolicy.RatingWindow), "满意度评价期限"),
        (nameof(DeadlinePolicy.UrgentForwardHours), "紧急事项转送时限（小时）"),
        (nameof(DeadlinePolicy.UrgentAnswerHours), "紧急事项答复时限（小时）"),
        (nameof(DeadlinePolicy.RollForwardRestDay), "期限末日遇休息日顺延"),
        (nameof(DeadlinePolicy.MaxBackdatingDays), "补录日期最多可往前天数"),
    ];

    public static IReadOnlyList<Field> All { get; } = Labels
        .Select(l => new Field(l.Name, l.Label, typeof(PolicyOverride).GetProperty(l.Name)!, typeof(DeadlinePolicy).GetProperty(l.Name)!))
        .ToList();

    public static string Show(object? value) => value switch
    {
        null => "—",
        Period p => p.ToString(),
        bool b => b ? "是" : "否",
        _ => value.ToString() ?? "—",
    };

    /// <summary>
    /// An override from the form's values (field name → "" to inherit, a number, "是"/"否"; a period's unit under
    /// name + ".unit"). Returns the problems in Chinese instead when a value is not a whole number.
    /// </summary>
    public static (PolicyOverride? Override, List<string> Problems) Parse(string jurisdiction, Func<string, string?> value)
    {
        var result = new PolicyOverride(jurisdiction);
        var problems = new List<string>();
        foreach (var f in All)
        {
            var text = value(f.Name)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            object? parsed;
            if (f.IsFlag)
            {
                parsed = text switch { "是" => true, "否" => false, _ => null };
            }
            else if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                parsed = null;
            }
            else if (f.IsPeriod)
            {
                parsed = new Period(n, value(f.Name + ".unit") == nameof(PeriodUnit.WorkingDays) ? PeriodUnit.WorkingDays : PeriodUnit.CalendarDays);
            }
            else
            {
                parsed = (int?)n;
            }

            if (parsed is null)
            {
                problems.Add($"{f.Label}：应为整数");
                continue;
            }

            f.Override.SetValue(result, parsed);
        }

        return (problems.Count == 0 ? result : null, problems);
    }
}
