using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Reception;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Reception;

/// <summary>One row of the figures: sessions held, 批 and 人次 received.</summary>
public sealed record ReceptionRow(string Key, string Name, int Sessions, int Batches, int Persons);

/// <summary>领导接访 figures of a jurisdiction and period: the totals, by kind (every kind, zeros too) and by body (those with sessions).</summary>
public sealed record ReceptionFiguresResult(Guid OrganizationId, DateOnly From, DateOnly To, ReceptionRow Total, IReadOnlyList<ReceptionRow> ByKind, IReadOnlyList<ReceptionRow> ByBody);

/// <summary>
/// What leaders' receptions count (seed 临汾: 2,079 sessions, 1,173 批, 2,394 人次): the sessions held whose day lies in
/// the period, of the bodies of the organisation's subtree, and the items received at them — 批 one per item, 人次 its
/// head count (<see cref="ReceptionCounting"/>); a voided registration counts nothing. Scoped as the statistics are
/// (<see cref="StatisticsEndpoints.ScopeOf"/>, the same readers as <see cref="IndicatorSource.MayReadStatistics"/>, only
/// the reader's own subtree). Its own query: the statistics fact table knows nothing of receptions.
/// </summary>
public sealed class ReceptionFigures(AppDbContext db, PetitionGuard guard, OrganizationDirectory directory)
{
    public async Task<ReceptionFiguresResult> ComputeAsync(StatisticsScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var staff = guard.Staff ?? throw new StatisticsAccessDenied("请先登录");
        if (!IndicatorSource.MayReadStatistics(staff.Role))
        {
            throw new StatisticsAccessDenied("统计数据由领导、督查人员、信访部门登记办理人员和单位负责人查看");
        }

        if (!directory.Contains(scope.OrganizationId) || !directory.IsWithin(scope.OrganizationId, staff.OrganizationId))
        {
            throw new StatisticsAccessDenied("只能查看本机关及下属机构的统计数据");
        }


        var bodies = directory.Subtree(scope.OrganizationId).ToList();
        var start = new DateTimeOffset(scope.From.ToDateTime(TimeOnly.MinValue), DeadlineTime.Offset);
        var end = DeadlineTime.EndOfDay(scope.To);
        var sessions = await db.Set<ReceptionSession>().AsNoTracking()
            .Where(s => s.Status == ReceptionStatus.Held && bodies.Contains(s.OrganizationId) && s.StartsAt >= start && s.StartsAt <= end)
            .Select(s => new { s.Id, s.Kind, s.OrganizationId }).ToListAsync(ct);
        var ids = sessions.Select(s => s.Id).ToList();
        // Counts of items linked to these sessions, never their content: the whole deployment is right, an item received
        // here counts here even once sent on to a body outside the subtree.
        var items = await (from i in db.Set<ReceptionSessionItem>().AsNoTracking()
                           join p in db.PetitionsAcrossDeployment.AsNoTracking() on i.PetitionId equals p.Id
                           where ids.Contains(i.SessionId) && p.State != PetitionState.Voided
                           select new { i.SessionId, p.HeadCount }).ToListAsync(ct);
        var bySession = items.GroupBy(i => i.SessionId).ToDictionary(g => g.Key, g => g.Select(i => i.HeadCount).ToList());
        var names = await db.Organizations.AsNoTracking().Where(o => bodies.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);

        ReceptionRow Row(string key, string name, IEnumerable<Guid> ofSessions)
        {
            var list = ofSessions.ToList();
            var received = ReceptionCounting.Count(list.SelectMany(id => bySession.GetValueOrDefault(id) ?? []));
            return new ReceptionRow(key, name, list.Count, received.Batches, received.Persons);
        }

        var total = Row("total", "合计", ids);
        var byKind = ReceptionKinds.All.Select(k => Row(k.ToString(), ReceptionKinds.NameOf(k), sessions.Where(s => s.Kind == k).Select(s => s.Id))).ToList();
        var byBody = sessions.GroupBy(s => s.OrganizationId)
            .Select(g => Row(g.Key.ToString(), names.GetValueOrDefault(g.Key, string.Empty), g.Select(s => s.Id)))
            .OrderByDescending(r => r.Sessions).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new ReceptionFiguresResult(scope.OrganizationId, scope.From, scope.To, total, byKind, byBody);
    }
}
