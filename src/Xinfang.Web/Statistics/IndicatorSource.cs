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
internal sealed class IndicatorSource(ReadDatabase read, PetitionGuard guard, OrganizationDirectory directory, TimeProvider clock, StatisticsSettings settings, AggregateSnapshots snapshots) : IIndicatorSource
{
    /// <summary>Where this request's figures are read: the read replica when one is configured (ADR 0170), else the primary.</summary>
    private AppDbContext _db = null!;

    /// <summary>The most items a drill-down lists (the figure's workings stay exact; the list is for reading and export).</summary>
    public const int MaxItemsBehind = 10_000;

    /// <summary>Subtrees up to this many bodies are filtered in SQL by their ids; bigger ones in memory (see UnitsAsync).</summary>
    internal const int SmallSubtree = 64;

    /// <summary>
    /// Leaders (领导), supervisors (督查), registrars (信访部门登记办理) and unit heads (单位负责人) of the
    /// organisation read its statistics and those of any body below it; handlers, reviewers and administrators do not.
    /// </summary>
    public static bool MayReadStatistics(StaffRole role) => role is StaffRole.Leader or StaffRole.Supervisor or StaffRole.Registrar or StaffRole.UnitHead;

    public async Task<StatisticsResult> ComputeAsync(StatisticsScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var orgs = Authorize(scope);
        var members = Members(orgs);
        _db = await read.ReadsAsync(ct);
        var now = clock.GetUtcNow();
        var period = new StatisticsPeriod(scope.From, scope.To, DeadlineTime.LocalDate(now));
        var facts = _db.Set<ItemFacts>().AsNoTracking();
        var units = facts.Where(IndicatorRules.Population(StatisticsSide.Unit, members));
        var names = await _db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.DivisionCode }).ToListAsync(ct);
        var nameOf = names.ToDictionary(o => o.Id, o => o.Name);
        var divisionName = names.GroupBy(o => o.DivisionCode).ToDictionary(g => g.Key, g => g.First().Name);

        // --- stats-aggregates (ADR 0122): whole months that have ended from statistics_months, the rest from the fact rows ---
        var tally = new Tally();
        var layout = MonthlyAggregates.Layout(settings);
        var (months, segments) = Split(period, await MonthlyAggregates.ReadyAsync(_db, layout, ct));
        if (months.Count > 0)
        {
            // The months' rows as parsed and kept by this process, current as of now (ADR 0162).
            tally.AddAggregates(await snapshots.ReadAsync(_db, layout, months[0], months[^1], ct), orgs, snapshots.Names, MonthParts(period), UnitParts(period));
        }

        foreach (var segment in segments)
        {
            await TallyFactsAsync(tally, facts, units, members, segment, ct);
        }

        var indicatorRules = IndicatorRules.Indicators(period, settings);
        var indicators = indicatorRules.Select(rule => new Indicator(rule.Code, rule.Name, SideOf(rule.Side),
            new Ratio(tally.Side(rule.Side, MonthlyAggregates.Part(rule, true)), tally.Side(rule.Side, MonthlyAggregates.Part(rule, false))),
            rule.IsAverage, rule.NumeratorName, rule.DenominatorName, rule.Definition)).ToList();
        var counts = IndicatorRules.Counts(period).Select(rule => new Count(rule.Code, rule.Name, tally.All.GetValueOrDefault(MonthlyAggregates.CountPart(rule.Code)))).ToList();
        var monthRows = new List<MonthRow>();
        var (onTimeAll, satisfactionUnit) = MonthFigures(period);
        for (var first = new DateOnly(period.From.Year, period.From.Month, 1); first <= period.To; first = first.AddMonths(1))
        {
            var m = tally.Month(first);
            monthRows.Add(new MonthRow(first.Year, first.Month, m.All.GetValueOrDefault(MonthlyAggregates.VolumePart("r", string.Empty, 'i')),
                new Ratio(m.All.GetValueOrDefault(MonthlyAggregates.Part(onTimeAll, true)), m.All.GetValueOrDefault(MonthlyAggregates.Part(onTimeAll, false))),
                new Ratio(m.Unit.GetValueOrDefault(MonthlyAggregates.Part(satisfactionUnit, true)), m.Unit.GetValueOrDefault(MonthlyAggregates.Part(satisfactionUnit, false)))));
        }
        // --- end stats-aggregates ---

        counts.Add(new Count(CountCodes.Supervised, "督办", await Supervised(orgs, period).LongCountAsync(ct)));
        counts.Add(new Count(CountCodes.Recommendations, "提出改进工作建议", await Recommendations(orgs, period, adopted: false).LongCountAsync(ct)));
        counts.Add(new Count(CountCodes.RecommendationsAdopted, "建议被采纳（含部分采纳）", await Recommendations(orgs, period, adopted: true).LongCountAsync(ct)));

        // --- stats-aggregates (ADR 0122): the volume breakdowns read from the tally's named sums ---
        var byForm = tally.Volumes(BreakdownCodes.Channel, k => CodeNames.Of(Enum.Parse<PetitionForm>(k)));
        var byPurpose = tally.Volumes(BreakdownCodes.Purpose, k => CodeNames.Of(Enum.Parse<PetitionPurpose>(k)));
        var byClass = tally.Volumes(BreakdownCodes.ContentClass, k => k.Length == 0 ? "未分类" : k);
        var byLocation = tally.Volumes(BreakdownCodes.ProblemLocation, k => k.Length == 0 ? "未填写" : divisionName.GetValueOrDefault(k, k));
        var byLevel = tally.Volumes(BreakdownCodes.Level, k => Organization.LevelName(Enum.Parse<OrganizationLevel>(k)));
        var bySkipLevel = tally.Volumes("skip", k => k switch { "capital" => CodeNames.Of(SkipLevelDestination.Capital), "province" => CodeNames.Of(SkipLevelDestination.Province), _ => "—" });
        var byUnit = Rows(tally.Units.Select(u => new Grouped<Guid?>(u.Key, u.Value.GetValueOrDefault(MonthlyAggregates.VolumePart("r", string.Empty, 'b')),
            u.Value.GetValueOrDefault(MonthlyAggregates.VolumePart("r", string.Empty, 'i')), u.Value.GetValueOrDefault(MonthlyAggregates.VolumePart("r", string.Empty, 'p'))))
            .Where(g => g.Items > 0).ToList(), k => k?.ToString() ?? string.Empty, k => k is { } id ? nameOf.GetValueOrDefault(id, "（已删除的机构）") : "—");
        // --- end stats-aggregates ---
        var total = new VolumeRow("total", "合计", byForm.Sum(r => r.Batches), byForm.Sum(r => r.Items), byForm.Sum(r => r.Persons));

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
            monthRows,
            await UnitsAsync(facts, orgs, members, period, tally, nameOf, ct),
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

        _db = await read.ReadsAsync(ct);
        var period = new StatisticsPeriod(scope.From, scope.To, DeadlineTime.LocalDate(clock.GetUtcNow()));
        var facts = _db.Set<ItemFacts>().AsNoTracking();
        var members = Members(orgs);
        IQueryable<Guid> ids;
        if (IndicatorRules.Indicators(period, settings).FirstOrDefault(r => r.Code == code && (side is null || SideOf(r.Side) == side)) is { } rule)
        {
            ids = facts.Where(IndicatorRules.Population(rule.Side, members)).Where(part == FigurePart.Numerator ? rule.Numerator : rule.Denominator).Select(f => f.PetitionId);
        }
        else if (IndicatorRules.Counts(period).FirstOrDefault(r => r.Code == code) is { } count)
        {
            // A count has no line: both parts list the items counted.
            ids = facts.Where(IndicatorRules.Population(StatisticsSide.All, members)).Where(count.Counted).Select(f => f.PetitionId);
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

        var rows = await guard.PetitionsOn(_db).AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .OrderBy(p => p.ReceivedOn).ThenBy(p => p.Number)
            .Take(MaxItemsBehind)
            .Select(p => new { p.Id, p.Number, p.Title, p.Form, p.State, p.ReceivedOn, p.CurrentOrganizationId, p.CurrentDueOn, p.ServedOn })
            .ToListAsync(ct);
        var orgIds = rows.Select(r => r.CurrentOrganizationId).Distinct().ToList();
        var names = await _db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
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

    /// <summary>
    /// The subtree as the fact rows' population asks it: null when it is every organisation of the deployment (a
    /// province's own scope), where membership holds for every item (IndicatorRules.Population).
    /// </summary>
    private Guid[]? Members(Guid[] subtree) => subtree.Length == directory.All.Count ? null : subtree;

    // --- stats-aggregates (ADR 0122): the period split, the facts' part of the tally, the units' ranking from the tally ---

    /// <summary>
    /// The whole months of the period that have ended (read from the aggregates when they are ready) and the
    /// rest of the period as at most two ranges (a partial first month; a partial last month, the current month
    /// and any later ones), counted from the fact rows.
    /// </summary>
    internal static (List<DateOnly> Months, List<StatisticsPeriod> Segments) Split(StatisticsPeriod period, bool aggregatesReady)
    {
        var months = new List<DateOnly>();
        if (aggregatesReady)
        {
            var first = new DateOnly(period.From.Year, period.From.Month, 1);
            for (var m = first < period.From ? first.AddMonths(1) : first; m.AddMonths(1).AddDays(-1) <= period.To && m.AddMonths(1).AddDays(-1) < period.Today; m = m.AddMonths(1))
            {
                months.Add(m);
            }
        }

        if (months.Count == 0)
        {
            return (months, [period]);
        }

        var segments = new List<StatisticsPeriod>();
        if (period.From < months[0])
        {
            segments.Add(period with { To = months[0].AddDays(-1) });
        }

        var end = months[^1].AddMonths(1);
        if (end <= period.To)
        {
            segments.Add(period with { From = end });
        }

        return (months, segments);
    }

    /// <summary>The parts a month's row of the trend reads (按期办结率 of all, 满意率 of the units, items received): the tally keeps no other per month.</summary>
    private string[] MonthParts(StatisticsPeriod period)
    {
        var (onTime, satisfaction) = MonthFigures(period);
        return [MonthlyAggregates.Part(onTime, true), MonthlyAggregates.Part(onTime, false), MonthlyAggregates.Part(satisfaction, true), MonthlyAggregates.Part(satisfaction, false),
            MonthlyAggregates.VolumePart("r", string.Empty, 'i')];
    }

    /// <summary>The parts the units' ranking and volumes read (UnitsAsync, byUnit): the tally keeps no other per unit.</summary>
    private string[] UnitParts(StatisticsPeriod period)
    {
        var (onTime, satisfaction) = UnitFigures(period);
        return [MonthlyAggregates.Part(onTime, true), MonthlyAggregates.Part(onTime, false), MonthlyAggregates.Part(satisfaction, true), MonthlyAggregates.Part(satisfaction, false),
            MonthlyAggregates.VolumePart("r", string.Empty, 'b'), MonthlyAggregates.VolumePart("r", string.Empty, 'i'), MonthlyAggregates.VolumePart("r", string.Empty, 'p')];
    }

    /// <summary>The two figures the units are ranked by (按期办结率, 满意率 of the unit side): one lookup for the tally, its parts and the ranking.</summary>
    private (FigureRule OnTime, FigureRule Satisfaction) UnitFigures(StatisticsPeriod period)
    {
        var rules = IndicatorRules.Indicators(period, settings);
        return (rules.Single(r => r.Code == StatisticsCodes.OnTimeClosure && r.Side == StatisticsSide.Unit),
            rules.Single(r => r.Code == StatisticsCodes.Satisfaction && r.Side == StatisticsSide.Unit));
    }

    private (FigureRule OnTimeAll, FigureRule SatisfactionUnit) MonthFigures(StatisticsPeriod period)
    {
        var rules = IndicatorRules.Indicators(period, settings);
        return (rules.Single(r => r.Code == StatisticsCodes.OnTimeClosure && r.Side == StatisticsSide.All),
            rules.Single(r => r.Code == StatisticsCodes.Satisfaction && r.Side == StatisticsSide.Unit));
    }

    /// <summary>
    /// One range of the period counted from the fact rows into the tally under the aggregates' part names: every
    /// indicator, count and month in one pass per side (FigureBatch, ADR 0087), the volumes from one grouped
    /// statement, the units' parts from one grouped statement.
    /// </summary>
    private async Task TallyFactsAsync(Tally tally, IQueryable<ItemFacts> facts, IQueryable<ItemFacts> units, Guid[]? members, StatisticsPeriod period, CancellationToken ct)
    {
        var all = facts.Where(IndicatorRules.Population(StatisticsSide.All, members));
        var received = all.Where(IndicatorRules.Received(period));
        var indicatorRules = IndicatorRules.Indicators(period, settings);
        var countRules = IndicatorRules.Counts(period);
        var monthRules = MonthRules(period);
        var named = new List<(StatisticsSide Side, DateOnly? Month, string Name)>();
        var asks = new List<FigureBatch.Ask>();
        void Ask(FigureRule rule, DateOnly? month)
        {
            var (numerator, denominator) = FigureBatch.AsksOf(rule);
            asks.Add(numerator);
            named.Add((rule.Side, month, MonthlyAggregates.Part(rule, true)));
            asks.Add(denominator);
            named.Add((rule.Side, month, MonthlyAggregates.Part(rule, false)));
        }

        indicatorRules.ToList().ForEach(r => Ask(r, null));
        foreach (var r in countRules)
        {
            asks.Add(new FigureBatch.Ask(StatisticsSide.All, r.Counted));
            named.Add((StatisticsSide.All, null, MonthlyAggregates.CountPart(r.Code)));
        }

        foreach (var m in monthRules)
        {
            Ask(m.OnTime, m.First);
            Ask(m.Satisfaction, m.First);
            asks.Add(new FigureBatch.Ask(StatisticsSide.All, IndicatorRules.Received(m.Period)));
            named.Add((StatisticsSide.All, m.First, MonthlyAggregates.VolumePart("r", string.Empty, 'i')));
        }

        var answers = await FigureBatch.RunAsync(facts, members, period, asks, ct);
        for (var i = 0; i < asks.Count; i++)
        {
            var (side, month, name) = named[i];
            var into = month is { } first ? (side == StatisticsSide.Unit ? tally.Month(first).Unit : tally.Month(first).All) : tally.SideParts(side);
            into[name] = into.GetValueOrDefault(name) + answers[i];
        }

        foreach (var c in await FigureBatch.ReceivedAsync(received, ct))
        {
            foreach (var (dimension, key) in new[]
            {
                ("r", string.Empty), (BreakdownCodes.Channel, c.Form.ToString()), (BreakdownCodes.Purpose, c.Purpose.ToString()), (BreakdownCodes.ContentClass, c.ContentClass ?? string.Empty),
                (BreakdownCodes.ProblemLocation, c.IssueLocation ?? string.Empty), (BreakdownCodes.Level, c.Level.ToString()),
            })
            {
                tally.AddVolume(dimension, key, c.Batches, c.Items, c.Persons);
            }
        }

        // ── stats-reviews: 进京访 / 赴省访 in 批/件/人次 (ADR 0085) ──
        foreach (var g in await all.Where(IndicatorRules.SkipLevelVisits(period)).GroupBy(f => f.SkipLevelDestination).Select(g => new Grouped<SkipLevelDestination?>(g.Key, g.Sum(x => (long)x.Batches), g.LongCount(), g.Sum(x => (long)x.Persons))).ToListAsync(ct))
        {
            tally.AddVolume("skip", SkipLevelKey(g.Key), g.Batches, g.Items, g.Persons);
        }
        // ── end stats-reviews ──

        var (onTime, satisfaction) = UnitFigures(period);
        var byUnit = await FigureBatch.ByUnitAsync(units, [onTime.Denominator, onTime.Numerator, satisfaction.Denominator, satisfaction.Numerator], ct);
        foreach (var (unit, values) in byUnit)
        {
            MonthlyAggregates.AddParts(tally.Unit(unit), new Dictionary<string, long>
            {
                [MonthlyAggregates.Part(onTime, false)] = values[0], [MonthlyAggregates.Part(onTime, true)] = values[1],
                [MonthlyAggregates.Part(satisfaction, false)] = values[2], [MonthlyAggregates.Part(satisfaction, true)] = values[3],
            });
        }

        foreach (var g in await units.Where(IndicatorRules.Received(period)).GroupBy(f => f.UnitOrganizationId).Select(g => new Grouped<Guid?>(g.Key, g.Sum(x => (long)x.Batches), g.LongCount(), g.Sum(x => (long)x.Persons))).ToListAsync(ct))
        {
            if (g.Key is { } id)
            {
                MonthlyAggregates.AddParts(tally.Unit(id), new Dictionary<string, long>
                {
                    [MonthlyAggregates.VolumePart("r", string.Empty, 'b')] = g.Batches, [MonthlyAggregates.VolumePart("r", string.Empty, 'i')] = g.Items, [MonthlyAggregates.VolumePart("r", string.Empty, 'p')] = g.Persons,
                });
            }
        }
    }

    private sealed record MonthRule(DateOnly First, StatisticsPeriod Period, FigureRule OnTime, FigureRule Satisfaction);

    private List<MonthRule> MonthRules(StatisticsPeriod period)
    {
        var months = new List<MonthRule>();
        for (var first = new DateOnly(period.From.Year, period.From.Month, 1); first <= period.To; first = first.AddMonths(1))
        {
            var month = period with { From = first < period.From ? period.From : first, To = first.AddMonths(1).AddDays(-1) > period.To ? period.To : first.AddMonths(1).AddDays(-1) };
            var (onTime, satisfaction) = MonthFigures(month);
            months.Add(new MonthRule(first, month, onTime, satisfaction));
        }

        return months;
    }

    private async Task<IReadOnlyList<UnitRow>> UnitsAsync(IQueryable<ItemFacts> facts, Guid[] orgs, Guid[]? members, StatisticsPeriod period, Tally tally, Dictionary<Guid, string> nameOf, CancellationToken ct)
    {
        var (onTime, satisfaction) = UnitFigures(period);
        var today = period.Today;
        // Overdue now is no period's figure: counted from the fact rows through the partial index of open items
        // (ADR 0162), the unit side's population (IndicatorRules.Population) written out. A big subtree counts every
        // unit's and keeps its own: an array of hundreds of ids in the statement turned PostgreSQL from reading the
        // index alone to fetching each row from the table (bench/statistics, a province: 211 ms → 20 ms).
        var open = facts.Where(f => !f.Voided && f.UnitOrganizationId != null && f.HandlingDueOn < today && f.HandlingMetOn == null && f.ClosedOn == null);
        if (members is { Length: <= SmallSubtree })
        {
            open = open.Where(f => members.Contains(f.UnitOrganizationId!.Value));
        }

        var subtree = orgs.ToHashSet();
        var overdueNow = (await open.GroupBy(f => f.UnitOrganizationId).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct))
            .Where(u => u.Key is { } id && subtree.Contains(id)).ToDictionary(u => u.Key!.Value, u => u.Count);
        long Get(Guid id, string name) => tally.Units.TryGetValue(id, out var parts) ? parts.GetValueOrDefault(name) : 0;
        var (onTimeN, onTimeD, satisfiedN, satisfiedD, itemsName) = (MonthlyAggregates.Part(onTime, true), MonthlyAggregates.Part(onTime, false),
            MonthlyAggregates.Part(satisfaction, true), MonthlyAggregates.Part(satisfaction, false), MonthlyAggregates.VolumePart("r", string.Empty, 'i'));
        return [.. tally.Units.Where(u => u.Value.GetValueOrDefault(onTimeD) > 0 || u.Value.GetValueOrDefault(satisfiedD) > 0 || u.Value.GetValueOrDefault(itemsName) > 0).Select(u => u.Key)
            .Concat(overdueNow.Keys).Distinct()
            .Select(id => new UnitRow(id, nameOf.GetValueOrDefault(id, "（已删除的机构）"),
                new Ratio(Get(id, onTimeN), Get(id, onTimeD)),
                new Ratio(Get(id, satisfiedN), Get(id, satisfiedD)),
                overdueNow.GetValueOrDefault(id), Get(id, itemsName)))
            .OrderByDescending(u => u.OnTimeClosure.Value ?? -1m).ThenByDescending(u => u.Items).ThenBy(u => u.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The figures' parts by name (MonthlyAggregates' names) for the three sides, each month and each unit (the
    /// unit side), added up from the aggregates' rows and the fact rows' counts alike.
    /// </summary>
    private sealed class Tally
    {
        private readonly Dictionary<DateOnly, (Dictionary<string, long> All, Dictionary<string, long> Unit)> _months = [];

        public Dictionary<string, long> All { get; } = [];

        public Dictionary<string, long> Bureau { get; } = [];

        public Dictionary<string, long> UnitSide { get; } = [];

        public Dictionary<Guid, Dictionary<string, long>> Units { get; } = [];

        public Dictionary<string, long> SideParts(StatisticsSide side) => side switch { StatisticsSide.Bureau => Bureau, StatisticsSide.Unit => UnitSide, _ => All };

        public long Side(StatisticsSide side, string name) => SideParts(side).GetValueOrDefault(name);

        public (Dictionary<string, long> All, Dictionary<string, long> Unit) Month(DateOnly first)
        {
            if (!_months.TryGetValue(first, out var m))
            {
                _months[first] = m = ([], []);
            }

            return m;
        }

        public Dictionary<string, long> Unit(Guid id)
        {
            if (!Units.TryGetValue(id, out var parts))
            {
                Units[id] = parts = [];
            }

            return parts;
        }

        public void AddVolume(string dimension, string key, long batches, long items, long persons)
        {
            All[MonthlyAggregates.VolumePart(dimension, key, 'b')] = All.GetValueOrDefault(MonthlyAggregates.VolumePart(dimension, key, 'b')) + batches;
            All[MonthlyAggregates.VolumePart(dimension, key, 'i')] = All.GetValueOrDefault(MonthlyAggregates.VolumePart(dimension, key, 'i')) + items;
            All[MonthlyAggregates.VolumePart(dimension, key, 'p')] = All.GetValueOrDefault(MonthlyAggregates.VolumePart(dimension, key, 'p')) + persons;
        }

        /// <summary>One volume breakdown's rows: its keys with any item, largest first.</summary>
        public List<VolumeRow> Volumes(string dimension, Func<string, string> label)
        {
            var prefix = dimension + "/";
            return [.. All.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && p.Key.EndsWith("/i", StringComparison.Ordinal) && p.Value > 0)
                .Select(p => p.Key[prefix.Length..^2])
                .Select(k => new VolumeRow(k, label(k), All.GetValueOrDefault(MonthlyAggregates.VolumePart(dimension, k, 'b')), All[MonthlyAggregates.VolumePart(dimension, k, 'i')], All.GetValueOrDefault(MonthlyAggregates.VolumePart(dimension, k, 'p'))))
                .OrderByDescending(r => r.Items).ThenBy(r => r.Key, StringComparer.Ordinal)];
        }

        /// <summary>
        /// The aggregates' rows of the months whose registering body or unit is in the subtree, each added to the
        /// sides its key belongs to (ADR 0122): the population is the key, as IndicatorRules.Population says it.
        /// The rows' parts are added as arrays indexed by part name and named once at the end (ADR 0162); months and
        /// units keep only the parts their rows on the dashboard read (<paramref name="monthParts"/>, <paramref name="unitParts"/>).
        /// </summary>
        public void AddAggregates(IReadOnlyList<(DateOnly Month, AggregateSnapshots.MonthSnapshot Snapshot)> months, Guid[] orgs, AggregateSnapshots.PartNames names,
            string[] monthParts, string[] unitParts)
        {
            var subtree = orgs.ToHashSet();
            var (monthSlot, unitSlot) = (Slots(monthParts, names), Slots(unitParts, names));
            // Read after the snapshots were obtained (and the slots' names interned): every index in their rows is below it.
            var n = names.Count;
            var (all, bureau, unitSide) = (new long[n], new long[n], new long[n]);
            var units = new Dictionary<Guid, long[]>();
            foreach (var (first, snapshot) in months)
            {
                var (monthAll, monthUnit) = (new long[monthParts.Length], new long[monthParts.Length]);
                foreach (var row in snapshot.Rows)
                {
                    var registering = subtree.Contains(row.RegisteringOrganizationId);
                    var unit = row.UnitOrganizationId is { } u && subtree.Contains(u);
                    if (!registering && !unit)
                    {
                        continue;
                    }

                    Add(all, row);
                    AddSome(monthAll, row, monthSlot);
                    if (row.RegisteredByBureau && registering)
                    {
                        Add(bureau, row);
                    }

                    if (unit)
                    {
                        Add(unitSide, row);
                        AddSome(monthUnit, row, monthSlot);
                        if (!units.TryGetValue(row.UnitOrganizationId!.Value, out var parts))
                        {
                            units[row.UnitOrganizationId.Value] = parts = new long[unitParts.Length];
                        }

                        AddSome(parts, row, unitSlot);
                    }
                }

                var month = Month(first);
                Name(monthAll, month.All, monthParts);
                Name(monthUnit, month.Unit, monthParts);
            }

            var named = Enumerable.Range(0, n).Select(i => names[i]).ToArray();
            Name(all, All, named);
            Name(bureau, Bureau, named);
            Name(unitSide, UnitSide, named);
            foreach (var (unit, parts) in units)
            {
                Name(parts, Unit(unit), unitParts);
            }
        }

        /// <summary>For each part name's index, its slot in <paramref name="wanted"/> (−1: not wanted).</summary>
        private static int[] Slots(string[] wanted, AggregateSnapshots.PartNames names)
        {
            var indices = wanted.Select(names.IndexOf).ToArray();
            var slots = new int[names.Count];
            Array.Fill(slots, -1);
            for (var i = 0; i < indices.Length; i++)
            {
                slots[indices[i]] = i;
            }

            return slots;
        }

        private static void AddSome(long[] into, AggregateSnapshots.Row row, int[] slots)
        {
            for (var i = 0; i < row.Parts.Length; i++)
            {
                // A part interned after the slots were made is no wanted part (the wanted ones were interned first).
                if (row.Parts[i] < slots.Length && slots[row.Parts[i]] is var slot and >= 0)
                {
                    into[slot] += row.Values[i];
                }
            }
        }

        private static void Add(long[] into, AggregateSnapshots.Row row)
        {
            for (var i = 0; i < row.Parts.Length; i++)
            {
                into[row.Parts[i]] += row.Values[i];
            }
        }

        private static void Name(long[] sums, Dictionary<string, long> into, string[] names)
        {
            for (var i = 0; i < sums.Length; i++)
            {
                if (sums[i] != 0)
                {
                    into[names[i]] = into.GetValueOrDefault(names[i]) + sums[i];
                }
            }
        }
    }
    // --- end stats-aggregates ---

    private IQueryable<SupervisionNotice> Supervised(Guid[] orgs, StatisticsPeriod period)
    {
        var (from, to) = (period.From, period.To);
        // ── stats-reviews: a notice about a voided item does not count either ──
        var voided = VoidedItems();
        return _db.Set<SupervisionNotice>().AsNoTracking().Where(n => orgs.Contains(n.IssuedByOrganizationId) && n.IssuedOn >= from && n.IssuedOn <= to && !voided.Contains(n.PetitionId));
    }

    private IQueryable<Recommendation> Recommendations(Guid[] orgs, StatisticsPeriod period, bool adopted)
    {
        var (from, to) = (period.From, period.To);
        // ── stats-reviews: a recommendation made on a voided item does not count (one on no item does) ──
        var voided = VoidedItems();
        var made = _db.Set<Recommendation>().AsNoTracking().Where(r => orgs.Contains(r.IssuedByOrganizationId) && r.IssuedOn >= from && r.IssuedOn <= to
            && (r.PetitionId == null || !voided.Contains(r.PetitionId.Value)));
        return adopted ? made.Where(r => r.Adoption == Adoption.Adopted || r.Adoption == Adoption.PartlyAdopted) : made;
    }

    // ── stats-reviews ──

    /// <summary>The items voided (issue 12: they never count): the fact rows' flag, set by the voiding change.</summary>
    private IQueryable<Guid> VoidedItems() => _db.Set<ItemFacts>().AsNoTracking().Where(f => f.Voided).Select(f => f.PetitionId);

    internal static string SkipLevelKey(SkipLevelDestination? d) => d switch
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
