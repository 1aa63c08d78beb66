using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Supervision;

/// <summary>The 督办 notices the caller's organisation issued or received, earliest feedback deadline first; optionally by status or item.</summary>
public sealed class ListSupervisionNotices(AppDbContext db, CurrentStaff staff, PetitionGuard guard, TimeProvider clock)
{
    public const int MaxItems = 500;

    public async Task<IResult> HandleAsync(SupervisionStatus? status, Guid? petitionId, CancellationToken ct)
    {
        if (status is { } s && !Enum.IsDefined(s))
        {
            return new RequestErrors().Add("status", "督办状态无效").Problem();
        }

        var today = DeadlineTime.LocalDate(clock.GetUtcNow());
        return TypedResults.Ok(await LoadAsync(db, guard.Petitions, staff.OrganizationId, status, petitionId, today, ct));
    }

    /// <summary>
    /// The notices of <paramref name="organizationId"/> whose item the caller may see: <paramref name="visible"/>
    /// is the caller's scope (<see cref="PetitionGuard.Petitions"/>), so a notice never shows an item's
    /// number to an officer who stepped aside (Art. 28) or to the accused unit (Art. 30 ¶3).
    /// </summary>
    public static async Task<IReadOnlyList<NoticeView>> LoadAsync(AppDbContext db, IQueryable<Domain.Petitions.Petition> visible, Guid organizationId, SupervisionStatus? status, Guid? petitionId, DateOnly today, CancellationToken ct)
    {
        var query = db.Set<SupervisionNotice>().AsNoTracking()
            .Where(n => n.IssuedByOrganizationId == organizationId || n.AddressedToOrganizationId == organizationId)
            .Where(n => visible.Any(p => p.Id == n.PetitionId));
        if (status is { } s)
        {
            query = query.Where(n => n.Status == s);
        }

        if (petitionId is { } p)
        {
            query = query.Where(n => n.PetitionId == p);
        }

        var notices = await query.OrderBy(n => n.FeedbackDueAtUtc).ThenBy(n => n.Id).Take(MaxItems).ToListAsync(ct);
        return await NoticeView.ManyAsync(db, notices, today, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/notices", (SupervisionStatus? status, Guid? petitionId, ListSupervisionNotices uc, CancellationToken ct) => uc.HandleAsync(status, petitionId, ct))
            .WithSummary("督办通知（本单位下发或收到的）").Produces<List<NoticeView>>();
}
