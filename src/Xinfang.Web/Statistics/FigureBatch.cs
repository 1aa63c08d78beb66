using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Statistics;

namespace Xinfang.Web.Statistics;

/// <summary>
/// Many figures of one scope in a few SQL statements instead of one each (ADR 0087, stats-scale): every
/// indicator's numerator and denominator, every count and every month's figures become conditional
/// aggregates — <c>COUNT(CASE WHEN rule THEN 1 END)</c> — of one pass per side over the population's fact
/// rows (the population is the pass's filter). The conditions are the very <see cref="IndicatorRules"/>
/// expressions the one-query-per-figure code used, so the figures are the same by construction; <c>FigureBatchTests</c> checks it on random histories against a count per rule on both providers.
/// The bench (bench/statistics) found the one-query-per-figure dashboard spending its time in ~110 round trips
/// that each scanned the same rows.
/// </summary>
internal static class FigureBatch
{
    /// <summary>Most aggregates in one statement (PostgreSQL takes far more; this keeps each statement readable in a plan).</summary>
    private const int PerStatement = 48;

    /// <summary>
    /// The date columns that put a fact row into a period: a row none of whose dates falls in the period is
    /// in no figure, so the pass reads only rows with one of them in range (each is the leading column of an index).
    /// <b>A figure dated by a new column must add the column here</b> (FigureBatchTests fails otherwise).
    /// </summary>
    internal static readonly Expression<Func<ItemFacts, DateOnly?>>[] PeriodColumns =
    [
        f => f.ReceivedOn, f => f.DispositionDueOn, f => f.AcceptanceDueOn, f => f.HandlingDueOn, f => f.RepliedOn, f => f.RatedOn,
        f => f.RatingDueOn, f => f.ClosedOn, f => f.ForwardedOn, f => f.AssignedOn, f => f.DeclinedOn, f => f.RefusedAgainOn,
        f => f.ReviewRequestedOn, f => f.ReReviewRequestedOn, f => f.ReviewOpinionOn, f => f.ReReviewOpinionOn,
    ];

    /// <summary>One figure asked for: rows of the side's population counted where <see cref="Where"/> holds, or <see cref="Sum"/> summed over them.</summary>
    internal sealed record Ask(StatisticsSide Side, Expression<Func<ItemFacts, bool>> Where, Expression<Func<ItemFacts, int>>? Sum = null);

    /// <summary>
    /// The answers, in the order asked: one pass per side (the population is the statement's filter, so no
    /// aggregate tests organisation membership), <see cref="PerStatement"/> aggregates per statement.
    /// <paramref name="organizations"/> null: every organisation (<see cref="IndicatorRules.Population"/>).
    /// </summary>
    public static async Task<long[]> RunAsync(IQueryable<ItemFacts> facts, Guid[]? organizations, StatisticsPeriod period, IReadOnlyList<Ask> asks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var answers = new long[asks.Count];
        foreach (var side in asks.Select(a => a.Side).Distinct())
        {
            var rows = facts.Where(IndicatorRules.Population(side, organizations)).Where(InPeriod(period.From, period.To));
            var mine = asks.Select((a, i) => (Ask: a, Index: i)).Where(x => x.Ask.Side == side).ToList();
            for (var start = 0; start < mine.Count; start += PerStatement)
            {
                var chunk = mine.Skip(start).Take(PerStatement).ToList();
                var row = await rows.GroupBy(f => 1).Select(Projection([.. chunk.Select(c => c.Ask)])).FirstOrDefaultAsync(ct);
                for (var i = 0; i < chunk.Count; i++)
                {
                    answers[chunk[i].Index] = row?.Get(i) ?? 0;
                }
            }
        }

        return answers;
    }

    /// <summary>A figure rule's numerator and denominator over its side's population: two asks (the numerator a sum for an average).</summary>
    public static (Ask Numerator, Ask Denominator) AsksOf(FigureRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return (rule.Sum is { } sum ? new Ask(rule.Side, rule.Denominator, sum) : new Ask(rule.Side, rule.Numerator), new Ask(rule.Side, rule.Denominator));
    }

    /// <summary>
    /// Volumes of the received rows by form, purpose, content class, 问题属地 and level, from one grouped
    /// statement (the combinations are few) summed up here per dimension.
    /// </summary>
    public static async Task<List<Received>> ReceivedAsync(IQueryable<ItemFacts> received, CancellationToken ct) =>
        await received.GroupBy(f => new { f.Form, f.Purpose, f.ContentClass, f.IssueLocation, f.Level })
            .Select(g => new Received(g.Key.Form, g.Key.Purpose, g.Key.ContentClass, g.Key.IssueLocation, g.Key.Level, g.Sum(x => (long)x.Batches), g.LongCount(), g.Sum(x => (long)x.Persons)))
            .ToListAsync(ct);

    /// <summary>One combination of the received rows' dimensions and its 批/件/人次.</summary>
    internal sealed record Received(PetitionForm Form, PetitionPurpose Purpose, string? ContentClass, string? IssueLocation, OrganizationLevel Level, long Batches, long Items, long Persons);

    /// <summary>Counts per responsible unit for several conditions in one grouped statement (the units' ranking).</summary>
    public static async Task<Dictionary<Guid, long[]>> ByUnitAsync(IQueryable<ItemFacts> units, IReadOnlyList<Expression<Func<ItemFacts, bool>>> conditions, CancellationToken ct)
    {
        var any = conditions.Aggregate(Or);
        var result = new Dictionary<Guid, long[]>();
        var g = Expression.Parameter(typeof(IGrouping<Guid?, ItemFacts>), "g");
        var bindings = conditions.Select((c, i) => (MemberBinding)Expression.Bind(typeof(Row).GetProperty(Row.Name(i))!, CountIf(g, c))).ToList();
        bindings.Add(Expression.Bind(typeof(Row).GetProperty(nameof(Row.Key))!, Expression.Property(g, nameof(IGrouping<Guid?, ItemFacts>.Key))));
        var projection = Expression.Lambda<Func<IGrouping<Guid?, ItemFacts>, Row>>(Expression.MemberInit(Expression.New(typeof(Row)), bindings), g);
        foreach (var row in await units.Where(any).GroupBy(f => f.UnitOrganizationId).Select(projection).ToListAsync(ct))
        {
            if (row.Key is { } id)
            {
                result[id] = [.. Enumerable.Range(0, conditions.Count).Select(row.Get)];
            }
        }

        return result;
    }

    private static Expression<Func<ItemFacts, bool>> InPeriod(DateOnly from, DateOnly to)
    {
        var f = Expression.Parameter(typeof(ItemFacts), "f");
        Expression? any = null;
        foreach (var column in PeriodColumns)
        {
            var value = new Rebind(column.Parameters[0], f).Visit(column.Body)!;
            var within = Expression.AndAlso(
                Expression.GreaterThanOrEqual(value, Expression.Constant(from, typeof(DateOnly?))),
                Expression.LessThanOrEqual(value, Expression.Constant(to, typeof(DateOnly?))));
            any = any is null ? within : Expression.OrElse(any, within);
        }

        return Expression.Lambda<Func<ItemFacts, bool>>(any!, f);
    }

    private static Expression<Func<IGrouping<int, ItemFacts>, Row>> Projection(List<Ask> asks)
    {
        var g = Expression.Parameter(typeof(IGrouping<int, ItemFacts>), "g");
        var bindings = asks.Select((a, i) => (MemberBinding)Expression.Bind(typeof(Row).GetProperty(Row.Name(i))!, a.Sum is null ? CountIf(g, a.Where) : SumIf(g, a.Where, a.Sum)));
        return Expression.Lambda<Func<IGrouping<int, ItemFacts>, Row>>(Expression.MemberInit(Expression.New(typeof(Row)), bindings), g);
    }

    /// <summary><c>g.LongCount(where)</c>: COUNT(CASE WHEN … THEN 1 END) in SQL.</summary>
    private static MethodCallExpression CountIf(ParameterExpression g, Expression<Func<ItemFacts, bool>> where) =>
        Expression.Call(typeof(Enumerable), nameof(Enumerable.LongCount), [typeof(ItemFacts)], g, where);

    /// <summary><c>g.Sum(f => where ? (long)sum : 0)</c>.</summary>
    private static MethodCallExpression SumIf(ParameterExpression g, Expression<Func<ItemFacts, bool>> where, Expression<Func<ItemFacts, int>> sum)
    {
        var f = Expression.Parameter(typeof(ItemFacts), "f");
        var body = Expression.Condition(
            new Rebind(where.Parameters[0], f).Visit(where.Body)!,
            Expression.Convert(new Rebind(sum.Parameters[0], f).Visit(sum.Body)!, typeof(long)),
            Expression.Constant(0L));
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Sum), [typeof(ItemFacts)], g, Expression.Lambda<Func<ItemFacts, long>>(body, f));
    }

    private static Expression<Func<ItemFacts, bool>> Or(Expression<Func<ItemFacts, bool>> left, Expression<Func<ItemFacts, bool>> right) =>
        Expression.Lambda<Func<ItemFacts, bool>>(Expression.OrElse(left.Body, new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body)!), left.Parameters);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>One result row: up to <see cref="PerStatement"/> numbers (a projection EF can translate; an array it cannot).</summary>
    internal sealed class Row
    {
        public Guid? Key { get; set; }
#pragma warning disable SA1516, CA1822 // generated-looking block: 48 numbered columns
        public long C00 { get; set; } public long C01 { get; set; } public long C02 { get; set; } public long C03 { get; set; } public long C04 { get; set; } public long C05 { get; set; }
        public long C06 { get; set; } public long C07 { get; set; } public long C08 { get; set; } public long C09 { get; set; } public long C10 { get; set; } public long C11 { get; set; }
        public long C12 { get; set; } public long C13 { get; set; } public long C14 { get; set; } public long C15 { get; set; } public long C16 { get; set; } public long C17 { get; set; }
        public long C18 { get; set; } public long C19 { get; set; } public long C20 { get; set; } public long C21 { get; set; } public long C22 { get; set; } public long C23 { get; set; }
        public long C24 { get; set; } public long C25 { get; set; } public long C26 { get; set; } public long C27 { get; set; } public long C28 { get; set; } public long C29 { get; set; }
        public long C30 { get; set; } public long C31 { get; set; } public long C32 { get; set; } public long C33 { get; set; } public long C34 { get; set; } public long C35 { get; set; }
        public long C36 { get; set; } public long C37 { get; set; } public long C38 { get; set; } public long C39 { get; set; } public long C40 { get; set; } public long C41 { get; set; }
        public long C42 { get; set; } public long C43 { get; set; } public long C44 { get; set; } public long C45 { get; set; } public long C46 { get; set; } public long C47 { get; set; }
#pragma warning restore SA1516, CA1822

        public static string Name(int i) => "C" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

        public long Get(int i) => (long)typeof(Row).GetProperty(Name(i))!.GetValue(this)!;
    }
}
