using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Duty;
using Xinfang.Domain.Organizations;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Duty;

/// <summary>Urgent reports received at one level of the chain (县级, 市级, 省级 …): steps addressed to bodies of that level, and how many were read.</summary>
public sealed record UrgentLevelRow(string Level, string Name, int Received, int Read);

/// <summary>
/// 值班和紧急报告 figures of a jurisdiction and period: special periods, daily reports expected (bodies × days due), filed
/// (of which 零报告 and 逾时), missing; urgent reports that arose in the jurisdiction and the steps received by level.
/// </summary>
public sealed record DutyFiguresResult(Guid OrganizationId, DateOnly From, DateOnly To, int Periods, int Expected, int Filed, int ZeroReports, int Late, int Missing,
    int UrgentReports, IReadOnlyList<UrgentLevelRow> UrgentByLevel);

/// <summary>
/// The figures' own queries (the statistics fact table knows nothing of duty work), scoped like the statistics: the
/// periods that concern the scope body (declared in its subtree or above it) overlapping the period; the bodies of the
/// scope's subtree that report in them; the days due by now (<see cref="DutyCutOff.DaysDue"/>) inside the period.
/// Missing = expected − the reports filed for those days. Urgent: reports whose first step lies in the period and whose
/// origin is in the subtree; by level, the steps received by bodies of the subtree in the period.
/// </summary>
public static class DutyFigures
{
    public static async Task<DutyFiguresResult> ComputeAsync(AppDbContext db, OrganizationDirectory directory, StatisticsScope scope, DateTimeOffset now, TimeOnly cutOff, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(scope);
        var subtree = directory.Subtree(scope.OrganizationId);
        var concerning = subtree.Concat(directory.PathFromTop(scope.OrganizationId)).Distinct().ToList();
        var periods = await db.Set<SpecialPeriod>().AsNoTracking()
            .Where(p => concerning.Contains(p.OrganizationId) && p.From <= scope.To && p.To >= scope.From).ToListAsync(ct);
        var ids = periods.Select(p => p.Id).ToList();
        var below = subtree.ToList();
        var reports = await db.Set<DutyReport>().AsNoTracking()
            .Where(x => ids.Contains(x.PeriodId) && below.Contains(x.OrganizationId) && x.Day >= scope.From && x.Day <= scope.To)
            .Select(x => new { x.PeriodId, x.OrganizationId, x.Day, x.Nothing, x.Late }).ToListAsync(ct);
        var expected = 0;
        var filedOnDueDays = 0;
        foreach (var p in periods)
        {
            var bodies = directory.Subtree(p.OrganizationId).Where(subtree.Contains).ToHashSet();
            var days = DutyCutOff.DaysDue(p, now, cutOff).Where(d => d >= scope.From && d <= scope.To).ToHashSet();
            expected += bodies.Count * days.Count;
            filedOnDueDays += reports.Count(x => x.PeriodId == p.Id && bodies.Contains(x.OrganizationId) && days.Contains(x.Day));
        }

        var start = new DateTimeOffset(scope.From.ToDateTime(TimeOnly.MinValue), DeadlineTime.Offset);
        var end = DeadlineTime.EndOfDay(scope.To);
        var urgent = await db.Set<UrgentReport>().AsNoTracking()
            .Where(r => r.Steps.Any(s => below.Contains(s.ToOrganizationId) || below.Contains(s.FromOrganizationId)))
            .Select(r => new { r.OriginOrganizationId, Steps = r.Steps.Select(s => new { s.Sequence, s.ToOrganizationId, s.ReportedAt, s.ReadAt }).ToList() })
            .ToListAsync(ct);
        var originated = urgent.Count(r => subtree.Contains(r.OriginOrganizationId) && r.Steps.Single(s => s.Sequence == 1).ReportedAt is var t && t >= start && t <= end);
        var steps = urgent.SelectMany(r => r.Steps).Where(s => subtree.Contains(s.ToOrganizationId) && s.ReportedAt >= start && s.ReportedAt <= end).ToList();
        var byLevel = Enum.GetValues<OrganizationLevel>()
            .Select(l => (Level: l, Steps: steps.Where(s => directory.LevelOf(s.ToOrganizationId) == l).ToList()))
            .Where(x => x.Steps.Count > 0)
            .Select(x => new UrgentLevelRow(x.Level.ToString(), LevelName(x.Level), x.Steps.Count, x.Steps.Count(s => s.ReadAt is not null))).ToList();
        return new DutyFiguresResult(scope.OrganizationId, scope.From, scope.To, periods.Count, expected, reports.Count, reports.Count(x => x.Nothing), reports.Count(x => x.Late),
            expected - filedOnDueDays, originated, byLevel);
    }

    public static string LevelName(OrganizationLevel level) => level switch
    {
        OrganizationLevel.National => "国家级",
        OrganizationLevel.Province => "省级",
        OrganizationLevel.City => "市级",
        OrganizationLevel.County => "县级",
        OrganizationLevel.Township => "乡级",
        _ => "村级",
    };

    /// <summary>The annual report's tables of this section (issue 14: a separate table of the report).</summary>
    public static IReadOnlyList<Reports.ReportTable> Tables(DutyFiguresResult f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return
        [
            new("duty", "特殊时期值班和零报告情况", ["特殊时期", "应报日报", "已报日报", "其中零报告", "其中逾时报告", "缺报"],
                [[(long)f.Periods, (long)f.Expected, (long)f.Filed, (long)f.ZeroReports, (long)f.Late, (long)f.Missing]]),
            new("urgent", "重大紧急信访事项报告情况（按接收机关层级）", ["接收机关层级", "收到报告", "已签收"],
                [.. f.UrgentByLevel.Select(r => (IReadOnlyList<object?>)[r.Name, (long)r.Received, (long)r.Read]), ["本辖区发生并报告的紧急事项", (long)f.UrgentReports, null]]),
        ];
    }
}
