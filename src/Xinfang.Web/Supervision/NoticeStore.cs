using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Supervision;

/// <summary>Load a notice, check the caller's side of it, run the domain method with now, save — as <see cref="PetitionStore"/> does for items.</summary>
public sealed class NoticeStore(AppDbContext db, CurrentStaff staff, PetitionGuard guard, TimeProvider clock)
{
    /// <summary>Who may act: the issuing bureau's supervisors (<paramref name="unitMayAct"/> false), or also the addressed unit's staff.</summary>
    public async Task<IResult> ActAsync(Guid id, bool unitMayAct, Action<SupervisionNotice, Actor, DateTimeOffset> act, CancellationToken ct)
    {
        var notice = await db.Set<SupervisionNotice>().SingleOrDefaultAsync(n => n.Id == id, ct);
        var org = staff.OrganizationId;
        // A notice whose item the caller may not see (回避, Art. 28; the accused unit, Art. 30 ¶3) is unknown to them.
        if (notice is null || !staff.IsSignedIn || org != notice.IssuedByOrganizationId && org != notice.AddressedToOrganizationId
            || !await guard.Petitions.AnyAsync(p => p.Id == notice.PetitionId, ct))
        {
            return Answers.NotFound("督办通知");
        }

        var issuerActs = org == notice.IssuedByOrganizationId && staff.Role is StaffRole.Supervisor or StaffRole.Leader;
        if (!issuerActs && !(unitMayAct && org == notice.AddressedToOrganizationId))
        {
            return Answers.Forbidden(unitMayAct ? "只有被督办单位或督办的信访部门可以登记书面反馈" : "只有督办的信访部门的督办人员可以催办");
        }

        var now = clock.GetUtcNow();
        act(notice, staff.Actor, now);
        await db.SaveChangesAsync(ct);
        var names = await OrganizationNames.LoadAsync(db, [notice.IssuedByOrganizationId, notice.AddressedToOrganizationId], ct);
        return TypedResults.Ok(NoticeView.From(notice, DeadlineTime.LocalDate(now), names));
    }
}
