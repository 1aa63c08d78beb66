using System.Linq.Expressions;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Statistics;

/// <summary>Whose figure (domain.md §9): the petition bureau (信访部门), the responsible units (责任单位), or all items.</summary>
public enum StatisticsSide
{
    All,
    Bureau,
    Unit,
}

/// <summary>The period (local days, both ends included) and the day the figures are computed on (open clocks are judged on it).</summary>
public sealed record StatisticsPeriod(DateOnly From, DateOnly To, DateOnly Today);

/// <summary>How 平均办理天数 counts days: bureaus differ (docs/domain/statistics.md).</summary>
public enum DayCount
{
    /// <summary>自然日 (default; the seeds do not say, and calendar days are what a petitioner feels).</summary>
    Calendar,
    /// <summary>工作日, in the jurisdiction's working-day calendar.</summary>
    Working,
}

/// <summary>
/// The choices where no official text fixes a definition and bureaus differ (docs/domain/statistics.md),
/// bound from configuration <c>Xinfang:Statistics</c>.
/// </summary>
public sealed record StatisticsSettings
{
    public static StatisticsSettings Default { get; } = new();

    /// <summary>平均办理天数 in calendar or working days.</summary>
    public DayCount AverageDaysIn { get; init; } = DayCount.Calendar;

    /// <summary>一次性办结率: an item that a later item repeats (重件) was not closed "at one go".</summary>
    public bool FirstTimeExcludesLaterRepeats { get; init; } = true;

    /// <summary>涉法涉诉 items are left out of every rate and average [P, the Guangdong formulas]; volumes and counts keep them.</summary>
    public bool ExcludeLitigationRelated { get; init; } = true;
}

/// <summary>The stable codes of the figures; the Web contract (<c>IndicatorCodes</c>, <c>CountCodes</c>) uses the same strings.</summary>
public static class StatisticsCodes
{
    public const string TimelyAcceptance = "timely-acceptance";
    public const string OnTimeClosure = "on-time-closure";
    public const string Participation = "participation";
    public const string Satisfaction = "satisfaction";
    public const string Repeat = "repeat";
    public const string OnlineShare = "online-share";
    public const string AverageDays = "average-days";
    public const string FirstTimeClosure = "first-time-closure";
    public const string Resolution = "resolution";

    public const string Forwarded = "forwarded";
    public const string Assigned = "assigned";
    public const string NotTakenUp = "not-taken-up";
    public const string NotTakenUpAgain = "not-taken-up-again";
    public const string Collective = "collective";
    public const string SkipLevel = "skip-level";
    public const string Reviews = "reviews";
    public const string ReReviews = "re-reviews";
    public const string ResolutionUnrecorded = "resolution-unrecorded";

    // ── stats-reviews: review outcomes (ADR 0084) and 进京/赴省访 (ADR 0085) ──
    public const string ReviewsUpheld = "reviews-upheld";
    public const string ReviewsRevoked = "reviews-revoked";
    public const string ReviewsChanged = "reviews-changed";
    public const string ReReviewsUpheld = "re-reviews-upheld";
    public const string ReReviewsRevoked = "re-reviews-revoked";
    public const string ReReviewsChanged = "re-reviews-changed";
    public const string SkipLevelToCapital = "skip-level-capital";
    public const string SkipLevelToProvince = "skip-level-province";
}

/// <summary>
/// One ratio or average: which items are below the line (<see cref="Denominator"/>) and which of them above it
/// (<see cref="Numerator"/>, always a subset); for an average <see cref="Sum"/> is summed over the denominator's items.
/// The population of the side (<see cref="IndicatorRules.Population"/>) is applied on top.
/// </summary>
public sealed record FigureRule(
    string Code,
    string Name,
    StatisticsSide Side,
    bool IsAverage,
    string NumeratorName,
    string DenominatorName,
    string Definition,
    Expression<Func<ItemFacts, bool>> Denominator,
    Expression<Func<ItemFacts, bool>> Numerator,
    Expression<Func<ItemFacts, int>>? Sum = null);

/// <summary>A plain count of items over the whole scope (<see cref="StatisticsSide.All"/>), dated by its own step.</summary>
public sealed record CountRule(string Code, string Name, Expression<Func<ItemFacts, bool>> Counted);

/// <summary>
/// The indicators of domain.md §9 as predicates over <see cref="ItemFacts"/>, the same for the database
/// (translated to SQL) and for memory (compiled). Every definition is in docs/domain/statistics.md; the
/// <see cref="FigureRule.Definition"/> texts say it in Chinese beside each figure.
/// </summary>
public static class IndicatorRules
{
    /// <summary>
    /// Which items a side counts, for the organisations <paramref name="organizations"/> (a subtree):
    /// the bureau side — items a petition bureau of the subtree registered; the unit side — items whose
    /// responsible unit is in the subtree; all — either. Voided items are in no side (issue 12: "voided items never count").
    /// <para><paramref name="organizations"/> null: the subtree is every organisation of the deployment (a province's
    /// own dashboard), so membership holds for every item and is not asked. Asked, it is a list of hundreds of ids
    /// on every row, and PostgreSQL then read the whole fact table instead of the month's dates through their
    /// indexes (bench/RESULTS.md, session 14: 630 → 160 ms a statement at 1 M items).</para>
    /// </summary>
    public static Expression<Func<ItemFacts, bool>> Population(StatisticsSide side, Guid[]? organizations) => (side, organizations) switch
    {
        (StatisticsSide.Bureau, null) => f => !f.Voided && f.RegisteredByBureau,
        (StatisticsSide.Unit, null) => f => !f.Voided && f.UnitOrganizationId != null,
        (_, null) => f => !f.Voided,
        (StatisticsSide.Bureau, { } orgs) => f => !f.Voided && f.RegisteredByBureau && orgs.Contains(f.RegisteringOrganizationId),
        (StatisticsSide.Unit, { } orgs) => f => !f.Voided && f.UnitOrganizationId != null && orgs.Contains(f.UnitOrganizationId.Value),
        (_, { } orgs) => f => !f.Voided && (orgs.Contains(f.RegisteringOrganizationId) || (f.UnitOrganizationId != null && orgs.Contains(f.UnitOrganizationId.Value))),
    };

    /// <summary>Volumes (批/件/人次): items received in the period, litigation-related included.</summary>
    public static Expression<Func<ItemFacts, bool>> Received(StatisticsPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (from, to) = (period.From, period.To);
        return f => f.ReceivedOn >= from && f.ReceivedOn <= to;
    }

    public static IReadOnlyList<FigureRule> Indicators(StatisticsPeriod period, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(settings);
        var (from, to, today) = (period.From, period.To, period.Today);
        Expression<Func<ItemFacts, bool>> counted = settings.ExcludeLitigationRelated ? f => !f.LitigationRelated : f => true;
        var litigation = settings.ExcludeLitigationRelated ? "涉法涉诉信访事项不计入。" : "涉法涉诉信访事项计入。";
        var rules = new List<FigureRule>();

        void Add(string code, string name, StatisticsSide side, string numName, string denName, string definition,
            Expression<Func<ItemFacts, bool>> denominator, Expression<Func<ItemFacts, bool>> above, Expression<Func<ItemFacts, int>>? sum = null)
        {
            var below = And(counted, denominator);
            rules.Add(new FigureRule(code, name, side, sum is not null, numName, denName, definition + litigation, below, sum is null ? And(below, above) : below, sum));
        }

        // 及时受理率: the window's last day puts the item into the period; a window still running on the day of
        // computing is not counted until it is met or has ended.
        Add(StatisticsCodes.TimelyAcceptance, "及时受理率（信访部门）", StatisticsSide.Bureau, "期限内转送、交办或答复的件数", "转送交办期限届满于本期的件数",
            "信访部门自收到之日起15日内（条例第二十二条）转送、交办或答复的件数，除以该期限最后一日落在本期内的件数；期限尚未届满且未办理的不计入。退回重新处理的，以第一次期限为准。",
            f => f.DispositionDueOn != null && f.DispositionDueOn >= from && f.DispositionDueOn <= to && (f.DispositionMetOn != null || f.DispositionDueOn < today),
            f => f.DispositionMetOn <= f.DispositionDueOn);
        Add(StatisticsCodes.TimelyAcceptance, "及时受理率（责任单位）", StatisticsSide.Unit, "期限内决定受理并告知的件数", "受理告知期限届满于本期的件数",
            "责任单位自收到之日起15日内决定是否受理并书面告知（条例第二十三条）的件数，除以该期限最后一日落在本期内的件数；期限尚未届满且未告知的不计入。",
            f => f.AcceptanceDueOn != null && f.AcceptanceDueOn >= from && f.AcceptanceDueOn <= to && (f.AcceptanceMetOn != null || f.AcceptanceDueOn < today),
            f => f.AcceptanceMetOn <= f.AcceptanceDueOn);

        // 按期办结率 (domain.md §9): on time ÷ (on time + late + open not yet due + open overdue), by due day.
        Expression<Func<ItemFacts, bool>> handlingDue = f => f.HandlingDueOn != null && f.HandlingDueOn >= from && f.HandlingDueOn <= to;
        Expression<Func<ItemFacts, bool>> handledOnTime = f => f.HandlingMetOn <= f.HandlingDueOn;
        const string OnTime = "办理期限（条例第三十四条，含延期）最后一日落在本期内的件数为分母（按期办结、逾期办结、未到期未办结、超期未办结），其中在期限内送达答复的为分子。";
        Add(StatisticsCodes.OnTimeClosure, "按期办结率", StatisticsSide.All, "按期办结件数", "办理期限届满于本期的件数", OnTime, handlingDue, handledOnTime);
        Add(StatisticsCodes.OnTimeClosure, "按期办结率（责任单位）", StatisticsSide.Unit, "按期办结件数", "办理期限届满于本期的件数", OnTime, handlingDue, handledOnTime);

        // 参评率 and 满意率, the bureau and the unit rated separately (domain.md §8).
        Add(StatisticsCodes.Participation, "参评率（信访部门）", StatisticsSide.Bureau, "已评价信访部门的件数", "已评价与超期未评价的件数",
            "参评件中，本期内评价了信访部门的件数，除以该数加上评价期限在本期内届满而未评价的件数；评价期限尚未届满的不计入。只有转送、交办的件单独评价信访部门。",
            f => f.TakesPart && f.BureauIsRated && ((f.BureauRating != null && f.RatedOn >= from && f.RatedOn <= to)
                || (f.BureauRating == null && f.RatingDueOn != null && f.RatingDueOn < today && f.RatingDueOn >= from && f.RatingDueOn <= to)),
            f => f.BureauRating != null);
        Add(StatisticsCodes.Participation, "参评率（责任单位）", StatisticsSide.Unit, "已评价责任单位的件数", "已评价与超期未评价的件数",
            "参评件中，本期内评价了责任单位的件数，除以该数加上评价期限在本期内届满而未评价的件数；评价期限尚未届满的不计入。",
            f => f.TakesPart && ((f.UnitRating != null && f.RatedOn >= from && f.RatedOn <= to)
                || (f.UnitRating == null && f.RatingDueOn != null && f.RatingDueOn < today && f.RatingDueOn >= from && f.RatingDueOn <= to)),
            f => f.UnitRating != null);
        Add(StatisticsCodes.Satisfaction, "满意率（信访部门）", StatisticsSide.Bureau, "满意和基本满意的件数", "本期评价信访部门的件数",
            "本期内对信访部门的评价中，满意与基本满意之和除以评价件数。",
            f => f.BureauRating != null && f.RatedOn >= from && f.RatedOn <= to,
            f => f.BureauRating == Satisfaction.Satisfied || f.BureauRating == Satisfaction.BasicallySatisfied);
        Add(StatisticsCodes.Satisfaction, "满意率（责任单位）", StatisticsSide.Unit, "满意和基本满意的件数", "本期评价责任单位的件数",
            "本期内对责任单位的评价中，满意与基本满意之和除以评价件数。",
            f => f.UnitRating != null && f.RatedOn >= from && f.RatedOn <= to,
            f => f.UnitRating == Satisfaction.Satisfied || f.UnitRating == Satisfaction.BasicallySatisfied);

        Add(StatisticsCodes.Repeat, "重复信访率", StatisticsSide.All, "重件数", "本期收到的件数",
            "本期收到的信访件中，登记为重件（关联了初件）的件数除以全部件数。",
            f => f.ReceivedOn >= from && f.ReceivedOn <= to, f => f.FirstItemId != null);
        Add(StatisticsCodes.OnlineShare, "网上信访占比", StatisticsSide.All, "网上信访件数", "本期收到的件数",
            "本期收到的信访件中，网上信访（含手机、微信、领导信箱）件数除以全部件数。",
            f => f.ReceivedOn >= from && f.ReceivedOn <= to, f => f.Form == PetitionForm.Online);
        Add(StatisticsCodes.AverageDays, "平均办理天数", StatisticsSide.All,
            settings.AverageDaysIn == DayCount.Working ? "办理工作日之和" : "办理天数之和", "本期送达答复的件数",
            "本期内送达答复的件，自收到之日至答复送达之日的" + (settings.AverageDaysIn == DayCount.Working ? "工作日" : "自然日") + "数（收到当日不计）之和，除以件数。",
            f => f.RepliedOn != null && f.RepliedOn >= from && f.RepliedOn <= to, f => true,
            settings.AverageDaysIn == DayCount.Working ? f => f.ReplyWorkingDays ?? 0 : f => f.ReplyCalendarDays ?? 0);
        Add(StatisticsCodes.FirstTimeClosure, "一次性办结率", StatisticsSide.All, "一次性办结件数", "本期办结的初次信访件数",
            "本期办结的初次信访件（非重件）中，未申请复查、复核" + (settings.FirstTimeExcludesLaterRepeats ? "，且此后没有以其为初件的重件" : string.Empty) + "的件数，除以该类办结件数（非官方定义，见统计口径说明）。",
            f => f.FirstItemId == null && f.ClosedOn != null && f.ClosedOn >= from && f.ClosedOn <= to,
            settings.FirstTimeExcludesLaterRepeats
                ? f => f.ReviewRequestedOn == null && f.ReReviewRequestedOn == null && !f.RepeatedLater
                : f => f.ReviewRequestedOn == null && f.ReReviewRequestedOn == null);
        Add(StatisticsCodes.Resolution, "化解率", StatisticsSide.All, "已化解件数", "本期办结且记录了化解情况的件数",
            "本期办结的件中，办结时认定为化解的件数，除以记录了化解情况（化解、部分化解、未化解）的件数；部分化解不计入分子；未记录化解情况的办结件另行计数，不计入。",
            f => f.ClosedOn != null && f.ClosedOn >= from && f.ClosedOn <= to && f.Resolution != null,
            f => f.Resolution == Petitions.Resolution.Resolved);
        return rules;
    }

    /// <summary>Counts of steps in the period, each dated by the day of its step (the first such step of an item).</summary>
    public static IReadOnlyList<CountRule> Counts(StatisticsPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (from, to) = (period.From, period.To);
        return
        [
            new(StatisticsCodes.Forwarded, "转送", f => f.ForwardedOn != null && f.ForwardedOn >= from && f.ForwardedOn <= to),
            new(StatisticsCodes.Assigned, "交办", f => f.AssignedOn != null && f.AssignedOn >= from && f.AssignedOn <= to),
            new(StatisticsCodes.NotTakenUp, "不予受理", f => f.DeclinedOn != null && f.DeclinedOn >= from && f.DeclinedOn <= to),
            new(StatisticsCodes.NotTakenUpAgain, "不再受理", f => f.RefusedAgainOn != null && f.RefusedAgainOn >= from && f.RefusedAgainOn <= to),
            new(StatisticsCodes.Collective, "集体访", f => f.Collective && f.Form == PetitionForm.Visit && f.ReceivedOn >= from && f.ReceivedOn <= to),
            new(StatisticsCodes.SkipLevel, "越级访", f => f.SkippedLevel && f.ReceivedOn >= from && f.ReceivedOn <= to),
            new(StatisticsCodes.Reviews, "复查", f => f.ReviewRequestedOn != null && f.ReviewRequestedOn >= from && f.ReviewRequestedOn <= to),
            new(StatisticsCodes.ReReviews, "复核", f => f.ReReviewRequestedOn != null && f.ReReviewRequestedOn >= from && f.ReReviewRequestedOn <= to),
            new(StatisticsCodes.ResolutionUnrecorded, "办结未记录化解情况", f => f.ClosedOn != null && f.ClosedOn >= from && f.ClosedOn <= to && f.Resolution == null),
            .. ReviewOutcomeCounts(period),
            .. SkipLevelCounts(period),
        ];
    }

    // ── stats-reviews ──

    /// <summary>
    /// 复查 / 复核 opinions by outcome (ADR 0084, 条例 Arts. 35–36), dated by the day the opinion was served
    /// (the request counts, <c>reviews</c>/<c>re-reviews</c>, are dated by the request). An opinion recorded
    /// without an outcome is in none of the three.
    /// </summary>
    public static IReadOnlyList<CountRule> ReviewOutcomeCounts(StatisticsPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (from, to) = (period.From, period.To);
        return
        [
            new(StatisticsCodes.ReviewsUpheld, "复查维持", f => f.ReviewOpinionOn != null && f.ReviewOpinionOn >= from && f.ReviewOpinionOn <= to && f.ReviewOutcome == ReviewOutcome.Upheld),
            new(StatisticsCodes.ReviewsRevoked, "复查撤销", f => f.ReviewOpinionOn != null && f.ReviewOpinionOn >= from && f.ReviewOpinionOn <= to && f.ReviewOutcome == ReviewOutcome.Revoked),
            new(StatisticsCodes.ReviewsChanged, "复查变更", f => f.ReviewOpinionOn != null && f.ReviewOpinionOn >= from && f.ReviewOpinionOn <= to && f.ReviewOutcome == ReviewOutcome.Changed),
            new(StatisticsCodes.ReReviewsUpheld, "复核维持", f => f.ReReviewOpinionOn != null && f.ReReviewOpinionOn >= from && f.ReReviewOpinionOn <= to && f.ReReviewOutcome == ReviewOutcome.Upheld),
            new(StatisticsCodes.ReReviewsRevoked, "复核撤销", f => f.ReReviewOpinionOn != null && f.ReReviewOpinionOn >= from && f.ReReviewOpinionOn <= to && f.ReReviewOutcome == ReviewOutcome.Revoked),
            new(StatisticsCodes.ReReviewsChanged, "复核变更", f => f.ReReviewOpinionOn != null && f.ReReviewOpinionOn >= from && f.ReReviewOpinionOn <= to && f.ReReviewOutcome == ReviewOutcome.Changed),
        ];
    }

    /// <summary>
    /// 进京访 / 赴省访 (ADR 0085, docs/domain/statistics.md): items received in the period recorded as a visit to the
    /// national or the provincial level — registered there, or come back down as a 转送/交办 to this jurisdiction.
    /// Counted in 件 here; the breakdown <see cref="SkipLevelVisits"/> gives 批 and 人次.
    /// </summary>
    public static IReadOnlyList<CountRule> SkipLevelCounts(StatisticsPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (from, to) = (period.From, period.To);
        return
        [
            new(StatisticsCodes.SkipLevelToCapital, "进京访", f => f.SkipLevelDestination == SkipLevelDestination.Capital && f.ReceivedOn >= from && f.ReceivedOn <= to),
            new(StatisticsCodes.SkipLevelToProvince, "赴省访", f => f.SkipLevelDestination == SkipLevelDestination.Province && f.ReceivedOn >= from && f.ReceivedOn <= to),
        ];
    }

    /// <summary>The items of the 进京/赴省访 volume breakdown (批/件/人次 by destination): received in the period with a destination.</summary>
    public static Expression<Func<ItemFacts, bool>> SkipLevelVisits(StatisticsPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (from, to) = (period.From, period.To);
        return f => f.SkipLevelDestination != null && f.ReceivedOn >= from && f.ReceivedOn <= to;
    }

    // ── end stats-reviews ──

    /// <summary>Both predicates (one parameter, so the database provider can translate the result).</summary>
    public static Expression<Func<ItemFacts, bool>> And(Expression<Func<ItemFacts, bool>> left, Expression<Func<ItemFacts, bool>> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var body = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body)!;
        return Expression.Lambda<Func<ItemFacts, bool>>(Expression.AndAlso(left.Body, body), left.Parameters);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
