using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Supervision;

/// <summary>The recommendations the caller's organisation made or received, newest first (the annual report counts them, Art. 41(三)).</summary>
public sealed class ListRecommendations(AppDbContext db, CurrentStaff staff, PetitionGuard guard, TimeProvider clock)
{
    public const int MaxItems = 500;

    public async Task<IResult> HandleAsync(RecommendationKind? kind, CancellationToken ct)
    {
        if (kind is { } k && !Enum.IsDefined(k))
        {
            return new RequestErrors().Add("kind", "建议类别无效").Problem();
        }

        var org = staff.OrganizationId;
        // A recommendation about an item is listed only to those who may see the item (Art. 28, Art. 30 ¶3).
        var visible = guard.Petitions;
        var notices = db.Set<SupervisionNotice>();
        var query = db.Set<Recommendation>().AsNoTracking().Where(r => r.IssuedByOrganizationId == org || r.AddressedToOrganizationId == org)
            .Where(r => r.PetitionId == null || visible.Any(p => p.Id == r.PetitionId))
            .Where(r => r.SupervisionNoticeId == null || notices.Any(n => n.Id == r.SupervisionNoticeId && visible.Any(p => p.Id == n.PetitionId)));
        if (kind is { } wanted)
        {
            query = query.Where(r => r.Kind == wanted);
        }

        var list = await query.OrderByDescending(r => r.IssuedOn).ThenByDescending(r => r.Id).Take(MaxItems).ToListAsync(ct);
        var names = await OrganizationNames.LoadAsync(db, list.Select(r => r.AddressedToOrganizationId), ct);
        var today = DeadlineTime.LocalDate(clock.GetUtcNow());
        return TypedResults.Ok(list.Select(r => RecommendationView.From(r, today, names)).ToList());
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/recommendations", (RecommendationKind? kind, ListRecommendations uc, CancellationToken ct) => uc.HandleAsync(kind, ct))
            .WithSummary("建议及其采纳情况").Produces<List<RecommendationView>>();
}
