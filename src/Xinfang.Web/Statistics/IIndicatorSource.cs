namespace Xinfang.Web.Statistics;

// The contract between the numbers (module Statistics computes them) and what is made from them
// (module Reports: dashboard, exports, annual report). Additive changes only: add members at the end.

/// <summary>Which items: an organisation and its whole subtree, and a period of local (Beijing) dates, both ends included.</summary>
public sealed record StatisticsScope(Guid OrganizationId, DateOnly From, DateOnly To)
{
    /// <summary>The same period one year earlier, for "同比" columns.</summary>
    public StatisticsScope YearEarlier() => this with { From = From.AddYears(-1), To = To.AddYears(-1) };
}

/// <summary>Whose figure: the petition bureau (信访部门), the responsible units (责任单位), or both together.</summary>
public enum Side
{
    All,
    Bureau,
    Unit,
}

/// <summary>A figure with its workings: numerator ÷ denominator. For an average the numerator is the sum (e.g. days).</summary>
public sealed record Ratio(long Numerator, long Denominator)
{
    /// <summary>Numerator ÷ denominator, or null when nothing is in the denominator ("—", never 0 % or 100 %).</summary>
    public decimal? Value => Denominator == 0 ? null : (decimal)Numerator / Denominator;

    /// <summary>As a percentage rounded to one decimal (the seeds' style: 79.3), or null.</summary>
    public decimal? Percent => Value is { } v ? Math.Round(100m * v, 1, MidpointRounding.AwayFromZero) : null;
}

/// <summary>
/// One indicator (domain.md §9): <paramref name="Code"/> from <see cref="IndicatorCodes"/>, its Chinese name,
/// whose it is, the ratio, and in plain Chinese what was counted above and below the line and how it was defined
/// (shown beside the figure, so a bureau can check it by hand).
/// </summary>
public sealed record Indicator(
    string Code,
    string Name,
    Side Side,
    Ratio Value,
    bool IsAverage,
    string NumeratorName,
    string DenominatorName,
    string Definition);

/// <summary>A plain count (转送, 交办, 督办, 不予受理 …) with its code from <see cref="CountCodes"/>.</summary>
public sealed record Count(string Code, string Name, long Value);

/// <summary>One row of a volume table: 批 (petitions), 件 (items), 人次 (people).</summary>
public sealed record VolumeRow(string Key, string Label, long Batches, long Items, long Persons);

/// <summary>A volume breakdown (by channel, purpose, content class, 问题属地, level …), code from <see cref="BreakdownCodes"/>.</summary>
public sealed record Breakdown(string Code, string Name, IReadOnlyList<VolumeRow> Rows);

/// <summary>One month of the period: items received, and the month's on-time and satisfaction ratios.</summary>
public sealed record MonthRow(int Year, int Month, long Items, Ratio OnTimeClosure, Ratio Satisfaction);

/// <summary>A responsible unit in the ranking: on-time closure, its satisfaction, what is overdue now, items it handled.</summary>
public sealed record UnitRow(Guid OrganizationId, string Name, Ratio OnTimeClosure, Ratio Satisfaction, long OverdueOpen, long Items);

/// <summary>Everything computed for one scope. Voided items never count (domain.md §9).</summary>
public sealed record StatisticsResult(
    StatisticsScope Scope,
    string OrganizationName,
    DateTimeOffset ComputedAt,
    VolumeRow Total,
    IReadOnlyList<Indicator> Indicators,
    IReadOnlyList<Count> Counts,
    IReadOnlyList<Breakdown> Breakdowns,
    IReadOnlyList<MonthRow> Months,
    IReadOnlyList<UnitRow> Units,
    IReadOnlyList<VolumeRow> MostComplainedDomains,
    IReadOnlyList<VolumeRow> MostComplainedUnits);

/// <summary>Above or below the line: which items a drill-down lists.</summary>
public enum FigurePart
{
    Numerator,
    Denominator,
}

/// <summary>An item behind a figure, as much as the caller may see of it (no personal data).</summary>
public sealed record ItemBehindFigure(
    Guid Id,
    string Number,
    string Title,
    string Channel,
    string State,
    DateOnly ReceivedOn,
    string? CurrentOrganizationName,
    DateOnly? DueOn,
    DateOnly? DoneOn);

/// <summary>
/// Where the numbers come from. Implemented by module Statistics; read by the dashboard, the exports and the
/// annual report. Both methods see only what the signed-in caller may see (their organisation's subtree);
/// a scope outside it is refused by the implementation, not by the callers.
/// </summary>
public interface IIndicatorSource
{
    Task<StatisticsResult> ComputeAsync(StatisticsScope scope, CancellationToken ct);

    /// <summary>The items behind one indicator's or count's numerator or denominator (code from the result).</summary>
    Task<IReadOnlyList<ItemBehindFigure>> ItemsBehindAsync(StatisticsScope scope, string code, FigurePart part, CancellationToken ct);

    /// <summary>
    /// The same for one side of a code that has several figures (满意率 of the bureau and of the units share
    /// the code <c>satisfaction</c>); null takes the first figure of the code. Added by stats-engine.
    /// </summary>
    Task<IReadOnlyList<ItemBehindFigure>> ItemsBehindAsync(StatisticsScope scope, string code, Side? side, FigurePart part, CancellationToken ct) =>
        ItemsBehindAsync(scope, code, part, ct);
}

/// <summary>The stable codes of the indicators (domain.md §9); names and definitions travel with each figure.</summary>
public static class IndicatorCodes
{
    public const string TimelyAcceptance = "timely-acceptance";         // 及时受理率
    public const string OnTimeClosure = "on-time-closure";              // 按期办结率
    public const string Participation = "participation";                // 参评率
    public const string Satisfaction = "satisfaction";                  // 满意率
    public const string Repeat = "repeat";                              // 重复信访率
    public const string OnlineShare = "online-share";                   // 网上信访占比
    public const string AverageDays = "average-days";                   // 平均办理天数
    public const string FirstTimeClosure = "first-time-closure";        // 一次性办结率
    public const string Resolution = "resolution";                      // 化解率
}

/// <summary>The stable codes of the counts.</summary>
public static class CountCodes
{
    public const string Forwarded = "forwarded";                        // 转送
    public const string Assigned = "assigned";                          // 交办
    public const string Supervised = "supervised";                      // 督办
    public const string NotTakenUp = "not-taken-up";                    // 不予受理
    public const string NotTakenUpAgain = "not-taken-up-again";         // 不再受理
    public const string Collective = "collective";                      // 集体访
    public const string SkipLevel = "skip-level";                       // 越级访
    public const string Reviews = "reviews";                            // 复查
    public const string ReviewsUpheld = "reviews-upheld";               // 复查 维持
    public const string ReviewsRevoked = "reviews-revoked";             // 复查 撤销
    public const string ReviewsChanged = "reviews-changed";             // 复查 变更
    public const string ReReviews = "re-reviews";                       // 复核
    public const string ReReviewsUpheld = "re-reviews-upheld";          // 复核 维持
    public const string ReReviewsRevoked = "re-reviews-revoked";        // 复核 撤销
    public const string ReReviewsChanged = "re-reviews-changed";        // 复核 变更
    public const string Recommendations = "recommendations";            // 改进工作建议 made
    public const string RecommendationsAdopted = "recommendations-adopted"; // … taken up
    public const string ResolutionUnrecorded = "resolution-unrecorded";  // 办结未记录化解情况 (not in the 化解率)
    public const string SkipLevelToCapital = "skip-level-capital";      // 进京访 (stats-reviews, ADR 0085)
    public const string SkipLevelToProvince = "skip-level-province";    // 赴省访 (stats-reviews, ADR 0085)
}

/// <summary>The stable codes of the volume breakdowns.</summary>
public static class BreakdownCodes
{
    public const string Channel = "channel";                            // 信访形式
    public const string Purpose = "purpose";                            // 信访目的
    public const string ContentClass = "content-class";                 // 内容分类 (first level)
    public const string ProblemLocation = "problem-location";           // 问题属地
    public const string Level = "level";                                // 层级
    public const string SkipLevelVisits = "skip-level-visits";          // 进京赴省访 (stats-reviews, ADR 0085)
}
