using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Xinfang.Web.Common;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Reports;

/// <summary>
/// The filters of the dashboard, the exports and the annual report, as typed in the address: organisation
/// (an id; empty = the caller's own) and period (year, quarter, month or custom dates). Read as text so junk
/// in the address is a Chinese 400, never a binding failure or a 500.
/// </summary>
public sealed class StatisticsFilter
{
    [FromQuery(Name = "org")] public string? Org { get; set; }

    /// <summary>year | quarter | month | custom; when empty: custom if dates are given, else year.</summary>
    [FromQuery(Name = "period")] public string? Period { get; set; }

    [FromQuery(Name = "year")] public string? Year { get; set; }

    [FromQuery(Name = "quarter")] public string? Quarter { get; set; }

    [FromQuery(Name = "month")] public string? Month { get; set; }

    [FromQuery(Name = "from")] public string? From { get; set; }

    [FromQuery(Name = "to")] public string? To { get; set; }

    /// <summary>The same filters as an address query (for links to exports, drill-downs and the report).</summary>
    public string ToQuery(ParsedFilter parsed)
    {
        var parts = new List<string> { "org=" + parsed.Scope.OrganizationId, "period=" + parsed.Kind.ToString().ToLowerInvariant() };
        switch (parsed.Kind)
        {
            case PeriodKind.Custom:
                parts.Add("from=" + parsed.Scope.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                parts.Add("to=" + parsed.Scope.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            default:
                parts.Add("year=" + parsed.Scope.From.Year.ToString(CultureInfo.InvariantCulture));
                if (parsed.Kind == PeriodKind.Quarter)
                {
                    parts.Add("quarter=" + ((parsed.Scope.From.Month + 2) / 3).ToString(CultureInfo.InvariantCulture));
                }
                else if (parsed.Kind == PeriodKind.Month)
                {
                    parts.Add("month=" + parsed.Scope.From.Month.ToString(CultureInfo.InvariantCulture));
                }

                break;
        }

        return string.Join('&', parts);
    }
}

public enum PeriodKind
{
    Year,
    Quarter,
    Month,
    Custom,
}

/// <summary>A filter that was understood: the scope handed to <see cref="IIndicatorSource"/> and how to name it in titles.</summary>
public sealed record ParsedFilter(StatisticsScope Scope, PeriodKind Kind, string PeriodLabel, string OrganizationName)
{
    /// <summary>The title row of every export and the report: organisation and period (e.g. "西湖区信访局 2026年第一季度").</summary>
    public string Caption => $"{OrganizationName} {PeriodLabel}";
}

/// <summary>Who may see the numbers, and how a filter becomes a scope (or a Chinese error).</summary>
public static class StatisticsAccess
{
    /// <summary>
    /// The staff who read the numbers (issue 12): leaders, supervisors, registrars and unit heads. Handlers,
    /// reviewers and administrators work on items or accounts, not on a jurisdiction's figures.
    /// </summary>
    public static bool MayRead(StaffRole role) => Statistics.IndicatorSource.MayReadStatistics(role); // the engine's rule, one place

    public const string NotAllowed = "只有领导、督办人员、登记人员和单位负责人可以查看统计";

    public const string OutsideSubtree = "只能统计本机构及其下级机构";

    /// <summary>
    /// Reads the filter. <paramref name="defaultToThisYear"/>: the dashboard opens on the current year; the API
    /// and the exports ask for the period explicitly (a download names what it is of). A 403 is signalled by
    /// <c>Forbidden</c> (an organisation outside the caller's subtree).
    /// </summary>
    public static (ParsedFilter? Parsed, RequestErrors Errors, bool Forbidden) Parse(
        StatisticsFilter f, Guid callerOrganization, OrganizationDirectory directory, Func<Guid, string?> nameOf, DateOnly today, bool defaultToThisYear)
    {
        var errors = new RequestErrors();
        var org = callerOrganization;
        if (!string.IsNullOrWhiteSpace(f.Org))
        {
            if (!Guid.TryParse(f.Org, out org) || !directory.Contains(org))
            {
                errors.Add("org", "机构不存在");
            }
            else if (!directory.IsWithin(org, callerOrganization))
            {
                return (null, errors, true);
            }
        }

        PeriodKind? kind = (f.Period ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "" => !string.IsNullOrWhiteSpace(f.From) || !string.IsNullOrWhiteSpace(f.To) ? PeriodKind.Custom
                : !string.IsNullOrWhiteSpace(f.Month) ? PeriodKind.Month
                : !string.IsNullOrWhiteSpace(f.Quarter) ? PeriodKind.Quarter
                : PeriodKind.Year,
            "year" => PeriodKind.Year,
            "quarter" => PeriodKind.Quarter,
            "month" => PeriodKind.Month,
            "custom" => PeriodKind.Custom,
            _ => null,
        };
        DateOnly from = default, to = default;
        string label = string.Empty;
        if (kind is null)
        {
            errors.Add("period", "统计期间类型应为 year（年度）、quarter（季度）、month（月度）或 custom（自定义）");
        }
        else if (kind == PeriodKind.Custom)
        {
            var fromOk = Date(f.From, "from", "开始日期", errors, out from);
            var toOk = Date(f.To, "to", "结束日期", errors, out to);
            if (fromOk && toOk)
            {
                if (to < from)
                {
                    errors.Add("to", "结束日期不能早于开始日期");
                }
                else if (to > from.AddYears(Statistics.StatisticsEndpoints.MaxYears).AddDays(-1))
                {
                    // The same longest period as the statistics API: one rule for the dashboard, exports, report and API.
                    errors.Add("to", $"统计期间不能超过{Statistics.StatisticsEndpoints.MaxYears}年");
                }
            }

            label = $"{from:yyyy年M月d日}至{to:yyyy年M月d日}";
        }
        else
        {
            int year = today.Year;
            if (string.IsNullOrWhiteSpace(f.Year))
            {
                if (!defaultToThisYear)
                {
                    errors.Add("year", "请指定统计年度（year），或自定义期间（from、to）");
                }
            }
            else if (!int.TryParse(f.Year, NumberStyles.None, CultureInfo.InvariantCulture, out year) || year < DateInput.FirstYear || year > DateInput.LastYear)
            {
                errors.Add("year", $"年度应为{DateInput.FirstYear}至{DateInput.LastYear}之间的四位数字");
                year = today.Year;
            }

            (from, to, label) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), $"{year}年");
            if (kind == PeriodKind.Quarter)
            {
                if (Number(f.Quarter, 1, 4) is { } q)
                {
                    from = new DateOnly(year, 3 * q - 2, 1);
                    to = from.AddMonths(3).AddDays(-1);
                    label = $"{year}年第{"一二三四"[q - 1]}季度";
                }
                else
                {
                    errors.Add("quarter", "季度应为1至4");
                }
            }
            else if (kind == PeriodKind.Month)
            {
                if (Number(f.Month, 1, 12) is { } m)
                {
                    from = new DateOnly(year, m, 1);
                    to = from.AddMonths(1).AddDays(-1);
                    label = $"{year}年{m}月";
                }
                else
                {
                    errors.Add("month", "月份应为1至12");
                }
            }
        }

        if (errors.Any)
        {
            return (null, errors, false);
        }

        return (new ParsedFilter(new StatisticsScope(org, from, to), kind!.Value, label, nameOf(org) ?? string.Empty), errors, false);
    }

    private static int? Number(string? text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;

    private static bool Date(string? text, string field, string label, RequestErrors errors, out DateOnly day)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, $"请填写{label}");
            day = default;
            return false;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            errors.Add(field, $"{label}应为 yyyy-MM-dd 格式的日期");
            return false;
        }

        if (!DateInput.Contains(day))
        {
            errors.Add(field, DateInput.OutOfRange(label));
            return false;
        }

        return true;
    }
}
