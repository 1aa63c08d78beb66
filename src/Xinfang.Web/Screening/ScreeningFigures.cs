using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Screening;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Reports;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Screening;

/// <summary>Disputes found of one kind (or the total) and what became of them.</summary>
public sealed record DisputeRow(string Key, string Name, int Found, int ResolvedOnSpot, int ToWarnings, int ToItems);

/// <summary>Warnings of the period: raised (and of them given to a body), closed (and of them late), overdue at the period's end.</summary>
public sealed record WarningCounts(int Raised, int Assigned, int Closed, int ClosedLate, int Overdue, int Serious, int Major, int General);

/// <summary>
/// 矛盾纠纷排查 and 预警 figures of a jurisdiction and period (docs/domain/screening.md defines each):
/// rounds whose period begins in the statistics period, of township and village bodies of the subtree;
/// places screened (township and village bodies with at least one such round) against the places of the jurisdiction
/// (its township and village bodies, merged ones left out) and 排查率 = screened ÷ places (<see cref="ScreeningCoverage"/>);
/// disputes found by kind (every kind, zeros too) and what became of them; warnings raised by or given to a body of the subtree.
/// </summary>
public sealed record ScreeningFiguresResult(Guid OrganizationId, DateOnly From, DateOnly To, int Rounds, int PlacesScreened, int Places, decimal? CoverageRate,
    DisputeRow Total, IReadOnlyList<DisputeRow> ByKind, WarningCounts Warnings)
{
    public string CoverageText => CoverageRate is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";
}

/// <summary>
/// The screening figures' own query (the statistics fact table knows nothing of screening), scoped as the statistics
/// are: <see cref="StatisticsEndpoints.ScopeOf"/> gives the period and body, the readers are those of
/// <see cref="IndicatorSource.MayReadStatistics"/> within their own subtree (the caller checks).
/// Warnings: raised = raised in the period; assigned = of those, given to a responsible body by the period's end;
/// closed = closed in the period (late = after its last day); overdue = raised by the end of the period, not closed by
/// then and past its last day on that day (the end of the period, or today if the period has not ended).
/// </summary>
public static class ScreeningFigures
{
    public static async Task<ScreeningFiguresResult> ComputeAsync(AppDbContext db, OrganizationDirectory directory, StatisticsScope scope, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(scope);
        var bodies = directory.Subtree(scope.OrganizationId).ToList();
        var (from, to) = (scope.From, scope.To);
        var places = await db.Organizations.AsNoTracking()
            .Where(o => bodies.Contains(o.Id) && o.MergedIntoId == null && (o.Level == OrganizationLevel.Township || o.Level == OrganizationLevel.Village))
            .Select(o => o.Id).ToListAsync(ct);
        var rounds = await db.Set<ScreeningRound>().AsNoTracking()
            .Where(r => bodies.Contains(r.OrganizationId) && r.PeriodFrom >= from && r.PeriodFrom <= to).ToListAsync(ct);
        var screened = rounds.Select(r => r.OrganizationId).Distinct().Count(places.Contains);
        var findings = rounds.SelectMany(r => r.Findings).ToList();
        DisputeRow Row(string key, string name, IEnumerable<ScreeningFinding> of)
        {
            var l = of.ToList();
            return new DisputeRow(key, name, l.Sum(f => f.Found), l.Sum(f => f.ResolvedOnSpot), l.Sum(f => f.ToWarnings), l.Sum(f => f.ToItems));
        }

        var byKind = DisputeKinds.All.Select(k => Row(k.ToString(), DisputeKinds.NameOf(k), findings.Where(f => f.Kind == k))).ToList();
        var total = Row("total", "合计", findings);

        var endDay = to < today ? to : today;
        var end = DeadlineTime.EndOfDay(to);
        var warnings = await db.Set<Warning>().AsNoTracking()
            .Where(w => bodies.Contains(w.RaisedByOrganizationId) || (w.ResponsibleOrganizationId != null && bodies.Contains(w.ResponsibleOrganizationId.Value)))
            .Where(w => w.RaisedOn <= to)
            .Select(w => new { w.RaisedOn, w.Level, w.AssignedAt, w.ClosedOn, w.DueOn }).ToListAsync(ct);
        var raised = warnings.Where(w => w.RaisedOn >= from).ToList();
        var counts = new WarningCounts(
            raised.Count,
            raised.Count(w => w.AssignedAt is { } a && a <= end),
            warnings.Count(w => w.ClosedOn is { } c && c >= from && c <= to),
            warnings.Count(w => w.ClosedOn is { } c && c >= from && c <= to && c > w.DueOn),
            warnings.Count(w => w.RaisedOn <= endDay && (w.ClosedOn is null || w.ClosedOn > endDay) && w.DueOn < endDay),
            raised.Count(w => w.Level == WarningLevel.Serious),
            raised.Count(w => w.Level == WarningLevel.Major),
            raised.Count(w => w.Level == WarningLevel.General));
        return new ScreeningFiguresResult(scope.OrganizationId, from, to, rounds.Count, screened, places.Count, ScreeningCoverage.Rate(screened, places.Count), total, byKind, counts);
    }
}

/// <summary>The annual report's 矛盾纠纷排查和预警 section (issue 14): one sentence and two tables, from <see cref="ScreeningFigures"/>.</summary>
public static class ScreeningReport
{
    public const string KindsKey = "screening-kinds";
    public const string WarningsKey = "screening-warnings";

    public static IReadOnlyList<ReportBlock> Blocks(ScreeningFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return [new ReportParagraph(Sentence(r)), new ReportTableBlock(KindsTable(r)), new ReportTableBlock(WarningsTable(r))];
    }

    /// <summary>As the seeds write it (临汾: 排查矛盾纠纷10402次 … 发出预警632条).</summary>
    public static string Sentence(ScreeningFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var w = r.Warnings;
        var t = r.Total;
        return $"矛盾纠纷排查化解：开展排查{r.Rounds}次，排查乡镇（街道）、村（社区）{r.PlacesScreened}个，占辖区{r.Places}个的{r.CoverageText}（排查率）；" +
            $"排查发现矛盾纠纷{t.Found}件，就地化解{t.ResolvedOnSpot}件，转预警{t.ToWarnings}件，转信访事项{t.ToItems}件。" +
            $"发出预警{w.Raised}条（重大{w.Serious}条、较大{w.Major}条、一般{w.General}条），已交办{w.Assigned}条；办结预警{w.Closed}条（其中逾期办结{w.ClosedLate}条）；期末逾期未办结{w.Overdue}条。";
    }

    public static ReportTable KindsTable(ScreeningFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var rows = r.ByKind.Append(r.Total).Select(k => (IReadOnlyList<object?>)[k.Name, k.Found, k.ResolvedOnSpot, k.ToWarnings, k.ToItems]).ToList();
        return new ReportTable(KindsKey, "矛盾纠纷排查情况（按纠纷类别）", ["纠纷类别", "排查发现", "就地化解", "转预警", "转信访事项"], rows);
    }

    public static ReportTable WarningsTable(ScreeningFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var w = r.Warnings;
        return new ReportTable(WarningsKey, "预警情况", ["排查次数", "排查率", "发出预警", "已交办", "办结", "逾期办结", "逾期未办结"],
            [[r.Rounds, r.CoverageText, w.Raised, w.Assigned, w.Closed, w.ClosedLate, w.Overdue]]);
    }
}
