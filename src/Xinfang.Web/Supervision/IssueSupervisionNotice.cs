using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Supervision;

/// <summary>
/// 督办 (条例 Art. 40 ¶1; Art. 32 ¶2 for the execution of a supported request): a supervisor of the
/// bureau raises a notice on an item of its jurisdiction, addressed to the unit holding it (or another
/// unit of the jurisdiction), with the feedback deadline of the jurisdiction's policy.
/// </summary>
public sealed class IssueSupervisionNotice(OrganizationDirectory directory, AppDbContext db, CurrentStaff staff, PetitionGuard guard, TimeProvider clock, Deadlines.DeadlineSettings settings)
{
    public sealed record Request(Guid? PetitionId, SupervisionReason? Reason, string? Details, Guid? AddressedToOrganizationId);

    public async Task<IResult> HandleAsync(Request r, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Defined(r.Reason, "reason", "督办事由")
            .Text(r.Details, "details", "督办内容", SupervisionNotice.MaxTextLength);
        if (r.PetitionId is null || r.PetitionId == Guid.Empty)
        {
            errors.Add("petitionId", "请指定督办的信访件");
        }

        var j = await Jurisdiction.LoadAsync(directory, staff.OrganizationId, ct);
        if (r.AddressedToOrganizationId is { } to && !j.Covers(to))
        {
            errors.Add("addressedToOrganizationId", j.IsKnown(to) ? "督办对象不在本辖区" : "督办对象不存在");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        if (SupervisionAccess.RequireIssuer(staff, j) is { } denied)
        {
            return denied;
        }

        var now = clock.GetUtcNow();
        var today = DeadlineTime.LocalDate(now);
        // The same rule as casework (PetitionRules through the caller's scope): an item the issuer may not
        // see (回避, Art. 28; an accusation against the bureau, Art. 30 ¶3) or outside the jurisdiction is unknown.
        var petition = await guard.Petitions.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == r.PetitionId, ct);
        if (petition is null || !await guard.MayAsync(petition, PetitionOperation.View) || !j.Covers(petition.CurrentOrganizationId))
        {
            return Answers.NotFound();
        }

        // 条例 Art. 30 ¶3, 40: addressed only to a body that may see the item — never the accused body
        // of an accusation nor a body under it.
        var addressee = r.AddressedToOrganizationId ?? petition.CurrentOrganizationId;
        if (!PetitionRules.BodyMayView(addressee, petition, directory))
        {
            return new RequestErrors().Add("addressedToOrganizationId", SupervisionAccess.AddresseeMayNotSee).Problem();
        }

        var item = new SupervisedItem(petition.Id, petition.Number, petition.State, petition.DecisionOutcome,
            petition.Deadlines.Any(d => d.MetOn == null && !d.Cancelled && d.DueOn < today));
        var notice = SupervisionNotice.Issue(Guid.CreateVersion7(now), item, r.Reason!.Value, r.Details!,
            addressee, staff.Actor, settings.PolicyFor(staff.OrganizationId), settings.Calendar, now);
        db.Add(notice);
        await db.SaveChangesAsync(ct);
        var names = await OrganizationNames.LoadAsync(db, [notice.IssuedByOrganizationId, notice.AddressedToOrganizationId], ct);
        return TypedResults.Created($"/api/supervision/notices/{notice.Id}", NoticeView.From(notice, today, names));
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/notices", (Request r, IssueSupervisionNotice uc, CancellationToken ct) => uc.HandleAsync(r, ct))
            .WithSummary("下发督办通知（条例第四十条、第三十二条第二款）").Produces<NoticeView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound);
}
