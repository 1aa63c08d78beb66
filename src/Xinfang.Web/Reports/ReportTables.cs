using System.Globalization;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Reports;

/// <summary>
/// One table of the dashboard as data: Chinese headers and rows of cells (text, whole numbers, decimals, or
/// null for "—"). The page, the .xlsx and the .csv all render these, so an export says what the page says.
/// </summary>
public sealed record ReportTable(string Key, string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>The figures of a scope and of the same period a year earlier (同比), as read from <see cref="IIndicatorSource"/>.</summary>
public sealed record ReportFigures(ParsedFilter Filter, StatisticsResult Current, StatisticsResult LastYear)
{
    /// <summary>ownership (issue 14): the 领导包案 / 治重化积 tables of the same scope, from their modules' own queries.</summary>
    public IReadOnlyList<ReportTable> OwnershipTables { get; init; } = [];

    /// <summary>cohandling (issue 14): the 主办/协办 table of the same scope, from its module's own query.</summary>
    public IReadOnlyList<ReportTable> CoHandlingTables { get; init; } = [];
    /// <summary>duty (issue 14): 联席会议议定事项, 值班和零报告 and 紧急信访信息报告 tables of the same scope, from their own queries.</summary>
    public IReadOnlyList<ReportTable> DutyTables { get; init; } = [];

    /// <summary>Last year's figures count only where last year had items (the seeds compare only with a real year).</summary>
    public bool HasLastYear => LastYear.Total.Items > 0;

    /// <summary>reception (issue 14): the 领导接访 figures of the same scope (Reception/ReceptionFigures), for the report's own section.</summary>
    public Reception.ReceptionFiguresResult? Reception { get; init; }

    /// <summary>campaigns (issue 14): the 治重化积 figures of the same scope (Campaigns/CampaignFigures), for the report's own section.</summary>
    public Campaigns.CampaignFiguresResult? Campaigns { get; init; }
    /// <summary>legal (issue 14): 律师意见、转介、案审、典型案例 of the same scope (Legal/LegalFigures), for the report's own section.</summary>
    public Legal.LegalFiguresResult? Legal { get; init; }
    /// <summary>screening (issue 14): the 矛盾纠纷排查和预警 figures of the same scope (Screening/ScreeningFigures).</summary>
    public Screening.ScreeningFiguresResult? Screening { get; init; }
    /// <summary>mediation (issue 14): the 调解评理 figures of the same scope (Mediation/MediationFigures), for the report's own section.</summary>
    public Mediation.MediationFiguresResult? Mediation { get; init; }

    public Indicator? Indicator(string code, Side side = Side.All) =>
        Current.Indicators.FirstOrDefault(i => i.Code == code && i.Side == side) ?? Current.Indicators.FirstOrDefault(i => i.Code == code);

    public Indicator? LastYearIndicator(Indicator now) =>
        HasLastYear ? LastYear.Indicators.FirstOrDefault(i => i.Code == now.Code && i.Side == now.Side) : null;

    public long CountOf(string code) => Current.Counts.FirstOrDefault(c => c.Code == code)?.Value ?? 0;

    public long? LastYearCountOf(string code) => HasLastYear ? LastYear.Counts.FirstOrDefault(c => c.Code == code)?.Value ?? 0 : null;
}

/// <summary>How figures are written: percentages with one decimal (the seeds' 79.3%), averages in days, "—" for nothing.</summary>
public static class FigureText
{
    /// <summary>The figure as a number for a spreadsheet: the percentage (79.3) or the average (11.4), or null.</summary>
    public static decimal? Number(Indicator i) =>
        i.IsAverage ? i.Value.Value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero) : null : i.Value.Percent;

    public static string Value(Indicator? i) => i is null ? "—"
        : Number(i) is not { } n ? "—"
        : i.IsAverage ? $"{n.ToString("0.0", CultureInfo.InvariantCulture)}天" : $"{n.ToString("0.0", CultureInfo.InvariantCulture)}%";

    /// <summary>The workings beside a figure: "218 ÷ 275".</summary>
    public static string Workings(Indicator i) => $"{i.Value.Numerator} ÷ {i.Value.Denominator}";

    public static string Ratio(Ratio r) => r.Percent is { } p ? $"{p.ToString("0.0", CultureInfo.InvariantCulture)}%" : "—";

    public static string SideName(Side side) => side switch
    {
        Side.Bureau => "信访部门",
        Side.Unit => "责任单位",
        _ => "全部",
    };

    /// <summary>The change against last year, in points for a rate and days for an average ("+1.2"), or null.</summary>
    public static decimal? Change(Indicator now, Indicator? before) =>
        before is not null && Number(now) is { } a && Number(before) is { } b ? a - b : null;
}

/// <summary>Every table of the dashboard, built from the figures (one place, so page and exports agree).</summary>
public static class ReportTables
{
    public const string Indicators = "indicators";
    public const string Counts = "counts";
    public const string Months = "months";
    public const string Units = "units";
    public const string Overdue = "overdue";
    public const string ComplainedDomains = "complained-domains";
    public const string ComplainedUnits = "complained-units";
    public const string BreakdownPrefix = "breakdown-";

    /// <summary>The keys an export may name: the fixed tables and one per breakdown of the result.</summary>
    public static IReadOnlyList<ReportTable> All(ReportFigures f) =>
    [
        IndicatorTable(f),
        CountTable(f),
        .. f.Current.Breakdowns.Select(b => BreakdownTable(f, b)),
        MonthTable(f),
        UnitTable(f),
        OverdueTable(f),
        VolumeTable(ComplainedDomains, "反映问题最集中的领域", "领域", f.Current.MostComplainedDomains),
        VolumeTable(ComplainedUnits, "被反映问题最多的单位", "单位", f.Current.MostComplainedUnits),
    ];

    public static ReportTable? Find(ReportFigures f, string key) => All(f).FirstOrDefault(t => t.Key == key);

    /// <summary>Whether a key can name a table at all (before any figure is computed: an unknown key is a 404).</summary>
    public static bool IsKnownKey(string key) =>
        key is Indicators or Counts or Months or Units or Overdue or ComplainedDomains or ComplainedUnits
        || (key.StartsWith(BreakdownPrefix, StringComparison.Ordinal) && key.Length > BreakdownPrefix.Length && key.Length <= 64
            && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'));

    public static ReportTable IndicatorTable(ReportFigures f) => new(Indicators, "信访工作指标",
        ["指标", "口径", "数值", "分子", "分子说明", "分母", "分母说明", "去年同期", "同比增减"],
        f.Current.Indicators.Select(i =>
        {
            var before = f.LastYearIndicator(i);
            return (IReadOnlyList<object?>)
            [
                i.Name + (i.IsAverage ? "（天）" : "（%）"), FigureText.SideName(i.Side), FigureText.Number(i), i.Value.Numerator, i.NumeratorName,
                i.Value.Denominator, i.DenominatorName, before is null ? null : FigureText.Number(before), FigureText.Change(i, before),
            ];
        }).ToList());

    public static ReportTable CountTable(ReportFigures f) => new(Counts, "转送、交办、督办等件数",
        ["项目", "本期", "去年同期"],
        f.Current.Counts.Select(c => (IReadOnlyList<object?>)[c.Name, c.Value, f.LastYearCountOf(c.Code)]).ToList());

    public static ReportTable BreakdownTable(ReportFigures f, Breakdown b)
    {
        var before = f.HasLastYear ? f.LastYear.Breakdowns.FirstOrDefault(x => x.Code == b.Code) : null;
        return new(BreakdownPrefix + b.Code, $"信访量（按{b.Name}）", [b.Name, "批次", "件数", "人次", "去年同期件数"],
            b.Rows.Select(r => (IReadOnlyList<object?>)[r.Label, r.Batches, r.Items, r.Persons,
                before is null ? null : before.Rows.FirstOrDefault(x => x.Key == r.Key)?.Items ?? 0]).ToList());
    }

    public static ReportTable MonthTable(ReportFigures f) => new(Months, "逐月趋势",
        ["月份", "件数", "去年同月件数", "按期办结率（%）", "按期办结（分子/分母）", "满意率（%）", "满意（分子/分母）"],
        f.Current.Months.Select(m => (IReadOnlyList<object?>)
        [
            $"{m.Year}年{m.Month}月", m.Items,
            f.HasLastYear ? f.LastYear.Months.FirstOrDefault(x => x.Year == m.Year - 1 && x.Month == m.Month)?.Items ?? 0 : null,
            m.OnTimeClosure.Percent, $"{m.OnTimeClosure.Numerator}/{m.OnTimeClosure.Denominator}",
            m.Satisfaction.Percent, $"{m.Satisfaction.Numerator}/{m.Satisfaction.Denominator}",
        ]).ToList());

    /// <summary>
    /// Units ranked by on-time closure, then satisfaction (a unit with nothing due ranks last: "—" is not 100 %),
    /// then by name so equal figures keep a stable order.
    /// </summary>
    public static IReadOnlyList<UnitRow> Ranked(IEnumerable<UnitRow> units) => units
        .OrderByDescending(u => u.OnTimeClosure.Value ?? -1m)
        .ThenByDescending(u => u.Satisfaction.Value ?? -1m)
        .ThenBy(u => u.Name, StringComparer.Ordinal)
        .ToList();

    public static ReportTable UnitTable(ReportFigures f) => new(Units, "责任单位排名（按期办结率、满意率）",
        ["排名", "责任单位", "办理件数", "按期办结率（%）", "按期办结（分子/分母）", "满意率（%）", "满意（分子/分母）", "当前逾期"],
        Ranked(f.Current.Units).Select((u, n) => (IReadOnlyList<object?>)
        [
            (long)(n + 1), u.Name, u.Items, u.OnTimeClosure.Percent, $"{u.OnTimeClosure.Numerator}/{u.OnTimeClosure.Denominator}",
            u.Satisfaction.Percent, $"{u.Satisfaction.Numerator}/{u.Satisfaction.Denominator}", u.OverdueOpen,
        ]).ToList());

    public static ReportTable OverdueTable(ReportFigures f) => new(Overdue, "各单位逾期未办结件数",
        ["责任单位", "逾期未办结", "办理件数"],
        f.Current.Units.Where(u => u.OverdueOpen > 0).OrderByDescending(u => u.OverdueOpen).ThenBy(u => u.Name, StringComparer.Ordinal)
            .Select(u => (IReadOnlyList<object?>)[u.Name, u.OverdueOpen, u.Items]).ToList());

    private static ReportTable VolumeTable(string key, string title, string label, IReadOnlyList<VolumeRow> rows) => new(key, title,
        ["排名", label, "批次", "件数", "人次"],
        rows.Select((r, n) => (IReadOnlyList<object?>)[(long)(n + 1), r.Label, r.Batches, r.Items, r.Persons]).ToList());

    /// <summary>The raw items behind a figure, for the .xlsx of a drill-down.</summary>
    public static ReportTable ItemsTable(string title, IReadOnlyList<ItemBehindFigure> items) => new("items", title,
        ["编号", "标题", "形式", "状态", "登记日期", "当前承办单位", "到期日", "办结日期"],
        items.Select(i => (IReadOnlyList<object?>)
        [
            i.Number, i.Title, i.Channel, i.State, Day(i.ReceivedOn), i.CurrentOrganizationName, Day(i.DueOn), Day(i.DoneOn),
        ]).ToList());

    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
