using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Casework;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Supervision;

/// <summary>The joint meeting's measures the caller's organisation recorded or was subject to, newest first.</summary>
public sealed class ListJointMeetingMeasures(AppDbContext db, CurrentStaff staff)
{
    public const int MaxItems = 500;

    public async Task<IResult> HandleAsync(CancellationToken ct)
    {
        var org = staff.OrganizationId;
        var list = await db.Set<JointMeetingMeasure>().AsNoTracking()
            .Where(m => m.RecordedByOrganizationId == org || m.TargetOrganizationId == org)
            .OrderByDescending(m => m.DecidedOn).ThenByDescending(m => m.Id)
            .Take(MaxItems)
            .ToListAsync(ct);
        var names = await OrganizationNames.LoadAsync(db, list.Select(m => m.TargetOrganizationId), ct);
        return TypedResults.Ok(list.Select(m => MeasureView.From(m, names)).ToList());
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/measures", (ListJointMeetingMeasures uc, CancellationToken ct) => uc.HandleAsync(ct))
            .WithSummary("联席会议措施（约谈、通报、挂牌督办）").Produces<List<MeasureView>>();
}
