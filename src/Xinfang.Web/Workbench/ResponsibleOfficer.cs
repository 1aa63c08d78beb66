using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Workbench;

/// <summary>
/// 首办责任人 (首办负责制, 条例 Art. 34; issue 13): the unit head or registrar of the body holding the item names
/// one of its staff; a handler or reviewer may take the item for themselves. The rule that the officer belongs
/// to the holding body, and the history, are the domain's (<see cref="Petition.NameResponsibleOfficer"/>).
/// </summary>
public sealed class NameResponsibleOfficer(PetitionStore store, PetitionGuard guard, AppDbContext db, CurrentStaff staff, TimeProvider clock)
{
    public sealed record Request(string? UserId);

    /// <summary>The roles whose members work on items and so can be named.</summary>
    public static bool MayBeNamed(StaffRole role) => role is StaffRole.Registrar or StaffRole.Handler or StaffRole.UnitHead or StaffRole.Reviewer;

    /// <summary>Whether the signed-in staff member may name <paramref name="officerId"/> on an item their body holds.</summary>
    public static bool MayName(CurrentStaff staff, Petition petition, string? officerId) =>
        staff.OrganizationId == petition.CurrentOrganizationId
        && (staff.Role is StaffRole.UnitHead or StaffRole.Registrar
            || (staff.Role is StaffRole.Handler or StaffRole.Reviewer && officerId == staff.UserId));

    public async Task<ActOutcome> NameAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.UserId, "userId", "首办责任人", 64);
        var officer = errors.Any ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == r.UserId, ct);
        if (!errors.Any && (officer is null || officer.Disabled || !MayBeNamed(officer.Role)))
        {
            errors.Add("userId", "该工作人员不存在或不办理信访件");
        }

        if (errors.Any)
        {
            return ActOutcome.Invalid(errors);
        }

        var petition = await store.FindAsync(id, ct);
        if (petition is null || !await guard.MayAsync(petition, PetitionOperation.View))
        {
            return ActOutcome.NotFound;
        }

        if (!MayName(staff, petition, officer!.Id))
        {
            return ActOutcome.Forbidden("只有当前办理单位的负责人或登记人员可以确定首办责任人，承办人只能确定本人");
        }

        var version = petition.Version;
        var now = clock.GetUtcNow();
        petition.NameResponsibleOfficer(officer.Id, officer.DisplayName, officer.OrganizationId, staff.Actor, now);
        await PetitionStore.SaveAsync(db, petition, version, ct);
        var names = await OrganizationNames.LoadAsync(db, PetitionRelations.Organizations(petition), ct);
        return ActOutcome.Done(PetitionDetail.From(petition, DeadlineTime.LocalDate(now), names,
            await guard.MayAsync(petition, PetitionOperation.RevealPersonalData)));
    }
}
