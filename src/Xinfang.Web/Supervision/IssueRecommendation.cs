using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Supervision;

/// <summary>
/// 建议 (条例 Art. 40 ¶1–3): improve the work, improve a policy, or pursue accountability. The
/// addressee may sit outside the bureau's jurisdiction (the 党委和政府 of its level, or the body with
/// management authority); a related item or 督办 notice must be the bureau's own.
/// </summary>
public sealed class IssueRecommendation(OrganizationDirectory directory, AppDbContext db, CurrentStaff staff, PetitionGuard guard, TimeProvider clock, Deadlines.DeadlineSettings settings)
{
    public sealed record Request(
        RecommendationKind? Kind,
        string? Text,
        Guid? AddressedToOrganizationId,
        Guid? PetitionId,
        Guid? SupervisionNoticeId,
        AccountabilitySubject? Subject,
        string? SubjectName,
        string? Consequences);

    public async Task<IResult> HandleAsync(Request r, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Defined(r.Kind, "kind", "建议类别")
            .Text(r.Text, "text", "建议内容", Recommendation.MaxTextLength)
            .Text(r.SubjectName, "subjectName", "被追责的单位或人员", Recommendation.MaxNameLength, required: false)
            .Text(r.Consequences, "consequences", "造成的严重后果", Recommendation.MaxTextLength, required: false);
        if (r.Kind != RecommendationKind.Accountability && r.Subject is { } subject && !Enum.IsDefined(subject))
        {
            errors.Add("subject", "被追责对象类别无效");
        }

        // Art. 40 ¶3: an accountability recommendation names whom (unit or officer) and the serious consequences.
        if (r.Kind == RecommendationKind.Accountability)
        {
            errors.Defined(r.Subject, "subject", "被追责对象类别")
                .Text(r.SubjectName, "subjectName", "被追责的单位或人员", Recommendation.MaxNameLength)
                .Text(r.Consequences, "consequences", "造成的严重后果", Recommendation.MaxTextLength);
        }

        var j = await Jurisdiction.LoadAsync(directory, staff.OrganizationId, ct);
        if (r.AddressedToOrganizationId is not { } to || !j.IsKnown(to))
        {
            errors.Add("addressedToOrganizationId", r.AddressedToOrganizationId is null ? "请指定建议的对象" : "建议对象不存在");
        }

        // The item the recommendation concerns (named, or through its 督办 notice), read through the
        // caller's scope: the same rule as casework (PetitionRules), 回避 and the accused rule included.
        var items = new List<Domain.Petitions.Petition>();
        if (r.PetitionId is { } pid)
        {
            var item = await VisibleItemAsync(pid, ct);
            if (item is null || !j.Covers(item.CurrentOrganizationId))
            {
                errors.Add("petitionId", "信访件不存在或不在本辖区");
            }
            else
            {
                items.Add(item);
            }
        }

        if (r.SupervisionNoticeId is { } nid)
        {
            var noticeItem = await db.Set<SupervisionNotice>().AsNoTracking().Where(n => n.Id == nid && n.IssuedByOrganizationId == staff.OrganizationId)
                .Select(n => (Guid?)n.PetitionId).SingleOrDefaultAsync(ct);
            var item = noticeItem is { } id ? await VisibleItemAsync(id, ct) : null;
            if (item is null)
            {
                errors.Add("supervisionNoticeId", "督办通知不存在或不是本单位下发的");
            }
            else
            {
                items.Add(item);
            }
        }

        // 条例 Art. 30 ¶3, 40: a recommendation about an item goes only to a body of the jurisdiction that may see it.
        if (items.Count > 0 && r.AddressedToOrganizationId is { } addressee && j.IsKnown(addressee))
        {
            if (!j.Covers(addressee))
            {
                errors.Add("addressedToOrganizationId", "涉及信访件的建议，对象应在本辖区内");
            }
            else if (items.Any(item => !PetitionRules.BodyMayView(addressee, item, directory)))
            {
                errors.Add("addressedToOrganizationId", SupervisionAccess.AddresseeMayNotSee);
            }
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
        var recommendation = Recommendation.Issue(Guid.CreateVersion7(now), r.Kind!.Value, r.Text!, r.AddressedToOrganizationId!.Value,
            r.PetitionId, r.SupervisionNoticeId, r.Subject, r.SubjectName, r.Consequences, staff.Actor, settings.PolicyFor(staff.OrganizationId), settings.Calendar, now);
        db.Add(recommendation);
        await db.SaveChangesAsync(ct);
        var names = await OrganizationNames.LoadAsync(db, [recommendation.AddressedToOrganizationId], ct);
        return TypedResults.Created($"/api/supervision/recommendations/{recommendation.Id}", RecommendationView.From(recommendation, DeadlineTime.LocalDate(now), names));
    }

    private async Task<Domain.Petitions.Petition?> VisibleItemAsync(Guid id, CancellationToken ct)
    {
        var item = await guard.Petitions.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct);
        return item is not null && await guard.MayAsync(item, PetitionOperation.View) ? item : null;
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/recommendations", (Request r, IssueRecommendation uc, CancellationToken ct) => uc.HandleAsync(r, ct))
            .WithSummary("提出改进工作、完善政策或追究责任的建议（条例第四十条）").Produces<RecommendationView>(StatusCodes.Status201Created);
}
