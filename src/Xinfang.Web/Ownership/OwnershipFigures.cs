using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Ownership;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Ownership;

/// <summary>
/// 包案 counts of a jurisdiction and period (issue 14; the seeds: 临汾 1,627 owned, 1,499 resolved, 92.13 %). An ownership
/// belongs to the jurisdiction when the bureau that assigned it or the owning leader's body lies in the chosen body's
/// subtree (after a 改派, the new leader's body). Owned: assigned in the period and not withdrawn by its end.
/// Resolved / Unresolved: outcome dated in the period. Open: assigned by the period's end, without an outcome and not
/// withdrawn by then. Withdrawn (撤回): withdrawn in the period — counted apart, never in the rate. 包案化解率 = resolved ÷
/// (resolved + unresolved): the ownerships with an outcome in the period, as the seeds count it (1,499 ÷ 1,627). A 改派
/// changes the leader, not the count: the ownership is one 包案 (docs/domain/ownership.md).
/// </summary>
public sealed record OwnershipCounts(int Owned, int Resolved, int Unresolved, int Open, int Withdrawn = 0)
{
    public int WithOutcome => Resolved + Unresolved;

    /// <summary>包案化解率 in per cent, two decimals; null when no ownership has an outcome in the period.</summary>
    public decimal? ResolutionRate => WithOutcome == 0 ? null : Math.Round(100m * Resolved / WithOutcome, 2, MidpointRounding.AwayFromZero);

    public string RateText => ResolutionRate is { } r ? r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}

public static class OwnershipFigures
{
    public static async Task<OwnershipCounts> CountAsync(AppDbContext db, OrganizationDirectory directory, StatisticsScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(scope);
        var below = directory.Subtree(scope.OrganizationId).ToList();
        var (from, to) = (scope.From, scope.To);
        var rows = await db.Set<CaseOwnership>().AsNoTracking()
            .Where(o => below.Contains(o.AssignedByOrganizationId) || below.Contains(o.LeaderOrganizationId))
            .Where(o => o.AssignedOn <= to)
            .Select(o => new { o.AssignedOn, o.Outcome, o.OutcomeOn, o.WithdrawnOn })
            .ToListAsync(ct);
        // Withdrawn by the period's end: as if never owned in it (neither owned nor open); withdrawn later: still open then.
        var standing = rows.Where(o => o.WithdrawnOn is null || o.WithdrawnOn > to).ToList();
        return new OwnershipCounts(
            standing.Count(o => o.AssignedOn >= from),
            standing.Count(o => o.Outcome == OwnershipOutcome.Resolved && o.OutcomeOn >= from && o.OutcomeOn <= to),
            standing.Count(o => o.Outcome == OwnershipOutcome.Unresolved && o.OutcomeOn >= from && o.OutcomeOn <= to),
            standing.Count(o => o.Outcome is null || o.OutcomeOn > to),
            rows.Count(o => o.WithdrawnOn >= from && o.WithdrawnOn <= to));
    }

    /// <summary>The annual report's tables of this section, for the report's scope.</summary>
    public static async Task<IReadOnlyList<Reports.ReportTable>> TablesAsync(AppDbContext db, OrganizationDirectory directory, StatisticsScope scope, CancellationToken ct) =>
        [OwnershipReportTables.Of(await CountAsync(db, directory, scope, ct))];
}

/// <summary>The annual report's 领导包案 table (a separate table of the report, issue 14).</summary>
public static class OwnershipReportTables
{
    public const string Key = "ownership";

    // 撤回 as on the dashboard (OwnershipFiguresSection): the report must not show fewer 包案 facts than the page.
    public static Reports.ReportTable Of(OwnershipCounts c) => new(Key, "领导包案情况",
        ["包案件数", "化解", "未化解", "期末在办", "包案化解率", "撤回"],
        [[c.Owned, c.Resolved, c.Unresolved, c.Open, c.RateText, c.Withdrawn]]);
}
