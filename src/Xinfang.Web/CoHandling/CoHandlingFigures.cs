using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.CoHandling;
using Xinfang.Domain.Deadlines;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.CoHandling;

/// <summary>
/// 协办 counts of a jurisdiction and period (issue 14). A task belongs to the jurisdiction when the bureau that named it, the
/// 协办 unit or the 主办 unit lies in the chosen body's subtree. Items: the items with a task named in the period. Named: tasks
/// named in the period. On time / late: tasks done in the period by / after their deadline. Overdue open: tasks named by the
/// period's end, neither done nor withdrawn by then, whose deadline passed before the period's end (or today, if earlier).
/// </summary>
public sealed record CoHandlingCounts(int Items, int Named, int DoneOnTime, int DoneLate, int OverdueOpen)
{
    /// <summary>协办按期办结率 in per cent, two decimals: on time ÷ done in the period; null when none was done.</summary>
    public decimal? OnTimeRate => DoneOnTime + DoneLate == 0 ? null : Math.Round(100m * DoneOnTime / (DoneOnTime + DoneLate), 2, MidpointRounding.AwayFromZero);

    public string RateText => OnTimeRate is { } r ? r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}

public static class CoHandlingFigures
{
    public static async Task<CoHandlingCounts> CountAsync(AppDbContext db, OrganizationDirectory directory, StatisticsScope scope, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(scope);
        var below = directory.Subtree(scope.OrganizationId).ToList();
        var (from, to) = (scope.From, scope.To);
        var rows = await db.Set<CoHandlingTask>().AsNoTracking()
            .Where(t => below.Contains(t.NamedByOrganizationId) || below.Contains(t.OrganizationId) || below.Contains(t.LeadOrganizationId))
            .Where(t => t.NamedOn <= to)
            .Select(t => new { t.PetitionId, t.NamedOn, t.DueOn, t.DoneOn, t.WithdrawnAt })
            .ToListAsync(ct);
        var end = to < today ? to : today;
        return new CoHandlingCounts(
            rows.Where(t => t.NamedOn >= from).Select(t => t.PetitionId).Distinct().Count(),
            rows.Count(t => t.NamedOn >= from),
            rows.Count(t => t.DoneOn >= from && t.DoneOn <= to && t.DoneOn <= t.DueOn),
            rows.Count(t => t.DoneOn >= from && t.DoneOn <= to && t.DoneOn > t.DueOn),
            rows.Count(t => (t.DoneOn is null || t.DoneOn > to) && (t.WithdrawnAt is null || DeadlineTime.LocalDate(t.WithdrawnAt.Value) > to) && t.DueOn < end));
    }

    /// <summary>The annual report's tables of this section, for the report's scope.</summary>
    public static async Task<IReadOnlyList<Reports.ReportTable>> TablesAsync(AppDbContext db, OrganizationDirectory directory, StatisticsScope scope, DateOnly today, CancellationToken ct) =>
        [CoHandlingReportTables.Of(await CountAsync(db, directory, scope, today, ct))];
}

/// <summary>The annual report's 主办/协办 table (a separate table of the report, issue 14).</summary>
public static class CoHandlingReportTables
{
    public const string Key = "co-handling";

    public static Reports.ReportTable Of(CoHandlingCounts c) => new(Key, "主办协办情况",
        ["有协办的信访件", "协办任务", "按期办结", "逾期办结", "逾期未办结", "按期办结率"],
        [[c.Items, c.Named, c.DoneOnTime, c.DoneLate, c.OverdueOpen, c.RateText]]);
}
