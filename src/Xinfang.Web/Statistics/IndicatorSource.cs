using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Common;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Statistics;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Statistics;

/// <summary>A scope the caller may not see, or a role that reads no statistics (or, for the items behind a figure, no items): a 403.</summary>
public sealed class StatisticsAccessDenied(string message) : Exception(message);

/// <summary>
/// The numbers (issue 12) as counts over <c>statistics_facts</c> (ADR 0080): each figure is two counts (or a
/// count and a sum) of rows filtered by one date range and the organisations of the subtree, the predicates
/// being the domain's <see cref="IndicatorRules"/>. Who may ask: <see cref="MayReadStatistics"/>.
/// </summary>
internal sealed class IndicatorSource(AppDbContext db, PetitionGuard guard, OrganizationDirectory directory, TimeProvider clock, StatisticsSettings settings) : IIndicatorSource
{
    /// <summary>The most items a drill-down lists (the figure's workings stay exact; the list is for reading and export).</summary>
    public const int MaxItemsBehind = 10_000;

    /// <summary>
    /// Leaders (领导), supervisors (督查), registrars (信访部门登记办理) and unit heads (单位负责人) of the
    /// organisation read its statistics and those of any body below it; handlers, reviewers and administrators do not.
    /// </summary>
    public static bool MayReadStatistics(StaffRole role) => role is StaffRole.Leader or StaffRole.Supervisor or StaffRole.Registrar or StaffRole.UnitHead;

    public async Task<StatisticsResult> ComputeAsync(StatisticsScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var orgs = Authorize(scope);
        var now = clock.GetUtcNow();
        var period = new StatisticsPeriod(scope.From, scope.To, DeadlineTime.LocalDate(now));
        var facts = db.Set<ItemFacts>().AsNoTracking();
        var all = facts.Where(IndicatorRules.Population(StatisticsSide.All, orgs));
        var units = facts.Where(IndicatorRules.Population(StatisticsSide.Unit, orgs));
        var received = all.Where(IndicatorRules.Received(period));
        var names = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.DivisionCode }).ToListAsync(ct);
        var nameOf = names.ToDictionary(o => o.Id, o => o.Name);
        var divisionName = names.GroupBy(o => o.DivisionCode).ToDictionary(g => g.Key, g => g.First().Name);

        // --- stats-scale (ADR 0087): every indicator, count and month in one pass (FigureBatch), not one query each ---
        var indicatorRules = IndicatorRules.Indicators(period, settings);
        var countRules = IndicatorRules.Counts(period);
        var monthRules = MonthRules(period);
        var asks = indicatorRules.SelectMany(r => Pair(FigureBatch.AsksOf(r)))
            .Concat(countRules.Select(r => new FigureBatch.Ask(StatisticsSide.All, r.Counted)))
            .Concat(monthRules.SelectMany(m => Pair(FigureBatch.AsksOf(m.OnTime)).Concat(Pair(FigureBatch.AsksOf(m.Satisfaction)))
                .Append(new FigureBatch.Ask(StatisticsSide.All, IndicatorRules.Received(m.Period)))))
            .ToList();
        var answers = await FigureBatch.RunAsync(facts, orgs, period, asks, ct);
        var next = 0;
        var indicators = new List<Indicator>();
        foreach (var rule in indicatorRules)
        {
            indicators.Add(new Indicator(rule.Code, rule.Name, SideOf(rule.Side), new Ratio(answers[next++], answers[next++]), rule.IsAverage, rule.NumeratorName, rule.DenominatorName, rule.Definition));
        }

        var counts = new List<Count>();
        foreach (var rule in countRules)
        {
            counts.Add(new Count(rule.Code, rule.Name, answers[next++]));
        }

        var months = new List<MonthRow>();
        foreach (var m in monthRules)
        {
            var onTime = new Ratio(answers[next++], answers[next++]);
            var satisfaction = new Ratio(answers[next++], answers[next++]);
            months.Add(new MonthRow(m.First.Year, m.First.Month, answers[next++], onTime, satisfaction));
        }
        // --- end stats-scale ---

        counts.Add(new Count(CountCodes.Supervised, "督办", await Supervised(orgs, period).LongCountAsync(ct)));
        counts.Add(new Count(CountCodes.Recommendations, "提出改进工作建议", await Recommendations(orgs, period, adopted: false).LongCountAsync(ct)));
        counts.Add(new Count(CountCodes.RecommendationsAdopted, "建议被采纳（含部分采纳）", await Recommendations(orgs, period, adopted: true).LongCountAsync(ct)));

        // --- stats-scale (ADR 0087): the five volume breakdowns from one grouped statement, summed up per dimension here ---
        var combos = await FigureBatch.ReceivedAsync(received, ct);
        var byForm = Rows(Roll(combos, c => c.Form), k => k.ToString(), CodeNames.Of);
        var byPurpose = Rows(Roll(combos, c => c.Purpose), k => k.ToString(), CodeNames.Of);
        var byClass = Rows(Roll(combos, c => c.ContentClass), k => k ?? string.Empty, k => k ?? "未分类");
        var byLocation = Rows(Roll(combos, c => c.IssueLocation), k => k ?? string.Empty, k => k is null ? "未填写" : divisionName.GetValueOrDefault(k, k));
        var byLevel = Rows(Roll(combos, c => c.Level), k => k.ToString(), Organization.LevelName);
        // --- end stats-scale ---
        var byUnit = Rows(await units.Where(IndicatorRules.Received(period)).GroupBy(f => f.UnitOrganizationId).Select(g => new Grouped<Guid?>(g.Key, g.Sum(x => (long)x.Batches), g.LongCount(), g.Sum(x => (long)x.Persons))).ToListAsync(ct), k => k?.ToString() ?? string.Empty, k => k is { } id ? nameOf.GetValueOrDefault(id, "（已删除的机构）") : "—");
        var total = new VolumeRow("total", "合计", byForm.Sum(r => r.Batches), byForm.Sum(r => r.Items), byForm.Sum(r => r.Persons));
        // ── stats-reviews: 进京访 / 赴省访 in 批/件/人次 (ADR 0085) ──
        var bySkipLevel = Rows(await all.Where(IndicatorRules.SkipLevelVisits(period)).GroupBy(f => f.SkipLevelDestination).Select(g => new Grouped<SkipLevelDestination?>(g.Key, g.Sum(x => (long)x.Batches), g.LongCount(), g.Sum(x => (long)x.Persons))).ToListAsync(ct), k => SkipLevelKey(k), k => k is { } d ? CodeNames.Of(d) : "—");
        // ── end stats-reviews ──

        return new StatisticsResult(
            scope,
            nameOf.GetValueOrDefault(scope.OrganizationId, string.Empty),
            now,
            total,
            indicators,
            counts,
            [
                new(BreakdownCodes.Channel, "信访形式", byForm),
                new(BreakdownCodes.Purpose, "信访目的", byPurpose),
                new(BreakdownCodes.ContentClass, "内容分类", byClass),
                new(BreakdownCodes.ProblemLocation, "问题属地", byLocation),
                new(BreakdownCodes.Level, "层级", byLevel),
                new(BreakdownCodes.SkipLevelVisits, "进京赴省访", bySkipLevel), // stats-reviews
            ],
            months,
            await UnitsAsync(units, period, nameOf, ct),
            [.. byClass.Where(r => r.Key.Length > 0).OrderByDescending(r => r.Items).ThenBy(r => r.Key, StringComparer.Ordinal).Take(10)],
            [.. byUnit.OrderByDescending(r => r.Items).ThenBy(r => r.Key, StringComparer.Ordinal).Take(10)]);
    }

    public Task<IReadOnlyList<ItemBehindFigure>> ItemsBehindAsync(StatisticsScope scope, string code, FigurePart part, CancellationToken ct) =>
        ItemsBehindAsync(scope, code, null, part, ct);

    /// <summary>
    /// The items behind one figure, as far as the caller may see them (<see cref="PetitionGuard.Petitions"/>:
    /// accusations against the caller's body or a body above it never appear). <paramref name="side"/> picks
    /// among the figures of one code (满意率 of the bureau or of the units); null takes the first.
    /// </summary>
    public async Task<IReadOnlyList<ItemBehindFigure>> ItemsBehindAsync(StatisticsScope scope, string code, Side? side, FigurePart part, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var orgs = Authorize(scope);
        if (!PetitionRules.ReadsItems(guard.Staff!.Role))
        {
            // Leaders see numbers, not items (PetitionRules.ViewerKind): nothing behind a figure is theirs to list.
            // The API answers them 403 before asking; other callers (exports) get the empty list.
            return [];
        }

        var period = new StatisticsPeriod(scope.From, scope.To, DeadlineTime.LocalDate(clock.GetUtcNow()));
        var facts = db.Set<ItemFacts>().AsNoTracking();
        IQueryable<Guid> ids;
        if (IndicatorRules.Indicators(period, settings).FirstOrDefault(r => r.Code == code && (side is null || SideOf(r.Side) == side)) is { } rule)
        {
            ids = facts.Where(IndicatorRules.Population(rule.Side, orgs)).Where(part == FigurePart.Numerator ? rule.Numerator : rule.Denominator).Select(f => f.PetitionId);
        }
        else if (IndicatorRules.Counts(period).FirstOrDefault(r => r.Code == code) is { } count)
        {
            // A count has no line: both parts list the items counted.
            ids = facts.Where(IndicatorRules.Population(StatisticsSide.All, orgs)).Where(count.Counted).Select(f => f.PetitionId);
        }
        else
        {
            ids = code switch
            {
                CountCodes.Supervised => Supervised(orgs, period).Select(n => n.PetitionId),
                CountCodes.Recommendations => Recommendations(orgs, period, adopted: false).Where(r => r.PetitionId != null).Select(r => r.PetitionId!.Value),
                CountCodes.RecommendationsAdopted => Recommendations(orgs, period, adopted: true).Where(r => r.PetitionId != null).Select(r => r.PetitionId!.Value),
                _ => throw new ArgumentException($"未知的指标代码：{code}", nameof(code)),
            };
        }

        var rows = await guard.Petitions.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .OrderBy(p => p.ReceivedOn).ThenBy(p => p.Number)
            .Take(MaxItemsBehind)
            .Select(p => new { p.Id, p.Number, p.Title, p.Form, p.State, p.ReceivedOn, p.CurrentOrganizationId, p.CurrentDueOn, p.ServedOn })
            .ToListAsync(ct);
        var orgIds = rows.Select(r => r.CurrentOrganizationId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        // No personal data: ID and phone numbers typed into a title are masked for every reader of statistics.
        return [.. rows.Select(r => new ItemBehindFigure(r.Id, r.Number, PersonalDataInText.Mask(r.Title), CodeNames.Of(r.Form), Lifecycle.NameOf(r.State),
            r.ReceivedOn, names.GetValueOrDefault(r.CurrentOrganizationId), r.CurrentDueOn, r.ServedOn))];
    }

    /// <summary>Every figure code the source answers, for validating a drill-down request.</summary>
    public static bool IsKnownCode(string code) =>
        IndicatorRules.Indicators(new StatisticsPeriod(DateOnly.MinValue, DateOnly.MinValue, DateOnly.MinValue), StatisticsSettings.Default).Any(r => r.Code == code)
        || IndicatorRules.Counts(new StatisticsPeriod(DateOnly.MinValue, DateOnly.MinValue, DateOnly.MinValue)).Any(r => r.Code == code)
        || code is CountCodes.Supervised or CountCodes.Recommendations or CountCodes.RecommendationsAdopted;

    private Guid[] Authorize(StatisticsScope scope)
    {
        var staff = guard.Staff ?? throw new StatisticsAccessDenied("请先登录");
        if (!MayReadStatistics(staff.Role))
        {
            throw new StatisticsAccessDenied("统计数据由领导、督查人员、信访部门登记办理人员和单位负责人查看");
        }

        if (!directory.Contains(scope.OrganizationId) || !directory.IsWithin(scope.OrganizationId, staff.OrganizationId))
        {
            throw new StatisticsAccessDenied("只能查看本机关及下属机构的统计数据");
        }

        return [.. directory.Subtree(scope.OrganizationId)];
    }

    // --- stats-scale (ADR 0087): the months' rules (FigureBatch computes them with the rest), the units in one grouped statement ---
    private sealed record MonthRule(DateOnly First, StatisticsPeriod Period, FigureRule OnTime, FigureRule Satisfaction);

    private List<MonthRule> MonthRules(StatisticsPeriod period)
    {
        var months = new List<MonthRule>();
        for (var first = new DateOnly(period.From.Year, period.From.Month, 1); first <= period.To; first = first.AddMonths(1))
        {
            var month = period with { From = first < period.From ? period.From : first, To = first.AddMonths(1).AddDays(-1) > period.To ? period.To : first.AddMonths(1).AddDays(-1) };
            var rules = IndicatorRules.Indicators(month, settings);
            months.Add(new MonthRule(first, month,
                rules.Single(r => r.Code == StatisticsCodes.OnTimeClosure && r.Side == StatisticsSide.All),
                rules.Single(r => r.Code == StatisticsCodes.Satisfaction && r.Side == StatisticsSide.Unit)));
        }

        return months;
    }

    private static IEnumerable<FigureBatch.Ask> Pair((FigureBatch.Ask Numerator, FigureBatch.Ask Denominator) asks) => [asks.Numerator, asks.Denominator];

    private static List<Grouped<TKey>> Roll<TKey>(List<FigureBatch.Received> combos, Func<FigureBatch.Received, TKey> key) =>
        [.. combos.GroupBy(key).Select(g => new Grouped<TKey>(g.Key, g.Sum(c => c.Batches), g.Sum(c => c.Items), g.Sum(c => c.Persons)))];
    // --- end stats-scale ---

    private async Task<IReadOnlyList<UnitRow>> UnitsAsync(IQueryable<ItemFacts> units, StatisticsPeriod period, Dictionary<Guid, string> nameOf, CancellationToken ct)
    {
        var rules = IndicatorRules.Indicators(period, settings);
        var onTime = rules.Single(r => r.Code == StatisticsCodes.OnTimeClosure && r.Side == StatisticsSide.Unit);
        var satisfaction = rules.Single(r => r.Code == StatisticsCodes.Satisfaction && r.Side == StatisticsSide.Unit);
        var today = period.Today;
        Expression<Func<ItemFacts, bool>> overdue = f => f.HandlingDueOn < today && f.HandlingMetOn == null && f.ClosedOn == null;
        // --- stats-scale (ADR 0087): the six per-unit counts in one grouped statement ---
        var byUnit = await FigureBatch.ByUnitAsync(units, [onTime.Denominator, onTime.Numerator, satisfaction.Denominator, satisfaction.Numerator, overdue, IndicatorRules.Received(period)], ct);
        Dictionary<Guid, long> Column(int i) => byUnit.Where(u => u.Value[i] > 0).ToDictionary(u => u.Key, u => u.Value[i]);
        var (onTimeBelow, onTimeAbove, satisfiedBelow, satisfiedAbove, overdueNow, items) = (Column(0), Column(1), Column(2), Column(3), Column(4), Column(5));
        // --- end stats-scale ---
        return [.. onTimeBelow.Keys.Concat(satisfiedBelow.Keys).Concat(overdueNow.Keys).Concat(items.Keys).Distinct()
            .Select(id => new UnitRow(id, nameOf.GetValueOrDefault(id, "（已删除的机构）"),
                new Ratio(onTimeAbove.GetValueOrDefault(id), onTimeBelow.GetValueOrDefault(id)),
                new Ratio(satisfiedAbove.GetValueOrDefault(id), satisfiedBelow.GetValueOrDefault(id)),
                overdueNow.GetValueOrDefault(id), items.GetValueOrDefault(id)))
            .OrderByDescending(u => u.OnTimeClosure.Value ?? -1m).ThenByDescending(u => u.Items).ThenBy(u => u.Name, StringComparer.Ordinal)];
    }

    private IQueryable<SupervisionNotice> Supervised(Guid[] orgs, StatisticsPeriod period)
    {
        var (from, to) = (period.From, period.To);
        // ── stats-reviews: a notice about a voided item does not count either ──
        var voided = VoidedItems();
        return db.Set<SupervisionNotice>().AsNoTracking().Where(n => orgs.Contains(n.IssuedByOrganizationId) && n.IssuedOn >= from && n.IssuedOn <= to && !voided.Contains(n.PetitionId));
    }

    private IQueryable<Recommendation> Recommendations(Guid[] orgs, StatisticsPeriod period, bool adopted)
    {
        var (from, to) = (period.From, period.To);
        // ── stats-reviews: a recommendation made on a voided item does not count (one on no item does) ──
        var voided = VoidedItems();
        var made = db.Set<Recommendation>().AsNoTracking().Where(r => orgs.Contains(r.IssuedByOrganizationId) && r.IssuedOn >= from && r.IssuedOn <= to
            && (r.PetitionId == null || !voided.Contains(r.PetitionId.Value)));
        return adopted ? made.Where(r => r.Adoption == Adoption.Adopted || r.Adoption == Adoption.PartlyAdopted) : made;
    }

    // ── stats-reviews ──

    /// <summary>The items voided (issue 12: they never count): the fact rows' flag, set by the voiding change.</summary>
    private IQueryable<Guid> VoidedItems() => db.Set<ItemFacts>().AsNoTracking().Where(f => f.Voided).Select(f => f.PetitionId);

    private static string SkipLevelKey(SkipLevelDestination? d) => d switch
    {
        SkipLevelDestination.Capital => "capital",
        SkipLevelDestination.Province => "province",
        _ => string.Empty,
    };

    // ── end stats-reviews ──

    private static Side SideOf(StatisticsSide side) => side switch
    {
        StatisticsSide.Bureau => Side.Bureau,
        StatisticsSide.Unit => Side.Unit,
        _ => Side.All,
    };

    private static List<VolumeRow> Rows<TKey>(List<Grouped<TKey>> groups, Func<TKey, string> key, Func<TKey, string> label) =>
        [.. groups.Select(g => new VolumeRow(key(g.Key), label(g.Key), g.Batches, g.Items, g.Persons)).OrderByDescending(r => r.Items).ThenBy(r => r.Key, StringComparer.Ordinal)];

    private sealed record Grouped<TKey>(TKey Key, long Batches, long Items, long Persons);
}
