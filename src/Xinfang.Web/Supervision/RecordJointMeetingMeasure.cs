using Xinfang.Domain.Supervision;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Supervision;

/// <summary>
/// Records a measure of the 信访工作联席会议 (条例 Art. 39 ¶3): 约谈, 通报 or 挂牌督办 of a leadership
/// team or leader within the jurisdiction, with the reason, the day and the meeting that decided it.
/// Recorded by the joint meeting's office (in the petition bureau or a joint-meeting organisation).
/// </summary>
public sealed class RecordJointMeetingMeasure(OrganizationDirectory directory, AppDbContext db, CurrentStaff staff, TimeProvider clock)
{
    public sealed record Request(
        MeasureKind? Kind,
        MeasureTarget? Target,
        Guid? TargetOrganizationId,
        string? LeaderName,
        string? Reason,
        DateOnly? DecidedOn,
        string? DecidedBy,
        DateOnly? RectifyBy);

    public async Task<IResult> HandleAsync(Request r, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Defined(r.Kind, "kind", "措施类别")
            .Defined(r.Target, "target", "措施对象")
            .Text(r.Reason, "reason", "采取措施的理由", JointMeetingMeasure.MaxTextLength)
            .Text(r.DecidedBy, "decidedBy", "作出决定的联席会议", JointMeetingMeasure.MaxNameLength)
            .Text(r.LeaderName, "leaderName", "领导干部姓名职务", JointMeetingMeasure.MaxNameLength, required: r.Target == MeasureTarget.Leader);
        if (r.DecidedOn is null)
        {
            errors.Add("decidedOn", "请填写决定日期");
        }

        var j = await Jurisdiction.LoadAsync(directory, staff.OrganizationId, ct);
        if (r.TargetOrganizationId is not { } target || !j.Covers(target))
        {
            errors.Add("targetOrganizationId", r.TargetOrganizationId is null ? "请指定措施针对的单位" : "该单位不存在或不在本辖区");
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
        var measure = JointMeetingMeasure.Record(Guid.CreateVersion7(now), r.Kind!.Value, r.Target!.Value, r.TargetOrganizationId!.Value,
            r.LeaderName, r.Reason!, r.DecidedOn!.Value, r.DecidedBy!, r.RectifyBy, staff.Actor, now);
        db.Add(measure);
        await db.SaveChangesAsync(ct);
        var names = await OrganizationNames.LoadAsync(db, [measure.TargetOrganizationId], ct);
        return TypedResults.Created($"/api/supervision/measures/{measure.Id}", MeasureView.From(measure, names));
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/measures", (Request r, RecordJointMeetingMeasure uc, CancellationToken ct) => uc.HandleAsync(r, ct))
            .WithSummary("登记联席会议约谈、通报、挂牌督办（条例第三十九条第三款）").Produces<MeasureView>(StatusCodes.Status201Created);
}
